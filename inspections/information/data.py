"""Each framework's request for information, as data: what the area sends before the week on
site, and on which working day it is due (the day of notification is day 1).

The joint targeted area inspections ask the area, once notified, for child-level lists from
which inspectors select the deep-dive cases, the partnership's own audits of those cases, the
case documents, and the consent of the families inspectors will meet. The framework and
guidance (its title below, as on GOV.UK) counts the day of notification as day 1 and gives ten
working days' notice before the week on site, so the on-site week starts on day 11. What the
public accounts of the process say about the days, and what each item below follows:

- the list of the children in the theme's cohort is asked for on the day of notification
  (an Ofsted lead inspector, in "Big-picture inspection: guide to the new JTAI", Children &
  Young People Now, 2016): due here on day 2;
- in week one the inspectors request information, select children and ask the agencies to audit
  them; in week two the agencies audit and send their audits (Sheffield Children Safeguarding
  Partnership, "Joint Targeted Area Inspection (JTAI) – Guidance for practitioners"): the
  arrangements and self-evaluation due on day 3, the case documents on day 5 (the end of week
  one), the audits and the families' consent on day 7 (in week two, before the team arrives).

The guidance's annex with the exact hour each item is due was not available to check: the days
of items other than those two are this product's reading of the timetable; change them here if
the annex in force says otherwise (a data change, not code).

The frameworks that never ran as joint inspections (the 2012 and 2015 frameworks, the
front-door proposal) had no published list of their own: they use the joint inspections'.
"""

from __future__ import annotations

from dataclasses import dataclass

CYP_NOW_2016 = (
    "Big-picture inspection: guide to the new JTAI (Children & Young People Now, 2016): the "
    "list of children is asked for on the day of notification"
)
SHEFFIELD_GUIDANCE = (
    "Joint Targeted Area Inspection (JTAI) – Guidance for practitioners (Sheffield Children "
    "Safeguarding Partnership): agencies audit the selected children in week two"
)
JTAI_GUIDANCE = (
    "Joint inspections of arrangements and services for children in need of help and "
    "protection: framework and guidance for joint targeted area inspections of local area "
    "services (Ofsted, CQC, HMIC, HMI Probation)"
)


@dataclass(frozen=True)
class ItemSpec:
    code: str
    title: str
    description: str
    due_working_day: int  # day 1 is the day of notification
    source: str = JTAI_GUIDANCE


JTAI_ITEMS: tuple[ItemSpec, ...] = (
    ItemSpec(
        "child-level-lists",
        "Child-level lists of the children in scope of the theme",
        "One row per child, by reference only (never names): the children each agency has "
        "worked with in the theme's period, with age, plan type and the agencies involved. "
        "Inspectors select the deep-dive cases from these lists.",
        2,
        CYP_NOW_2016,
    ),
    ItemSpec(
        "safeguarding-arrangements",
        "The local safeguarding arrangements and their latest annual report",
        "The published multi-agency safeguarding arrangements, the partnership's latest "
        "annual report, and structure charts of the agencies in scope.",
        3,
    ),
    ItemSpec(
        "self-evaluation",
        "The partnership's self-evaluation of its response to the theme",
        "What the partners know about the quality and impact of their work on the theme, and "
        "the evidence they rely on.",
        3,
    ),
    ItemSpec(
        "case-documents",
        "Case documents for the children inspectors have selected",
        "Each agency's assessments, plans, strategy discussion records and chronologies for "
        "the selected children.",
        5,
    ),
    ItemSpec(
        "partnership-audits",
        "The partnership's audits of the selected cases",
        "A multi-agency audit of each selected case, completed by the agencies involved, with "
        "what the audit found and what was done about it.",
        7,
        SHEFFIELD_GUIDANCE,
    ),
    ItemSpec(
        "consent-to-meet-families",
        "Consent of children and families to meet inspectors",
        "For each selected case, whether the child and family agree to meet or speak with "
        "inspectors, and how to contact them safely.",
        7,
    ),
)

# Keyed by framework code; a framework not listed uses the joint inspections' list.
REQUEST_ITEMS: dict[str, tuple[ItemSpec, ...]] = {"jtai": JTAI_ITEMS}


def items_for(framework_code: str) -> tuple[ItemSpec, ...]:
    return REQUEST_ITEMS.get(framework_code, JTAI_ITEMS)

"""Writing the report, section by section: the sections a report form has (created once,
pre-filled from the judgements), each owner's saves with optimistic concurrency and a revision
per save, and the participating inspectorates' leads agreeing them (quality assurance) before
the factual-accuracy version goes to the area."""

from __future__ import annotations

from django.db import transaction

from agencies.models import AreaContact
from agencies.selectors import agency_names_on, contact_role_label, inspectorate_names_on
from inspections.models import Inspection, Judgement, ReportForm, SharedJudgement, Status
from inspections.permissions import team_membership
from inspections.recording.services.common import StaleVersionError
from jtai import clock
from jtai.exceptions import ApplicationError, ConflictError

from ..assembly import LETTER_ROLES, _date_range, _inspectorate_names
from ..models import (
    KEY_FINDINGS_KEYS,
    FactualAccuracyComment,
    ReportSection,
    ReportSectionAgreement,
    ReportSectionRevision,
    SectionKind,
    SectionStatus,
)
from ..permissions import (
    concerned_inspectorates,
    require_can_agree_section,
    require_can_edit_section,
)

MAX_SECTION_LENGTH = 20000

# While the text may change: from moderation until publication (an accepted factual-accuracy
# correction is applied in the factual-accuracy state).
EDITABLE_STATES = (Status.MODERATION, Status.FACTUAL_ACCURACY)
# Sections are agreed before the factual-accuracy version is sent.
AGREEING_STATES = (Status.MODERATION,)


def _bullets(items) -> str:
    return "\n".join(f"- {' '.join(item.split())}" for item in items if item and item.strip())


def _join(*blocks) -> str:
    return "\n\n".join(b for b in blocks if b)


def _list_names(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _shared_key(area_code: str) -> str:
    return f"shared-{area_code}".replace("_", "-")


def _agency_key(agency_id: int) -> str:
    return f"agency-{agency_id}"


def _summary_plan(inspection, judgements, shared) -> list[dict]:
    plan = [
        {"key": "key-findings", "kind": SectionKind.KEY_FINDINGS, "text": ""},
        {
            "key": "partnership-improvements",
            "kind": SectionKind.PARTNERSHIP_IMPROVEMENTS,
            "text": _bullets(i for sj in shared for i in sj.improvements),
        },
    ]
    for sj in shared:
        plan.append(
            {
                "key": _shared_key(sj.area.code),
                "kind": SectionKind.SHARED_JUDGEMENT,
                "title": sj.area.title,
                "text": sj.text.strip(),
            }
        )
    agencies: dict[int, dict] = {}
    names = agency_names_on(inspection.window_start, {j.agency for j in judgements})
    for judgement in judgements:
        entry = agencies.setdefault(
            judgement.agency_id,
            {
                "key": _agency_key(judgement.agency_id),
                "kind": SectionKind.AGENCY,
                "title": names[judgement.agency_id],
                "agency": judgement.agency,
                "inspectorate": judgement.inspectorate,
                "strengths": [],
                "improvements": [],
            },
        )
        entry["strengths"] += [s for s in judgement.strengths if s]
        entry["improvements"] += [s for s in judgement.improvements if s]
    for entry in agencies.values():
        strengths, improvements = entry.pop("strengths"), entry.pop("improvements")
        entry["text"] = _join(
            "Key strengths" if strengths else "",
            _bullets(strengths),
            "Areas for improvement" if improvements else "",
            _bullets(improvements),
        )
        plan.append(entry)
    return plan


def _letter_plan(inspection, judgements, shared) -> list[dict]:
    version = inspection.framework_version
    order = {role: i for i, role in enumerate(LETTER_ROLES)}
    contacts = sorted(
        AreaContact.objects.filter(authority=inspection.authority, role__in=LETTER_ROLES),
        key=lambda c: (order.get(c.role, 99), c.name),
    )
    names_on_day = inspectorate_names_on(inspection.window_start)
    names = [
        _inspectorate_names(i, names_on_day)["name"]
        for i in inspection.inspectorates.order_by("order", "name")
    ]
    theme = inspection.theme.name if inspection.theme_id else ""
    theme = theme[:1].lower() + theme[1:]
    scope = (
        f"From {_date_range(inspection.window_start, inspection.window_end)}, "
        f"{_list_names(names)} carried out a joint inspection of the multi-agency response "
        + (f"to {theme} " if theme else "")
        + f"in {inspection.authority.name}."
        + "\n\nThis inspection evaluated the multi-agency response to all forms of child abuse, "
        "neglect and exploitation at the point of identification (the 'front door')"
        + (f", and a 'deep dive' into the response to {theme}." if theme else ".")
    )
    strengths = [s for j in judgements for s in j.strengths if s]
    strengths += [s for sj in shared for s in sj.strengths if s]
    improvements = [s for j in judgements for s in j.improvements if s]
    improvements += [s for sj in shared for s in sj.improvements if s]
    plan = [
        {
            "key": "addressees",
            "kind": SectionKind.ADDRESSEES,
            "text": "\n\n".join(
                f"{c.name}, {contact_role_label(c, inspection.window_start)}" for c in contacts
            ),
        },
        {"key": "scope", "kind": SectionKind.SCOPE, "text": scope},
        {"key": "headline-findings", "kind": SectionKind.HEADLINE_FINDINGS, "text": ""},
        {"key": "strengths", "kind": SectionKind.STRENGTHS, "text": _bullets(strengths)},
        {"key": "improvements", "kind": SectionKind.IMPROVEMENTS, "text": _bullets(improvements)},
        {"key": "case-studies", "kind": SectionKind.CASE_STUDIES, "text": ""},
    ]
    if version.action_plan_working_days:
        plan.append(
            {
                "key": LETTER_ACTION_KEY,
                "kind": SectionKind.STATEMENT_OF_ACTION,
                "text": (
                    f"{inspection.authority.name} and its partners should prepare a written "
                    "statement of proposed action responding to the findings outlined in this "
                    "letter. This should be a multi-agency response, setting out the actions "
                    "for the partnership and, when appropriate, individual agencies. It is due "
                    f"within {version.action_plan_working_days} working days of this letter's "
                    "publication."
                ),
            }
        )
    return plan


def section_plan(inspection: Inspection) -> list[dict]:
    """The sections the inspection's report form has, in order, with their pre-filled text."""
    judgements = list(
        Judgement.objects.filter(inspection=inspection)
        .select_related("agency__agency_type", "inspectorate")
        .order_by("agency__agency_type__order", "agency__name", "area__order")
    )
    shared = list(
        SharedJudgement.objects.filter(inspection=inspection)
        .select_related("area")
        .order_by("area__order")
    )
    if inspection.framework_version.report_form == ReportForm.LETTER_OF_FINDINGS:
        plan = _letter_plan(inspection, judgements, shared)
    else:
        plan = _summary_plan(inspection, judgements, shared)
    for order, entry in enumerate(plan, start=1):
        entry["order"] = order
        entry.setdefault("title", SectionKind(entry["kind"]).label)
    return plan


# The sections of a letter of findings (`_letter_plan`), the last only when an action plan is due.
LETTER_KEYS = (
    "addressees",
    "scope",
    "headline-findings",
    "strengths",
    "improvements",
    "case-studies",
)
LETTER_ACTION_KEY = "statement-of-action"


def section_keys(inspection: Inspection) -> set[str]:
    """The keys of `section_plan`, without writing the pre-filled texts: whether every
    section exists is known from the judged agencies and the shared areas alone."""
    version = inspection.framework_version
    if version.report_form == ReportForm.LETTER_OF_FINDINGS:
        due = {LETTER_ACTION_KEY} if version.action_plan_working_days else set()
        return set(LETTER_KEYS) | due
    keys = {entry["key"] for entry in _summary_plan(inspection, [], [])}
    keys |= {
        _shared_key(code)
        for code in SharedJudgement.objects.filter(inspection=inspection).values_list(
            "area__code", flat=True
        )
    }
    keys |= {
        _agency_key(agency_id)
        for agency_id in Judgement.objects.filter(inspection=inspection)
        .order_by()
        .values_list("agency_id", flat=True)
        .distinct()
    }
    return keys


def report_sections_ensure(*, inspection: Inspection) -> list[ReportSection]:
    """Create the sections the report does not have yet (idempotent); all of them, in order.

    A new section starts at version 0 with its pre-filled text, kept as revision 0. Once they
    all exist (every visit after the first) this only reads: no transaction, no texts written
    again."""
    existing = {s.key: s for s in ReportSection.objects.filter(inspection=inspection).order_by()}
    if report_sections_complete(inspection, existing.keys()):
        return sorted(existing.values(), key=lambda s: (s.order, s.pk))
    return _report_sections_create(inspection=inspection)


def report_sections_complete(inspection: Inspection, keys) -> bool:
    """Whether the sections of these keys are all the report has to have (then
    `report_sections_ensure` has nothing to create)."""
    keys = set(keys)
    return bool(keys) and section_keys(inspection) <= keys


@transaction.atomic
def _report_sections_create(*, inspection: Inspection) -> list[ReportSection]:
    existing = {s.key: s for s in ReportSection.objects.filter(inspection=inspection)}
    plan = section_plan(inspection)
    if all(entry["key"] in existing for entry in plan):
        return sorted(existing.values(), key=lambda s: (s.order, s.pk))
    # Two first visits at once create each section once.
    Inspection.objects.select_for_update().filter(pk=inspection.pk).first()
    existing = {s.key: s for s in ReportSection.objects.filter(inspection=inspection)}
    now = clock.now()
    for entry in plan:
        if entry["key"] in existing:
            continue
        section = ReportSection(
            inspection=inspection,
            key=entry["key"],
            kind=entry["kind"],
            title=entry["title"][:200],
            order=entry["order"],
            agency=entry.get("agency"),
            inspectorate=entry.get("inspectorate"),
            text=entry["text"],
            updated_at=now,
        )
        section.full_clean(exclude=["inspection"])
        section.save()
        ReportSectionRevision.objects.create(
            section=section, version=0, text=section.text, status=section.status, at=now
        )
        existing[section.key] = section
    return sorted(existing.values(), key=lambda s: (s.order, s.pk))


def key_findings_section(inspection: Inspection) -> ReportSection:
    """The section holding the report's key (letter: headline) findings."""
    report_sections_ensure(inspection=inspection)
    key = KEY_FINDINGS_KEYS[inspection.framework_version.report_form]
    return ReportSection.objects.get(inspection=inspection, key=key)


def section_is_agreed(section: ReportSection) -> bool:
    agreed = {
        a.inspectorate_id for a in section.agreements.all() if a.section_version == section.version
    }
    return all(i.pk in agreed for i in concerned_inspectorates(section))


def sections_not_agreed(inspection: Inspection) -> list[ReportSection]:
    sections = report_sections_ensure(inspection=inspection)
    return [s for s in sections if s.status != SectionStatus.AGREED]


def _clean_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_SECTION_LENGTH:
        raise ApplicationError(
            "The section is too long.",
            fields={"text": [f"The section must be {MAX_SECTION_LENGTH:,} characters or fewer."]},
        )
    return text


@transaction.atomic
def report_section_save(
    *,
    section: ReportSection,
    user,
    version: int,
    text: str,
    ready: bool = False,
    comment: FactualAccuracyComment | None = None,
) -> ReportSection:
    """The owner's save of `version` (the one they started from): refused with
    `StaleVersionError` (409) when someone saved since. Before factual accuracy, a save clears
    the section's agreements (the leads agree again); `ready` asks them to. `comment` links
    the revision to the factual-accuracy comment it answers."""
    inspection = section.inspection
    require_can_edit_section(user, section)
    if inspection.status not in EDITABLE_STATES:
        raise ConflictError("The report's text can change from moderation until publication only.")
    text = _clean_text(text)
    if comment is not None and comment.request.version.inspection_id != inspection.pk:
        raise ApplicationError("The comment is not about this report.")
    current = ReportSection.objects.select_for_update().get(pk=section.pk)
    if version is None or int(version) != current.version:
        raise StaleVersionError(
            "This section was changed by someone else after you started editing it.",
            current=current,
        )
    in_qa = inspection.status in AGREEING_STATES
    current.text = text
    current.version += 1
    current.updated_by = user
    current.updated_at = clock.now()
    if in_qa:
        ReportSectionAgreement.objects.filter(section=current).delete()
        current.status = SectionStatus.READY if ready else SectionStatus.DRAFT
    current.full_clean(exclude=["inspection", "agency", "inspectorate"])
    current.save()
    ReportSectionRevision.objects.create(
        section=current,
        version=current.version,
        text=current.text,
        status=current.status,
        by=user,
        at=current.updated_at,
        comment=comment,
    )
    return current


@transaction.atomic
def report_section_agree(*, section: ReportSection, user, version: int) -> ReportSection:
    """A concerned inspectorate's lead agrees the version they read; the section is agreed
    once every concerned lead has."""
    inspection = section.inspection
    inspectorate = require_can_agree_section(user, section)
    if inspection.status not in AGREEING_STATES:
        raise ConflictError("Sections are agreed during moderation, before factual accuracy.")
    current = ReportSection.objects.select_for_update().get(pk=section.pk)
    if version is None or int(version) != current.version:
        raise StaleVersionError(
            "The section changed after you read it: read the new version first.",
            current=current,
        )
    ReportSectionAgreement.objects.update_or_create(
        section=current,
        inspectorate=inspectorate,
        defaults={"by": user, "section_version": current.version, "at": clock.now()},
    )
    if section_is_agreed(current):
        current.status = SectionStatus.AGREED
        current.save(update_fields=["status"])
    return current


def user_inspectorate(user, inspection):
    member = team_membership(user, inspection)
    return member.inspectorate if member else None


__all__ = [
    "EDITABLE_STATES",
    "KEY_FINDINGS_KEYS",
    "concerned_inspectorates",
    "key_findings_section",
    "report_section_agree",
    "report_section_save",
    "report_sections_ensure",
    "section_is_agreed",
    "section_plan",
    "sections_not_agreed",
    "user_inspectorate",
]

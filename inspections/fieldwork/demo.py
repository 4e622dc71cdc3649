"""The demo's fieldwork for Haringey's JTAI (abuse and neglect, on site 4 to 8 December 2017):
the cohort the lead chose from the area's list, the week on site's timetable, each tracked
case's answers by the inspectorates taking part, and the partnership's audits with the
inspectors' evaluations.

Runs after `inspections.demo` (Haringey in fieldwork) and before `inspections.recording.demo`
(which takes it on to moderation). Through the services, with the clock on the days it
happened; idempotent. Case references are invented; there are no names.
"""

import datetime

from inspections.models import Inspection, Status, TeamRole, TrackedCase
from jtai import clock

from . import selectors, services
from .permissions import judging_inspectorates

REFERENCE = "demo-published"
D = datetime.date
T = datetime.time
SELECTED = datetime.datetime(2017, 11, 23, 11, 0)
ANSWERED = datetime.datetime(2017, 12, 6, 15, 0)

# (reference, age, plan)
COHORT = [
    ("HAR-0117", 9, "child_protection"),
    ("HAR-0245", 13, "child_in_need"),
    ("HAR-0388", 15, "looked_after"),
    ("HAR-0412", 11, "child_protection"),
    ("HAR-0563", 14, "child_protection"),
]

# (date, start, end, kind, title, room, who from the team: "all", "lead" or inspectorate
# codes, other attendees by job title)
TIMETABLE = [
    (D(2017, 12, 4), T(9), T(10), "team", "Team briefing", "Room 1, River Park House", "all", []),
    (
        D(2017, 12, 4),
        T(10, 30),
        T(11, 30),
        "keeping_in_touch",
        "Keeping in touch with the DCS",
        "DCS's office",
        "lead",
        ["Director of children's services"],
    ),
    (
        D(2017, 12, 4),
        T(14),
        T(15, 30),
        "observation",
        "Observation of MASH strategy discussions",
        "MASH",
        ["ofsted", "hmicfrs"],
        ["MASH team manager", "Detective sergeant, MASH"],
    ),
    (
        D(2017, 12, 5),
        T(10),
        T(11),
        "interview",
        "Interview with the head of safeguarding, CCG",
        "Room 2, River Park House",
        ["cqc"],
        ["Designated nurse for safeguarding children"],
    ),
    (
        D(2017, 12, 5),
        T(14),
        T(15, 30),
        "focus_group",
        "Focus group with school designated safeguarding leads",
        "Room 1, River Park House",
        ["ofsted"],
        ["Designated safeguarding leads (six schools)"],
    ),
    (
        D(2017, 12, 6),
        T(10),
        T(11),
        "children_families",
        "Meeting with a young person and their foster carer",
        "Family centre",
        ["ofsted"],
        ["Young person (case HAR-0388)", "Foster carer", "Social worker"],
    ),
    (
        D(2017, 12, 6),
        T(13),
        T(14, 30),
        "focus_group",
        "Focus group with neighbourhood police officers",
        "Tottenham police station",
        ["hmicfrs"],
        ["Neighbourhood police officers"],
    ),
    (
        D(2017, 12, 7),
        T(10),
        T(11),
        "interview",
        "Interview with the youth offending service manager",
        "Room 2, River Park House",
        ["hmiprobation"],
        ["Youth offending service manager"],
    ),
    (
        D(2017, 12, 7),
        T(16),
        T(16, 45),
        "keeping_in_touch",
        "Keeping in touch with the DCS",
        "DCS's office",
        "lead",
        ["Director of children's services"],
    ),
    (
        D(2017, 12, 8),
        T(14),
        T(15, 30),
        "feedback",
        "Feedback meeting",
        "Council chamber, Haringey Civic Centre",
        "all",
        [
            "Chief executive",
            "Director of children's services",
            "Borough commander, Metropolitan Police",
            "Chief nurse, clinical commissioning group",
            "Independent chair, safeguarding children board",
        ],
    ),
]

ANSWER = (
    "Records read with the practitioner: the concern was recognised, but the history of neglect "
    "was not brought together in a chronology until the child protection conference."
)
AUDITS = {
    "HAR-0117": ("The area's audit found the plan drifted for four months.", "good", ""),
    "HAR-0245": (
        "The area's audit found timely help from the school.",
        "adequate",
        "It did not test whether the help made a difference to the child.",
    ),
}


def _attendees(spec, members):
    if spec == "all":
        return members
    if spec == "lead":
        return [m for m in members if m.role == TeamRole.OVERALL_LEAD]
    return [m for m in members if m.inspectorate.code in spec]


def seed(stdout) -> None:
    inspection = (
        Inspection.objects.filter(reference=REFERENCE)
        .select_related("framework_version", "theme", "authority")
        .first()
    )
    if inspection is None or inspection.theme_id is None:
        stdout.write(f"fieldwork: no themed inspection '{REFERENCE}', skipped")
        return
    if TrackedCase.objects.filter(inspection=inspection).exists():
        stdout.write("fieldwork: already there")
        return
    if inspection.status != Status.FIELDWORK:
        stdout.write(f"fieldwork: '{REFERENCE}' is not in fieldwork, skipped")
        return
    members = list(inspection.team.filter(is_active=True).select_related("user", "inspectorate"))
    lead = next((m.user for m in members if m.role == TeamRole.OVERALL_LEAD), None)
    if lead is None:
        stdout.write(f"fieldwork: '{REFERENCE}' has no overall lead, skipped")
        return
    with clock.travel_to(SELECTED):
        cases = [
            services.tracked_case_add(
                inspection=inspection, user=lead, reference=ref, age=age, plan_type=plan
            )
            for ref, age, plan in COHORT
        ]
        for day, start, end, kind, title, room, who, others in TIMETABLE:
            services.session_create(
                inspection=inspection,
                user=lead,
                date=day,
                start_time=start,
                end_time=end,
                kind=kind,
                title=title,
                room=room,
                attendees=_attendees(who, members),
                external_attendees="\n".join(others),
            )
    questions = selectors.questions_for(inspection)[:2]
    judged_by = judging_inspectorates(inspection)
    by_inspectorate = {m.inspectorate_id: m.user for m in members}
    with clock.travel_to(ANSWERED):
        for case in cases:
            for agency in inspection.agencies.all():
                writer = by_inspectorate.get(judged_by.get(agency.agency_type_id))
                if writer is None:
                    continue
                services.case_answers_record(
                    case=case,
                    agency=agency,
                    user=writer,
                    answers={q.code: ANSWER for q in questions},
                )
            if case.reference in AUDITS:
                audit, evaluation, comment = AUDITS[case.reference]
                services.case_audit_record(
                    case=case,
                    user=lead,
                    partnership_audit=audit,
                    evaluation=evaluation,
                    comment=comment,
                )
    stdout.write(f"fieldwork: {REFERENCE}: {len(cases)} tracked cases, {len(TIMETABLE)} sessions")

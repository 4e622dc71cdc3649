"""Demo data for the lifecycle: partner agencies and contacts in real areas, and inspections at
every stage of the journey, each built through the services with the clock set to the day each
step happens in its story, so histories, stamps and due dates are the services' own.

Agencies are real bodies (police forces, health bodies, probation regions, youth justice
services, safeguarding partnerships, and HMYOI Wetherby in Leeds, the one custodial
establishment for children among these areas). The contacts are made-up people at
example.org addresses.

Inspections, found by later seeders through their references:
- `demo-published`: Haringey's joint targeted area inspection of the response to abuse and
  neglect, on the real dates: notified 21 November 2017, on site 4 to 8 December 2017, draft
  for factual accuracy 3 January 2018, comments back 16 January, published 30 January 2018,
  written statement of action due 11 May 2018 (70 working days);
- `demo-fieldwork`: Leeds, JTAI, in fieldwork now;
- `demo-moderation`: Birmingham, JTAI, in moderation (window about six weeks ago);
- `demo-notified`: Nottingham, JTAI, notified, starting next week;
- `demo-planned`: Leeds over Christmas, a hypothetical run of the 2015 integrated inspection
  (proposed and piloted, never run), always in the future, with HMI Prisons taking part for
  HMYOI Wetherby and only the overall lead on the team yet;
- `demo-planned-kent`, `demo-clash` (Nottinghamshire, sharing its police force with
  Nottingham in the same week), `demo-deferred`, and `demo-past-*` (JTAIs published months
  ago, statements of action due) for the calendar.

This module takes each inspection as far as fieldwork; `inspections.recording.demo` records
the fieldwork and moves on to moderation, and `reports.demo` moderates, reports and publishes,
each at the dates `milestones` gives. Idempotent: each inspection is made once, by reference,
and each step is taken only from the state before it; agencies and contacts by name.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from agencies.models import AgencyType, AreaContact, LocalAuthority, PartnerAgency, Role, User
from jtai import clock

from . import selectors, workdays
from .models import Framework, FrameworkVersion, Inspection, Status, TeamRole, Theme
from .services import frameworks, notifications, scheduling, teams
from .services.transitions import inspection_transition

# area -> [(agency type code, name, other areas it also serves)]
AGENCIES = {
    "Haringey": [
        ("childrens_social_care", "Haringey Council children's services", []),
        ("education", "Haringey Council schools and learning", []),
        (
            "health",
            "NHS North Central London Integrated Care Board",
            ["Enfield", "Barnet", "Camden", "Islington"],
        ),
        ("health", "Whittington Health NHS Trust", ["Islington"]),
        ("police", "Metropolitan Police Service", ["Enfield", "Barnet", "Camden", "Islington"]),
        (
            "probation",
            "The Probation Service, London region",
            ["Enfield", "Barnet", "Camden", "Islington"],
        ),
        ("youth_offending", "Haringey Youth Justice Service", []),
        ("lscb", "Haringey Safeguarding Children Partnership", []),
    ],
    "Birmingham": [
        ("childrens_social_care", "Birmingham Children's Trust", []),
        ("education", "Birmingham City Council education and skills", []),
        ("health", "NHS Birmingham and Solihull Integrated Care Board", ["Solihull"]),
        ("health", "Birmingham Women's and Children's NHS Foundation Trust", []),
        (
            "police",
            "West Midlands Police",
            ["Solihull", "Coventry", "Sandwell", "Dudley", "Walsall", "Wolverhampton"],
        ),
        (
            "probation",
            "The Probation Service, West Midlands region",
            ["Solihull", "Coventry", "Sandwell", "Dudley", "Walsall", "Wolverhampton"],
        ),
        ("youth_offending", "Birmingham Youth Justice Service", []),
        ("lscb", "Birmingham Safeguarding Children Partnership", []),
    ],
    "Leeds": [
        ("childrens_social_care", "Leeds City Council children and families", []),
        ("education", "Leeds City Council learning", []),
        (
            "health",
            "NHS West Yorkshire Integrated Care Board",
            ["Bradford", "Calderdale", "Kirklees", "Wakefield"],
        ),
        ("health", "Leeds Teaching Hospitals NHS Trust", []),
        ("police", "West Yorkshire Police", ["Bradford", "Calderdale", "Kirklees", "Wakefield"]),
        (
            "probation",
            "The Probation Service, Yorkshire and the Humber region",
            ["Bradford", "Calderdale", "Kirklees", "Wakefield"],
        ),
        ("youth_offending", "Leeds Youth Justice Service", []),
        ("custodial", "HMYOI Wetherby", []),
        ("lscb", "Leeds Safeguarding Children Partnership", []),
    ],
    "Cornwall": [
        ("childrens_social_care", "Cornwall Council children's services", []),
        ("education", "Cornwall Council education", []),
        ("health", "NHS Cornwall and Isles of Scilly Integrated Care Board", []),
        ("health", "Royal Cornwall Hospitals NHS Trust", []),
        ("police", "Devon and Cornwall Police", ["Devon", "Plymouth", "Torbay"]),
        ("probation", "The Probation Service, South West region", ["Devon", "Plymouth", "Torbay"]),
        ("youth_offending", "Cornwall Youth Justice Service", []),
        ("lscb", "Cornwall and Isles of Scilly Safeguarding Children Partnership", []),
    ],
    "Kent": [
        ("childrens_social_care", "Kent County Council children's services", []),
        ("education", "Kent County Council education", []),
        ("health", "NHS Kent and Medway Integrated Care Board", ["Medway"]),
        ("police", "Kent Police", ["Medway"]),
        ("probation", "The Probation Service, Kent, Surrey and Sussex region", ["Medway"]),
        ("youth_offending", "Kent Youth Justice Service", []),
        ("lscb", "Kent Safeguarding Children Multi-Agency Partnership", []),
    ],
    "Nottingham": [
        ("childrens_social_care", "Nottingham City Council children's services", []),
        ("education", "Nottingham City Council education", []),
        ("health", "NHS Nottingham and Nottinghamshire Integrated Care Board", ["Nottinghamshire"]),
        ("health", "Nottingham University Hospitals NHS Trust", ["Nottinghamshire"]),
        ("police", "Nottinghamshire Police", ["Nottinghamshire"]),
        ("probation", "The Probation Service, East Midlands region", ["Nottinghamshire"]),
        ("youth_offending", "Nottingham City Youth Justice Service", []),
        ("lscb", "Nottingham City Safeguarding Children Partnership", []),
    ],
    "Nottinghamshire": [
        ("childrens_social_care", "Nottinghamshire County Council children's services", []),
        ("youth_offending", "Nottinghamshire Youth Justice Service", []),
        ("lscb", "Nottinghamshire Safeguarding Children Partnership", []),
    ],
}

# Made-up people in each area's leading roles (example.org addresses only).
CONTACT_PEOPLE = [
    (
        "dcs",
        "Director of children's services",
        [
            "Alex Morgan",
            "Sam Patel",
            "Jo Fletcher",
            "Chris Adebayo",
            "Nicola Shaw",
            "Ravi Chauhan",
            "Helen Doyle",
        ],
    ),
    (
        "chief_executive",
        "Chief executive",
        [
            "Pat Lawson",
            "Morgan Reid",
            "Kim Osei",
            "Lee Harding",
            "Ruth Bellamy",
            "Imogen Clarke",
            "Tariq Hussain",
        ],
    ),
    (
        "chief_constable",
        "Chief constable",
        [
            "Dana Frost",
            "Owen Pryce",
            "Marcus Bell",
            "Sian Roberts",
            "Gillian Moss",
            "Peter Walsh",
            "Femi Ade",
        ],
    ),
    (
        "health",
        "Health accountable officer",
        [
            "Jordan Blake",
            "Priti Shah",
            "Colin Ward",
            "Erin Walsh",
            "Mark Tully",
            "Leah Grant",
            "Tom Ridley",
        ],
    ),
    (
        "pcc",
        "Police and crime commissioner",
        [
            "Robin Hale",
            "Aidan Cole",
            "Joan Pike",
            "Ben Lowry",
            "Maya Sutton",
            "Olu Bankole",
            "Grace Ellis",
        ],
    ),
    (
        "probation",
        "Head of probation",
        [
            "Kerry Nash",
            "Ian Booth",
            "Parveen Akhtar",
            "Luke Rowe",
            "Zoe Marsh",
            "Hannah Quinn",
            "Adam Fox",
        ],
    ),
    (
        "yot",
        "Head of youth justice",
        [
            "Sally Ruiz",
            "Dev Mistry",
            "Ann Kerr",
            "Paul Brennan",
            "Lucy Tan",
            "Craig Munro",
            "Esther Obi",
        ],
    ),
    (
        "lscb_chair",
        "Independent chair of the safeguarding partnership",
        [
            "Miriam Hart",
            "Neil Sharp",
            "Beth Lyons",
            "Gary Holt",
            "Rosa Lind",
            "Yusuf Malik",
            "Clare Dunn",
        ],
    ),
]

# Extra demo inspectors for the second team (the notified inspection runs while the main demo
# team is in fieldwork). username, role, inspectorate, first name, last name
EXTRA_PEOPLE = [
    ("ofsted2", Role.LEAD_INSPECTOR, "ofsted", "Samuel", "Achebe"),
    ("cqc2", Role.INSPECTOR, "cqc", "Fiona", "Grant"),
    ("hmicfrs2", Role.INSPECTOR, "hmicfrs", "Imran", "Qureshi"),
]

HYPOTHETICAL_NOTE = (
    " Hypothetical run of a proposal: the 2015 integrated inspection was proposed and piloted "
    "but never ran; this revision exists so the demo can plan one, always in the future."
)

PUBLISHED_REFERENCE = "demo-published"
# The hypothetical run of the integrated proposal: planned today, for a window in the future.
HYPOTHETICAL_REFERENCE = "demo-planned"

# Haringey's JTAI as it happened (local times of day are the demo's).
HARINGEY = {
    "schedule": (datetime.date(2017, 10, 23), datetime.time(10, 0)),
    "staff": (datetime.date(2017, 10, 24), datetime.time(10, 0)),
    "notify": (datetime.date(2017, 11, 21), datetime.time(9, 30)),
    "start_fieldwork": (datetime.date(2017, 12, 4), datetime.time(9, 0)),
    "drafts": (datetime.date(2017, 12, 6), datetime.time(16, 0)),
    "complete": (datetime.date(2017, 12, 8), datetime.time(12, 0)),
    "close_evidence": (datetime.date(2017, 12, 8), datetime.time(17, 0)),
    "start_moderation": (datetime.date(2017, 12, 11), datetime.time(9, 30)),
    "sign_off": (datetime.date(2017, 12, 14), datetime.time(15, 0)),
    "draft_report": (datetime.date(2017, 12, 18), datetime.time(11, 0)),
    "factual_accuracy_version": (datetime.date(2018, 1, 3), datetime.time(9, 0)),
    "factual_accuracy": (datetime.date(2018, 1, 3), datetime.time(10, 0)),
    "comments": (datetime.date(2018, 1, 16), datetime.time(16, 0)),
    "respond": (datetime.date(2018, 1, 18), datetime.time(11, 0)),
    "final_report": (datetime.date(2018, 1, 25), datetime.time(14, 0)),
    "publish": (datetime.date(2018, 1, 30), datetime.time(9, 30)),
    "await_action_plan": (datetime.date(2018, 1, 30), datetime.time(9, 35)),
}


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def milestones(inspection: Inspection) -> dict[str, datetime.datetime]:
    """When each step of the inspection's story happens.

    Haringey's are the real dates; the hypothetical integrated run is planned now; the others
    follow from the inspection's own window (never later than now), so a later run of the seed
    finds the same dates whatever day it is.
    """
    if inspection.reference == PUBLISHED_REFERENCE:
        return {step: _at(day, time) for step, (day, time) in HARINGEY.items()}
    if inspection.reference == HYPOTHETICAL_REFERENCE:
        now = timezone.now()
        return {"schedule": now, "staff": now}
    start, end = inspection.window_start, inspection.window_end
    notice = inspection.notification_date or workdays.subtract_working_days(start, 10)

    def after_end(days: int, hour: int, minute: int = 0) -> datetime.datetime:
        return _at(workdays.add_working_days(end, days), datetime.time(hour, minute))

    steps = {
        "schedule": _at(workdays.subtract_working_days(notice, 20), datetime.time(10, 0)),
        "staff": _at(workdays.subtract_working_days(notice, 19), datetime.time(10, 0)),
        "notify": _at(notice, datetime.time(9, 30)),
        "start_fieldwork": _at(start, datetime.time(9, 0)),
        "drafts": _at(start + datetime.timedelta(days=2), datetime.time(16, 0)),
        "complete": _at(end, datetime.time(12, 0)),
        "close_evidence": _at(end, datetime.time(17, 0)),
        "start_moderation": after_end(2, 9, 30),
        "sign_off": after_end(5, 15),
        "return": after_end(5, 16),
        "draft_report": after_end(8, 11),
        "factual_accuracy_version": after_end(15, 9),
        "factual_accuracy": after_end(15, 10),
        "comments": after_end(24, 16),
        "respond": after_end(26, 11),
        "final_report": after_end(35, 14),
        "publish": after_end(40, 9, 30),
        "await_action_plan": after_end(40, 9, 35),
    }
    now = timezone.now()
    return {step: min(moment, now) for step, moment in steps.items()}


def advance(inspection: Inspection, verb: str, *, by, at: datetime.datetime, reason: str = ""):
    """Take one step of the lifecycle through its service, at the story's time."""
    with clock.travel_to(at):
        inspection_transition(inspection=inspection, verb=verb, by=by, reason=reason)
    inspection.refresh_from_db()


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _working_monday(day: datetime.date) -> datetime.date:
    """`day` if it is a working Monday, else the next working Monday."""
    day = _monday(day) if day.weekday() == 0 else _monday(day) + datetime.timedelta(days=7)
    while not workdays.is_working_day(day):
        day += datetime.timedelta(days=7)
    return day


def _working_monday_back(day: datetime.date) -> datetime.date:
    """The Monday of `day`'s week if it is a working day, else the working Monday before."""
    day = _monday(day)
    while not workdays.is_working_day(day):
        day -= datetime.timedelta(days=7)
    return day


def _authority(name: str) -> LocalAuthority:
    return LocalAuthority.objects.current().get(name=name)


def seed_agencies(stdout) -> None:
    types = {t.code: t for t in AgencyType.objects.all()}
    created = 0
    for area, rows in AGENCIES.items():
        authority = _authority(area)
        for type_code, name, others in rows:
            agency, made = PartnerAgency.objects.get_or_create(
                name=name, agency_type=types[type_code]
            )
            created += made
            agency.authorities.add(authority, *[_authority(o) for o in others])
    for index, area in enumerate(AGENCIES):
        authority = _authority(area)
        slug = authority.slug
        for role, _, names in CONTACT_PEOPLE:
            name = names[index % len(names)]
            AreaContact.objects.get_or_create(
                authority=authority,
                role=role,
                defaults={"name": name, "email": f"{role.replace('_', '-')}.{slug}@example.org"},
            )
    stdout.write(f"Partner agencies: {created} created in {len(AGENCIES)} demo areas")


def _extra_people() -> None:
    from agencies.demo import demo_password
    from agencies.models import Inspectorate

    for username, role, code, first, last in EXTRA_PEOPLE:
        if User.objects.filter(username=username).exists():
            continue
        user = User(
            username=username,
            role=role,
            inspectorate=Inspectorate.objects.get(code=code),
            first_name=first,
            last_name=last,
            email=f"{username}@demo.jtai.localhost",
        )
        user.set_password(demo_password())
        user.full_clean()
        user.save()


def _hypothetical_integrated(today: datetime.date) -> FrameworkVersion:
    """The 2015 integrated framework, revised to be open from today on (never in the past)."""
    original = Framework.objects.get(code="integrated-2015").versions.get(version=1)
    revision = original.revisions.filter(method__contains="Hypothetical run").first()
    if revision:
        return revision
    return frameworks.framework_version_revise(
        version=original,
        new_version=True,
        active_from=today,
        active_to=None,
        method=original.method + HYPOTHETICAL_NOTE,
    )


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _staff(inspection: Inspection, team: list[tuple[str, str, list[str]]]) -> None:
    """team: (username, role, agency type codes they inspect)."""
    agencies = list(inspection.agencies.select_related("agency_type"))
    for username, role, type_codes in team:
        user = _user(username)
        if user is None or inspection.team.filter(user=user).exists():
            continue
        chosen = [a for a in agencies if a.agency_type.code in type_codes]
        teams.team_member_add(inspection=inspection, user=user, role=role, agencies=chosen)


def _schedule(reference, area, version, start, *, theme=None, admin=None, optional=(), team=()):
    """Schedule and staff the inspection at the story's dates; (inspection, made now)."""
    existing = Inspection.objects.filter(reference=reference).first()
    if existing:
        return existing, False
    notice = workdays.notification_date_for(start, version.notice_working_days or 10)
    provisional = Inspection(reference=reference, window_start=start, notification_date=notice)
    provisional.window_end = scheduling.window_end_for(version, start)
    when = milestones(provisional)
    with clock.travel_to(when["schedule"]):
        inspection = scheduling.inspection_schedule(
            authority=_authority(area),
            framework_version=version,
            theme=theme,
            window_start=start,
            optional_inspectorates=optional,
            by=admin,
            reference=reference,
        ).inspection
    if team:
        with clock.travel_to(when["staff"]):
            _staff(inspection, list(team))
    return inspection, True


def _notify(inspection: Inspection, admin) -> None:
    """Notify the area and the team, and send the emails, on the notification day."""
    when = milestones(inspection)["notify"]
    advance(inspection, "notify", by=admin, at=when)
    with clock.travel_to(when):
        notifications.inspection_send_notification_emails(inspection_id=inspection.pk)
    inspection.refresh_from_db()


def _start_fieldwork(inspection: Inspection, lead) -> None:
    advance(inspection, "start_fieldwork", by=lead, at=milestones(inspection)["start_fieldwork"])


MAIN_TEAM = [
    ("lead", TeamRole.OVERALL_LEAD, []),
    ("ofsted", TeamRole.INSPECTOR, ["childrens_social_care", "education"]),
    ("cqc", TeamRole.INSPECTORATE_LEAD, ["health"]),
    ("hmicfrs", TeamRole.INSPECTORATE_LEAD, ["police"]),
    ("hmiprobation", TeamRole.INSPECTORATE_LEAD, ["probation", "youth_offending"]),
    ("hmiprisons", TeamRole.INSPECTORATE_LEAD, ["custodial"]),
]
SECOND_TEAM = [
    ("ofsted2", TeamRole.OVERALL_LEAD, ["childrens_social_care", "education"]),
    ("cqc2", TeamRole.INSPECTORATE_LEAD, ["health"]),
    ("hmicfrs2", TeamRole.INSPECTORATE_LEAD, ["police"]),
]


def _team_for(version: FrameworkVersion, optional=(), *, custodial=False, team=MAIN_TEAM):
    """The rows of `team` whose inspectorate takes part under `version`."""
    taking_part = {
        i.code
        for i in selectors.participating_inspectorates(
            version, custodial=custodial, optional=optional
        )
    }
    return [row for row in team if _user(row[0]) and _user(row[0]).inspectorate.code in taking_part]


def _optional(version: FrameworkVersion, *codes: str):
    return [
        r.inspectorate
        for r in version.inspectorate_rules.select_related("inspectorate")
        if r.inspectorate.code in codes and r.participation == "optional"
    ]


def _to_fieldwork(inspection: Inspection, admin) -> None:
    """Notify, then start fieldwork on the window's first day (each only if not yet taken)."""
    if inspection.status == Status.PLANNED:
        _notify(inspection, admin)
    if inspection.status == Status.NOTIFIED:
        lead = _user("lead") if inspection.team.filter(user__username="lead").exists() else admin
        _start_fieldwork(inspection, lead)


@transaction.atomic
def seed_inspections(stdout, today: datetime.date | None = None) -> list[Inspection]:
    today = today or timezone.localdate()
    admin = _user("admin")
    _extra_people()
    jtai = Framework.objects.get(code="jtai").versions.get(version=1)
    themes = Theme.objects.filter(framework__code="jtai")
    current_theme = themes.filter(end_date__isnull=True).order_by("-start_date").first()
    monday = _monday(today)
    made = []

    # Published: Haringey's JTAI on abuse and neglect, with HMI Probation, on its real dates.
    probation = _optional(jtai, "hmiprobation")
    inspection, new = _schedule(
        PUBLISHED_REFERENCE,
        "Haringey",
        jtai,
        datetime.date(2017, 12, 4),
        theme=themes.get(code="neglect"),
        admin=admin,
        optional=probation,
        team=_team_for(jtai, probation),
    )
    if new:
        made.append(inspection)
    _to_fieldwork(inspection, admin)

    # Moderation: Birmingham, on site about six weeks ago.
    start = _working_monday_back(monday - datetime.timedelta(weeks=6))
    inspection, new = _schedule(
        "demo-moderation",
        "Birmingham",
        jtai,
        start,
        theme=current_theme,
        admin=admin,
        optional=probation,
        team=_team_for(jtai, probation),
    )
    if new:
        made.append(inspection)
    _to_fieldwork(inspection, admin)

    # Fieldwork: Leeds, this week (from the working Monday before, if this one is a holiday).
    start = _working_monday_back(monday)
    inspection, new = _schedule(
        "demo-fieldwork",
        "Leeds",
        jtai,
        start,
        theme=current_theme,
        admin=admin,
        optional=probation,
        team=_team_for(jtai, probation),
    )
    if new:
        made.append(inspection)
    _to_fieldwork(inspection, admin)

    # Notified: Nottingham JTAI next week, with the second team.
    start = _working_monday(monday + datetime.timedelta(weeks=1))
    inspection, new = _schedule(
        "demo-notified",
        "Nottingham",
        jtai,
        start,
        theme=current_theme,
        admin=admin,
        team=_team_for(jtai, team=SECOND_TEAM),
    )
    if new:
        made.append(inspection)
    if inspection.status == Status.PLANNED:
        _notify(inspection, admin)

    # The same week in Nottinghamshire: the same police force twice at once (a calendar clash).
    inspection, new = _schedule(
        "demo-clash", "Nottinghamshire", jtai, start, theme=current_theme, admin=admin
    )
    if new:
        made.append(inspection)

    # Planned over Christmas: Leeds, a hypothetical run of the 2015 integrated proposal (always
    # in the future), with HMI Prisons for HMYOI Wetherby; only the overall lead on the team yet.
    integrated = _hypothetical_integrated(today)
    fieldwork_end = Inspection.objects.get(reference="demo-fieldwork").window_end
    christmas_start = _working_monday(datetime.date(today.year, 12, 1))
    notice = workdays.notification_date_for(christmas_start, integrated.notice_working_days)
    if christmas_start <= fieldwork_end or notice <= today:
        christmas_start = _working_monday(datetime.date(today.year + 1, 12, 1))
    inspection, new = _schedule(
        HYPOTHETICAL_REFERENCE,
        "Leeds",
        integrated,
        christmas_start,
        admin=admin,
        team=[("lead", TeamRole.OVERALL_LEAD, [])],
    )
    if new:
        made.append(inspection)

    # Planned: Kent JTAI in ten weeks, no team yet.
    start = _working_monday(monday + datetime.timedelta(weeks=10))
    inspection, new = _schedule(
        "demo-planned-kent", "Kent", jtai, start, theme=current_theme, admin=admin
    )
    if new:
        made.append(inspection)

    # Deferred: Birmingham JTAI, at the area's request.
    start = _working_monday(monday + datetime.timedelta(weeks=14))
    inspection, new = _schedule(
        "demo-deferred", "Birmingham", jtai, start, theme=current_theme, admin=admin
    )
    if new:
        inspection_transition(
            inspection=inspection,
            verb="defer",
            by=admin,
            reason="The area asked to move the inspection after a serious incident review",
        )
        made.append(inspection)

    # Past JTAIs for the calendar: published, their statements of action due (`reports.demo`).
    for reference, area, weeks in PAST:
        start = _working_monday_back(monday - datetime.timedelta(weeks=weeks))
        theme = (
            themes.filter(start_date__lte=start)
            .exclude(end_date__lt=start)
            .order_by("-start_date")
            .first()
        )
        inspection, new = _schedule(
            reference, area, jtai, start, theme=theme, admin=admin, team=_team_for(jtai)
        )
        if new:
            made.append(inspection)
        _to_fieldwork(inspection, admin)

    if made:
        stdout.write("Demo inspections created: " + ", ".join(i.reference for i in made))
    else:
        stdout.write("Demo inspections: already there")
    return made


PAST = [
    ("demo-past-kent", "Kent", 16),
    ("demo-past-cornwall", "Cornwall", 26),
    ("demo-past-nottingham", "Nottingham", 34),
    ("demo-past-leeds", "Leeds", 44),
]
# Every inspection the demo takes past fieldwork, and how far: recording fills them, reports
# moderates and publishes them.
TO_MODERATION = ["demo-moderation", PUBLISHED_REFERENCE, *(p[0] for p in PAST)]
TO_PUBLICATION = [PUBLISHED_REFERENCE, *(p[0] for p in PAST)]


def seed(stdout) -> None:
    seed_agencies(stdout)
    seed_inspections(stdout)

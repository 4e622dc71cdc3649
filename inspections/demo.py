"""Demo data for the lifecycle: partner agencies and contacts in real areas, and inspections at
every stage of the journey, dated relative to today so the demo stays alive.

Agencies are real bodies (police forces, health bodies, probation regions, youth justice
services, safeguarding partnerships, and HMYOI Wetherby in Leeds, the one custodial
establishment for children among these areas). The contacts are made-up people at
example.org addresses.

Inspections, found by later seeders through their references:
- `demo-fieldwork`: Leeds, integrated inspection, in fieldwork now (with HMI Prisons);
- `demo-moderation`: Birmingham, integrated inspection, in moderation;
- `demo-published`: Haringey, integrated inspection, published;
- `demo-notified`: Nottingham, JTAI, notified, starting next week;
- `demo-planned`: Cornwall, integrated, planned over Christmas with a team still to build;
- `demo-planned-kent`, `demo-clash` (Nottinghamshire, sharing its police force with
  Nottingham in the same week), `demo-deferred`, and `demo-past-*` for the calendar.

The integrated inspection ran from 2015 to 2016; the demo runs it today through a
demonstration revision of the framework (version 2, made with `framework_version_revise`).

Idempotent: each inspection is made once, by reference; agencies and contacts by name.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from agencies.models import AgencyType, AreaContact, LocalAuthority, PartnerAgency, Role, User
from jtai.exceptions import ApplicationError

from . import workdays
from .models import Framework, FrameworkVersion, Inspection, Status, TeamRole, Theme, Transition
from .services import frameworks, scheduling, teams, transitions

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

DEMO_REVISION_NOTE = (
    " Demonstration revision: the 2015 framework re-opened so the demo can run it today."
)


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _working_monday(day: datetime.date) -> datetime.date:
    """`day` if it is a working Monday, else the next working Monday."""
    day = _monday(day) if day.weekday() == 0 else _monday(day) + datetime.timedelta(days=7)
    while not workdays.is_working_day(day):
        day += datetime.timedelta(days=7)
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


def _demo_integrated(today: datetime.date) -> FrameworkVersion:
    original = Framework.objects.get(code="integrated-2015").versions.get(version=1)
    revision = original.revisions.filter(method__contains="Demonstration revision").first()
    if revision:
        return revision
    return frameworks.framework_version_revise(
        version=original,
        new_version=True,
        active_from=datetime.date(today.year - 2, 1, 1),
        active_to=None,
        method=original.method + DEMO_REVISION_NOTE,
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


def _advance(inspection: Inspection, verbs: list[str], admin, stamps: list[datetime.date]) -> None:
    """Move through `verbs` with the services; a stage guard added by a later part of the product
    (for example, that a report exists before publishing) is honoured by recording the step
    directly, as the seeders for those parts fill in what the guard asks for."""
    from . import lifecycle

    for verb, day in zip(verbs, stamps, strict=True):
        try:
            transitions.inspection_transition(
                inspection=inspection, verb=verb, by=admin, reason="Demonstration"
            )
        except ApplicationError:
            rule = lifecycle.TRANSITIONS[verb]
            Transition.objects.create(
                inspection=inspection,
                verb=verb,
                from_status=inspection.status,
                to_status=rule.target,
                by=admin,
                at=timezone.now(),
                reason="Demonstration (recorded directly)",
            )
            Inspection.objects.filter(pk=inspection.pk).update(
                status=rule.target, lock_version=inspection.lock_version + 1
            )
            inspection.refresh_from_db()
        stamp = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
        inspection.transitions.filter(verb=verb).update(at=stamp)


def _schedule(reference, area, version, start, *, theme=None, admin=None, optional=()):
    existing = Inspection.objects.filter(reference=reference).first()
    if existing:
        return existing, False
    inspection = scheduling.inspection_schedule(
        authority=_authority(area),
        framework_version=version,
        theme=theme,
        window_start=start,
        optional_inspectorates=optional,
        by=admin,
        reference=reference,
    ).inspection
    notice = inspection.notification_date or start
    scheduled_on = workdays.subtract_working_days(notice, 20)
    inspection.transitions.filter(verb="schedule").update(
        at=timezone.make_aware(datetime.datetime.combine(scheduled_on, datetime.time(10, 0)))
    )
    return inspection, True


MAIN_TEAM = [
    ("lead", TeamRole.OVERALL_LEAD, []),
    ("ofsted", TeamRole.INSPECTOR, ["childrens_social_care", "education"]),
    ("cqc", TeamRole.INSPECTORATE_LEAD, ["health"]),
    ("hmicfrs", TeamRole.INSPECTORATE_LEAD, ["police"]),
    ("hmiprobation", TeamRole.INSPECTORATE_LEAD, ["probation", "youth_offending"]),
    ("hmiprisons", TeamRole.INSPECTORATE_LEAD, ["custodial"]),
]


def _main_team(inspection: Inspection) -> list:
    taking_part = {i.code for i in inspection.inspectorates.all()}
    return [
        row
        for row in MAIN_TEAM
        if (_user(row[0]) and _user(row[0]).inspectorate.code in taking_part)
    ]


@transaction.atomic
def seed_inspections(stdout, today: datetime.date | None = None) -> list[Inspection]:
    today = today or timezone.localdate()
    admin = _user("admin")
    _extra_people()
    integrated = _demo_integrated(today)
    jtai = Framework.objects.get(code="jtai").versions.get(version=1)
    theme = (
        Theme.objects.filter(framework__code="jtai", end_date__isnull=True)
        .order_by("-start_date")
        .first()
    )
    monday = _monday(today)
    made = []

    def dates_back(start, end):
        """Notification, start, evidence closed, moderation, factual accuracy, published."""
        notice = workdays.notification_date_for(start, 10)
        return [
            notice,
            start,
            end,
            workdays.add_working_days(end, 3),
            workdays.add_working_days(end, 15),
            workdays.add_working_days(end, 40),
        ]

    # Published: Haringey, about five months ago.
    start = _working_monday(monday - datetime.timedelta(weeks=22))
    inspection, new = _schedule("demo-published", "Haringey", integrated, start, admin=admin)
    if new:
        _staff(inspection, _main_team(inspection))
        d = dates_back(inspection.window_start, inspection.window_end)
        _advance(
            inspection,
            [
                "notify",
                "start_fieldwork",
                "close_evidence",
                "start_moderation",
                "send_for_factual_accuracy",
                "publish",
            ],
            admin,
            d,
        )
        made.append(inspection)

    # Moderation: Birmingham, window ended about a month ago.
    start = _working_monday(monday - datetime.timedelta(weeks=8))
    inspection, new = _schedule("demo-moderation", "Birmingham", integrated, start, admin=admin)
    if new:
        _staff(inspection, _main_team(inspection))
        d = dates_back(inspection.window_start, inspection.window_end)
        _advance(
            inspection,
            ["notify", "start_fieldwork", "close_evidence", "start_moderation"],
            admin,
            d[:4],
        )
        made.append(inspection)

    # Fieldwork: Leeds, now (with HMYOI Wetherby, so HMI Prisons takes part).
    start = _working_monday(monday - datetime.timedelta(weeks=2))
    inspection, new = _schedule("demo-fieldwork", "Leeds", integrated, start, admin=admin)
    if new:
        _staff(inspection, _main_team(inspection))
        d = dates_back(inspection.window_start, inspection.window_end)
        _advance(inspection, ["notify", "start_fieldwork"], admin, d[:2])
        made.append(inspection)

    # Notified: Nottingham JTAI next week, with the second team.
    start = _working_monday(monday + datetime.timedelta(weeks=1))
    inspection, new = _schedule(
        "demo-notified", "Nottingham", jtai, start, theme=theme, admin=admin
    )
    if new:
        _staff(
            inspection,
            [
                ("ofsted2", TeamRole.OVERALL_LEAD, ["childrens_social_care", "education"]),
                ("cqc2", TeamRole.INSPECTORATE_LEAD, ["health"]),
                ("hmicfrs2", TeamRole.INSPECTORATE_LEAD, ["police"]),
            ],
        )
        notice = min(inspection.notification_date, today)
        _advance(inspection, ["notify"], admin, [notice])
        Inspection.objects.filter(pk=inspection.pk).update(notification_sent_at=timezone.now())
        made.append(inspection)

    # The same week in Nottinghamshire: the same police force twice at once (a calendar clash).
    inspection, new = _schedule(
        "demo-clash", "Nottinghamshire", jtai, start, theme=theme, admin=admin
    )
    if new:
        made.append(inspection)

    # Planned over Christmas: Cornwall, integrated; only the overall lead is on the team yet.
    december = datetime.date(today.year, 12, 1)
    fieldwork_end = Inspection.objects.get(reference="demo-fieldwork").window_end
    christmas_start = _working_monday(december)
    if christmas_start <= fieldwork_end or christmas_start <= today:
        christmas_start = _working_monday(datetime.date(today.year + 1, 12, 1))
    inspection, new = _schedule(
        "demo-planned", "Cornwall", integrated, christmas_start, admin=admin
    )
    if new:
        _staff(inspection, [("lead", TeamRole.OVERALL_LEAD, [])])
        made.append(inspection)

    # Planned: Kent JTAI in ten weeks, no team yet.
    start = _working_monday(monday + datetime.timedelta(weeks=10))
    inspection, new = _schedule("demo-planned-kent", "Kent", jtai, start, theme=theme, admin=admin)
    if new:
        made.append(inspection)

    # Deferred: Leeds JTAI, at the area's request.
    start = _working_monday(monday + datetime.timedelta(weeks=14))
    inspection, new = _schedule("demo-deferred", "Leeds", jtai, start, theme=theme, admin=admin)
    if new:
        transitions.inspection_transition(
            inspection=inspection,
            verb="defer",
            by=admin,
            reason="The area asked to move the inspection after a serious incident review",
        )
        made.append(inspection)

    # Past inspections for the calendar, closed.
    past = [
        ("demo-past-kent", "Kent", 16),
        ("demo-past-cornwall", "Cornwall", 26),
        ("demo-past-nottingham", "Nottingham", 34),
        ("demo-past-leeds", "Leeds", 44),
    ]
    for reference, area, weeks in past:
        start = _working_monday(monday - datetime.timedelta(weeks=weeks))
        inspection, new = _schedule(reference, area, jtai, start, theme=theme, admin=admin)
        if not new:
            continue
        d = dates_back(inspection.window_start, inspection.window_end)
        stages = [
            ("notify", Status.NOTIFIED, d[0]),
            ("start_fieldwork", Status.FIELDWORK, d[1]),
            ("close_evidence", Status.EVIDENCE_CLOSED, d[2]),
            ("start_moderation", Status.MODERATION, d[3]),
            ("send_for_factual_accuracy", Status.FACTUAL_ACCURACY, d[4]),
            ("publish", Status.PUBLISHED, d[5]),
            ("await_action_plan", Status.ACTION_PLAN_DUE, d[5]),
        ]
        previous = Status.PLANNED
        for verb, status, day in stages:
            Transition.objects.create(
                inspection=inspection,
                verb=verb,
                from_status=previous,
                to_status=status,
                by=admin,
                at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0))),
                reason="Demonstration history",
            )
            previous = status
        Inspection.objects.filter(pk=inspection.pk).update(
            status=Status.ACTION_PLAN_DUE,
            action_plan_due_date=workdays.add_working_days(d[5], 70),
            notification_sent_at=timezone.now(),
        )
        made.append(inspection)

    if made:
        stdout.write("Demo inspections created: " + ", ".join(i.reference for i in made))
    else:
        stdout.write("Demo inspections: already there")
    return made


def seed(stdout) -> None:
    seed_agencies(stdout)
    seed_inspections(stdout)

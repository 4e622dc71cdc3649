"""Seeding the demo's agencies, contacts and inspections, each inspection taken as far as
fieldwork through the services at its story's dates."""

from __future__ import annotations

import datetime

from django.db import transaction

from agencies.models import AgencyType, AreaContact, LocalAuthority, PartnerAgency, User
from agencies.services import partner_agency_name_record
from jtai import clock

from .. import selectors, workdays
from ..models import Framework, FrameworkVersion, Inspection, Status, TeamRole, Theme
from ..services import frameworks, notifications, scheduling, teams
from ..services.transitions import inspection_transition
from .data import (
    AGENCIES,
    CONTACT_PEOPLE,
    EXTRA_PEOPLE,
    FORMER_NAMES,
    HYPOTHETICAL_NOTE,
    HYPOTHETICAL_REFERENCE,
    HYPOTHETICAL_REPORT_AREA,
    HYPOTHETICAL_REPORT_REFERENCE,
    HYPOTHETICAL_REPORT_WEEKS_AHEAD,
    MAIN_TEAM,
    PAST,
    PUBLISHED_REFERENCE,
    SECOND_TEAM,
)
from .story import advance, milestones, monday_of, working_monday, working_monday_back


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
            for former, valid_from, valid_to, source in FORMER_NAMES.get(name, []):
                partner_agency_name_record(
                    agency=agency,
                    name=former,
                    valid_from=valid_from,
                    valid_to=valid_to,
                    source=source,
                )
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
    today = today or clock.today()
    admin = _user("admin")
    _extra_people()
    jtai = Framework.objects.get(code="jtai").versions.get(version=1)
    themes = Theme.objects.filter(framework__code="jtai")
    current_theme = themes.filter(end_date__isnull=True).order_by("-start_date").first()
    monday = monday_of(today)
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
    start = working_monday_back(monday - datetime.timedelta(weeks=6))
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
    start = working_monday_back(monday)
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
    start = working_monday(monday + datetime.timedelta(weeks=1))
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
    christmas_start = working_monday(datetime.date(today.year, 12, 1))
    notice = workdays.notification_date_for(christmas_start, integrated.notice_working_days)
    if christmas_start <= fieldwork_end or notice <= today:
        christmas_start = working_monday(datetime.date(today.year + 1, 12, 1))
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

    # The same proposal run to its final report, hypothetically, in Cornwall: planned today,
    # on site about twenty weeks ahead; recording and reports take it on, on those days.
    start = working_monday(monday + datetime.timedelta(weeks=HYPOTHETICAL_REPORT_WEEKS_AHEAD))
    inspection, new = _schedule(
        HYPOTHETICAL_REPORT_REFERENCE,
        HYPOTHETICAL_REPORT_AREA,
        integrated,
        start,
        admin=admin,
        team=_team_for(integrated),
    )
    if new:
        made.append(inspection)
    _to_fieldwork(inspection, admin)

    # Planned: Kent JTAI in ten weeks, no team yet.
    start = working_monday(monday + datetime.timedelta(weeks=10))
    inspection, new = _schedule(
        "demo-planned-kent", "Kent", jtai, start, theme=current_theme, admin=admin
    )
    if new:
        made.append(inspection)

    # Deferred: Birmingham JTAI, at the area's request.
    start = working_monday(monday + datetime.timedelta(weeks=14))
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
        start = working_monday_back(monday - datetime.timedelta(weeks=weeks))
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


def _email_settings(stdout) -> None:
    """The second team read their notifications differently: one digest a day for CQC's,
    none by email for HMICFRS's (the setting each person changes on their notifications)."""
    from jtai.notifications import notification_email_set

    for username, choice in (("cqc2", "daily"), ("hmicfrs2", "none")):
        user = _user(username)
        if user is not None and user.notification_email != choice:
            notification_email_set(user=user, choice=choice)
            stdout.write(f"inspections: {username} reads notifications by email: {choice}")


def seed(stdout) -> None:
    seed_agencies(stdout)
    seed_inspections(stdout)
    _email_settings(stdout)

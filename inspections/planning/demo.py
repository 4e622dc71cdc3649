"""Demo programme: a JTAI programme starting next April over 19 months, with its proposal
(two choices locked by the admin), concerns from three inspectorates and a finished schedule
run ready to accept. Idempotent: an existing demo programme is left as it is."""

from __future__ import annotations

import datetime

from agencies.models import Inspectorate, LocalAuthority, User
from jtai import clock

from ..models import Framework, Theme
from . import services
from .models import Concern, Programme

NAME = "Joint targeted area inspections {start}–{end}"

CONCERNS = [
    # inspectorate, authority, days ago, severity, summary
    ("cqc", "Leeds", 40, "high", "Long waits for initial health assessments of children in care."),
    (
        "hmicfrs",
        "Bradford",
        75,
        "high",
        "Children reported missing are not consistently followed up with return interviews.",
    ),
    (
        "hmiprobation",
        "Lancashire",
        120,
        "medium",
        "Youth offending cases lack joint risk assessments with children's social care.",
    ),
    ("cqc", "Kent", 400, "low", "Delays in sharing health information at strategy meetings."),
]

CAPACITY = {
    "ofsted": {"inspector_count": 12, "team_size": 3, "max_concurrent": 4},
    "cqc": {"inspector_count": 8, "team_size": 2, "max_concurrent": 4},
    "hmicfrs": {"inspector_count": 8, "team_size": 2, "max_concurrent": 4},
    "hmiprobation": {"inspector_count": 8, "team_size": 2, "max_concurrent": 4},
}


def seed(stdout) -> Programme | None:
    today = clock.today()
    start = datetime.date(today.year + 1, 4, 1)
    end = datetime.date(start.year + 1, 10, 31)
    name = NAME.format(start=start.year, end=str(end.year)[2:])
    existing = Programme.objects.filter(name=name).first()
    if existing is not None:
        stdout.write(f"planning: demo programme already there ({existing.name})\n")
        return existing
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        stdout.write("planning: no demo admin; skipped\n")
        return None
    inspectorates = {i.code: i for i in Inspectorate.objects.all()}
    authorities = {a.name: a for a in LocalAuthority.objects.current().with_childrens_services()}
    for code, authority, days, severity, summary in CONCERNS:
        if authority not in authorities:
            continue
        date = today - datetime.timedelta(days=days)
        if not Concern.objects.filter(
            inspectorate=inspectorates[code], authority=authorities[authority], date=date
        ).exists():
            services.concern_record(
                inspectorate=inspectorates[code],
                authority=authorities[authority],
                date=date,
                summary=summary,
                severity=severity,
                by=admin,
            )
    version = Framework.objects.get(code="jtai").versions.order_by("-version").first()
    theme = (
        Theme.objects.filter(framework__code="jtai", end_date__isnull=True)
        .order_by("-start_date")
        .first()
    )
    capacities = {}
    for code, spec in CAPACITY.items():
        named = list(
            User.objects.filter(inspectorate__code=code, is_active=True)
            .exclude(role="admin")
            .order_by("username")
        )
        capacities[code] = {**spec, "inspectors": named}
    programme = services.programme_create(
        name=name,
        framework_version=version,
        theme=theme,
        period_start=start,
        period_end=end,
        target_areas=25,
        capacities=capacities,
        by=admin,
    )
    choices = services.programme_propose(programme=programme, by=admin)
    # The admin's two decisions: a well-performing area added, an included one removed.
    added = next(
        (
            c
            for c in choices
            if not c.included and c.grade == "outstanding" and "recently" not in c.reason
        ),
        None,
    )
    removed = next((c for c in choices if c.included and c.grade == "requires_improvement"), None)
    for choice, action in ((added, "add"), (removed, "remove")):
        if choice is not None:
            services.choice_change(choice=choice, action=action, by=admin)
    services.programme_propose(programme=programme, by=admin)
    run = services.schedule_run_request(programme=programme, by=admin, time_limit=10)
    # Solve here rather than through a worker: it takes about a second.
    services.schedule_run_execute(run_id=run.pk)
    run.refresh_from_db()
    stdout.write(
        f"planning: {programme.name}: {programme.choices.filter(included=True).count()} areas, "
        f"schedule {run.solver_status} in {run.seconds:.1f}s, ready to accept\n"
    )
    return programme

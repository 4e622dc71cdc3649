"""Schedule runs through the Celery task, their results, and acceptance in one transaction."""

import datetime
import os

import pytest
from django.conf import settings

from inspections.factories import COUNTS, make_programme
from inspections.models import Inspection, TeamMember, TeamRole
from inspections.planning import services
from inspections.planning.models import (
    ProgrammeStatus,
    RunStatus,
    ScheduledSlot,
    ScheduleRun,
)
from jtai.exceptions import ApplicationError, ConflictError

D = datetime.date


def _run(programme, admin, capture):
    with capture(execute=True):
        run = services.schedule_run_request(programme=programme, by=admin, time_limit=10)
    run.refresh_from_db()
    return run


@pytest.fixture
def proposed(programme, admin):
    services.programme_propose(programme=programme, by=admin)
    return programme


def test_the_task_schedules_every_chosen_area(proposed, admin, django_capture_on_commit_callbacks):
    run = _run(proposed, admin, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.DONE
    assert run.solver_status in ("optimal", "feasible"), run.explanation
    assert run.progress == 100
    slots = list(run.slots.all())
    assert len(slots) == 25
    chosen = set(proposed.choices.filter(included=True).values_list("authority_id", flat=True))
    assert {s.authority_id for s in slots} == chosen
    for s in slots:
        assert s.window_start.weekday() == 0
        assert set(s.team) >= {"ofsted", "cqc", "hmicfrs", "hmiprobation"}
    proposed.refresh_from_db()
    assert proposed.status == ProgrammeStatus.SCHEDULED
    # Idempotent: a redelivered task leaves the finished run alone.
    assert services.schedule_run_execute(run_id=run.pk).solver_status in ("optimal", "feasible")
    assert ScheduledSlot.objects.filter(run=run).count() == 25


def test_an_impossible_programme_is_explained(
    admin, jtai_version, domestic_abuse, django_capture_on_commit_callbacks
):
    counts = {**COUNTS, "cqc": {"inspector_count": 3, "team_size": 2, "max_concurrent": 1}}
    programme = make_programme(
        admin, jtai_version, domestic_abuse, target=60, capacities=counts, period_end=D(2027, 9, 30)
    )
    services.programme_propose(programme=programme, by=admin)
    run = _run(programme, admin, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.DONE
    assert run.solver_status == "infeasible"
    assert run.explanation.startswith(
        "Not enough CQC inspectors: 60 inspections need 2 CQC inspectors each"
    )
    assert not run.slots.exists()


def test_accepting_creates_planned_inspections_with_teams(
    proposed,
    admin,
    django_capture_on_commit_callbacks,
    ofsted_inspector,
    cqc_inspector,
    lead_inspector,
):
    # Named inspectors join the capacity (and are used before planning places).
    from agencies.models import Inspectorate

    services.capacity_set(
        programme=proposed,
        inspectorate=Inspectorate.objects.get(code="cqc"),
        inspectors=[cqc_inspector],
        inspector_count=8,
        team_size=2,
        max_concurrent=4,
        by=admin,
    )
    services.capacity_set(
        programme=proposed,
        inspectorate=Inspectorate.objects.get(code="ofsted"),
        inspectors=[lead_inspector, ofsted_inspector],
        inspector_count=12,
        team_size=3,
        max_concurrent=4,
        by=admin,
    )
    run = _run(proposed, admin, django_capture_on_commit_callbacks)
    created = services.schedule_run_accept(run=run, by=admin)
    assert len(created) == 25
    assert Inspection.objects.filter(status="planned").count() == 25
    members = TeamMember.objects.filter(user=cqc_inspector)
    assert members.exists()
    windows = sorted((m.window_start, m.window_end) for m in members)
    for (_a, end), (start, _b) in zip(windows, windows[1:], strict=False):
        assert end < start
    assert TeamMember.objects.filter(role=TeamRole.OVERALL_LEAD).exists()
    # Only some CQC and Ofsted inspectors are named: no team is complete, and each says why.
    assert _assert_staffed_alike(created) == 0
    reasons = {reason for inspection in created for reason in inspection.unstaffed}
    assert "HMI Probation: 2 of 2 places in the run without a named inspector" in reasons
    assert "HMI Probation has no lead inspector" in reasons
    proposed.refresh_from_db()
    assert proposed.status == ProgrammeStatus.ACCEPTED
    with pytest.raises(ConflictError):
        services.schedule_run_accept(run=run, by=admin)
    with pytest.raises(ConflictError):
        services.programme_propose(programme=proposed, by=admin)


def _assert_staffed_alike(created):
    """Every named inspector has their inspectorate's agencies in the area; an inspection is
    complete exactly when it says nothing is unstaffed, and each reason is precise."""
    from inspections import selectors

    complete = 0
    for inspection in created:
        judged_by = selectors.judging_inspectorate_ids(inspection.framework_version)
        members = list(inspection.team.prefetch_related("agencies"))
        for inspectorate_id in {m.inspectorate_id for m in members}:
            own = [m for m in members if m.inspectorate_id == inspectorate_id]
            theirs = {
                a.pk
                for a in inspection.agencies.all()
                if judged_by.get(a.agency_type_id) == inspectorate_id
            }
            given = {a.pk for m in own for a in m.agencies.all()}
            assert given == theirs, (inspection.reference, inspectorate_id)
        gaps = selectors.team_gaps(inspection)
        assert all(gap in inspection.unstaffed for gap in gaps)
        for reason in inspection.unstaffed:
            assert "without a named inspector" in reason or reason in gaps, reason
        complete += not inspection.unstaffed
    return complete


def test_acceptance_is_all_or_nothing(proposed, admin, django_capture_on_commit_callbacks):
    run = _run(proposed, admin, django_capture_on_commit_callbacks)
    # Another inspection of the last area in its window makes that one clash.
    slot = run.slots.order_by("-window_start").first()
    from inspections.services import scheduling

    scheduling.inspection_schedule(
        authority=slot.authority,
        framework_version=proposed.framework_version,
        theme=proposed.theme,
        window_start=slot.window_start,
        by=admin,
    )
    with pytest.raises(ApplicationError) as exc:
        services.schedule_run_accept(run=run, by=admin)
    assert slot.authority.name in exc.value.message
    assert Inspection.objects.count() == 1
    assert not ScheduleRun.objects.get(pk=run.pk).accepted_at


# Skipped by a mark (not only the fixture) so that, without Redis, no transactional database is
# set up: its flush at teardown would empty the reference data of a reused test database.
@pytest.mark.skipif(
    not settings.REDIS_URL and os.environ.get("JTAI_REQUIRE_SERVICES") != "1",
    reason="Redis (set REDIS_URL) not available",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_runs_the_task(require_redis, admin, settings):
    """With Redis, the task goes through the broker to a worker thread and back."""
    from celery.contrib.testing.worker import start_worker

    from inspections.models import Framework, Theme
    from jtai.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    version = Framework.objects.get(code="jtai").versions.get(version=1)
    theme = Theme.objects.get(code="domestic-abuse-2024")
    programme = make_programme(admin, version, theme, target=10)
    services.programme_propose(programme=programme, by=admin)
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", concurrency=1):
            run = services.schedule_run_request(programme=programme, by=admin, time_limit=10)
            for _ in range(120):
                run.refresh_from_db()
                if run.is_finished:
                    break
                import time

                time.sleep(0.5)
    finally:
        app.conf.task_always_eager = True
    assert run.status == RunStatus.DONE
    assert run.solver_status in ("optimal", "feasible")
    assert run.slots.count() == 10


def test_named_lead_inspectors_lead_where_free(
    proposed, admin, django_capture_on_commit_callbacks, lead_inspector, ofsted_inspector
):
    from agencies.models import Inspectorate

    services.capacity_set(
        programme=proposed,
        inspectorate=Inspectorate.objects.get(code="ofsted"),
        inspectors=[ofsted_inspector, lead_inspector],
        inspector_count=12,
        team_size=3,
        max_concurrent=4,
        by=admin,
    )
    run = _run(proposed, admin, django_capture_on_commit_callbacks)
    led = [s for s in run.slots.all() if s.team["ofsted"][0]["user"] == lead_inspector.pk]
    with_lead = [
        s for s in run.slots.all() if any(p["user"] == lead_inspector.pk for p in s.team["ofsted"])
    ]
    assert with_lead and led == with_lead


def test_existing_bookings_and_named_leave_are_respected(
    proposed, admin, django_capture_on_commit_callbacks, cqc_inspector
):
    from agencies.models import Inspectorate
    from inspections.models import Framework

    services.capacity_set(
        programme=proposed,
        inspectorate=Inspectorate.objects.get(code="cqc"),
        inspectors=[cqc_inspector],
        inspector_count=8,
        team_size=2,
        max_concurrent=4,
        by=admin,
    )
    cqc = proposed.capacities.get(inspectorate__code="cqc")
    services.leave_record(
        capacity=cqc, user=cqc_inspector, start=D(2027, 4, 1), end=D(2027, 8, 31), by=admin
    )
    # Already booked on another framework's inspection in the autumn.
    from agencies.models import LocalAuthority
    from inspections.services import scheduling, teams

    other = scheduling.inspection_schedule(
        authority=LocalAuthority.objects.get(name="Leeds"),
        framework_version=Framework.objects.get(code="front-door").versions.get(),
        window_start=D(2027, 9, 6),
        by=admin,
    ).inspection
    teams.team_member_add(inspection=other, user=cqc_inspector, role=TeamRole.INSPECTOR, by=admin)
    run = _run(proposed, admin, django_capture_on_commit_callbacks)
    assert run.solver_status in ("optimal", "feasible"), run.explanation
    mine = [s for s in run.slots.all() if any(p["user"] == cqc_inspector.pk for p in s.team["cqc"])]
    assert mine
    for s in mine:
        assert s.window_start > D(2027, 8, 31)
        assert s.window_end < other.window_start or s.window_start > other.window_end


def test_integrated_programme_2015_brings_hmi_prisons_where_a_prison_is_in_the_area(
    admin, django_capture_on_commit_callbacks
):
    from agencies.models import AgencyType, LocalAuthority, PartnerAgency
    from inspections.models import Framework

    liverpool = LocalAuthority.objects.get(name="Liverpool")
    prison = PartnerAgency.objects.create(
        name="HMP Liverpool", agency_type=AgencyType.objects.get(code="custodial")
    )
    prison.authorities.add(liverpool)
    counts = {**COUNTS, "hmiprisons": {"inspector_count": 3, "team_size": 1, "max_concurrent": 2}}
    programme = make_programme(
        admin,
        Framework.objects.get(code="integrated-2015").versions.get(),
        name="Integrated inspections 2015–16",
        period_start=D(2015, 4, 1),
        period_end=D(2016, 10, 31),
        capacities=counts,
    )
    services.programme_propose(programme=programme, by=admin)
    run = _run(programme, admin, django_capture_on_commit_callbacks)
    assert run.solver_status in ("optimal", "feasible"), run.explanation
    slots = {s.authority_id: s for s in run.slots.all()}
    assert liverpool.pk in slots
    assert "hmiprisons" in slots[liverpool.pk].team
    assert all("hmiprisons" not in s.team for a, s in slots.items() if a != liverpool.pk)
    for s in slots.values():
        assert (s.window_end - s.window_start).days == 25  # the four-week window
    created = services.schedule_run_accept(run=run, by=admin)
    inspection = next(i for i in created if i.authority_id == liverpool.pk)
    assert inspection.has_custodial_establishment
    assert inspection.inspectorates.filter(code="hmiprisons").exists()


def test_recently_inspected_areas_are_left_out(programme, admin):
    from agencies.models import LocalAuthority
    from inspections.services import scheduling

    liverpool = LocalAuthority.objects.get(name="Liverpool")
    scheduling.inspection_schedule(
        authority=liverpool,
        framework_version=programme.framework_version,
        theme=programme.theme,
        window_start=D(2025, 6, 2),
        by=admin,
    )
    choices = services.programme_propose(programme=programme, by=admin)
    choice = next(c for c in choices if c.authority_id == liverpool.pk)
    assert not choice.included
    assert (
        "inspected recently under the same framework (Joint targeted area inspection, June 2025)"
        in choice.reason
    )

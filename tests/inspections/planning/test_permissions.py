"""Who may plan: the services refuse anyone but an admin with 403 (`PermissionDenied`), whoever
calls them; concerns are for admins and for leads about their own inspectorate."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from agencies.factories import inspectorate
from agencies.models import LocalAuthority
from inspections.planning import services
from inspections.planning.models import Concern

D = datetime.date

REFUSED = {
    "programme_propose": lambda p, by: services.programme_propose(programme=p, by=by),
    "choice_change": lambda p, by: services.choice_change(
        choice=p.choices.first(), action="lock", by=by
    ),
    "capacity_set": lambda p, by: services.capacity_set(
        programme=p,
        inspectorate=inspectorate("cqc"),
        inspector_count=3,
        team_size=2,
        max_concurrent=1,
        by=by,
    ),
    "leave_record": lambda p, by: services.leave_record(
        capacity=p.capacities.first(), start=D(2027, 8, 1), end=D(2027, 8, 31), by=by
    ),
    "schedule_run_request": lambda p, by: services.schedule_run_request(programme=p, by=by),
    "programme_create": lambda p, by: services.programme_create(
        name="Another",
        framework_version=p.framework_version,
        period_start=p.period_start,
        period_end=p.period_end,
        target_areas=5,
        by=by,
    ),
}


@pytest.mark.parametrize("action", sorted(REFUSED))
@pytest.mark.parametrize("persona", ["lead_inspector", "cqc_inspector"])
def test_only_admins_plan(action, persona, programme, admin, request):
    services.programme_propose(programme=programme, by=admin)
    person = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied, match="Only admins plan programmes"):
        REFUSED[action](programme, person)


def _concern(by, code):
    return services.concern_record(
        inspectorate=inspectorate(code),
        authority=LocalAuthority.objects.get(gss_code="E08000035"),
        date=D(2026, 10, 1),
        summary="Drift in child protection plans",
        severity="high",
        by=by,
    )


def test_concerns_are_for_admins_and_leads_of_their_own_inspectorate(
    admin, lead_inspector, cqc_inspector
):
    with pytest.raises(PermissionDenied, match="Only admins and lead inspectors"):
        _concern(cqc_inspector, "cqc")
    with pytest.raises(PermissionDenied, match="for Ofsted only"):
        _concern(lead_inspector, "cqc")
    assert not Concern.objects.exists()
    assert _concern(lead_inspector, "ofsted").recorded_by == lead_inspector
    assert _concern(admin, "cqc").recorded_by == admin

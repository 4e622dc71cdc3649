"""Team services: roles, agencies, and no inspector on two inspections at once."""

import datetime

import pytest

from inspections import selectors
from inspections.models import Framework, Status, TeamMember, TeamRole
from inspections.services import frameworks, scheduling, teams
from jtai.exceptions import ApplicationError, ConflictError

D = datetime.date
pytestmark = pytest.mark.django_db


def _add_error(**kwargs):
    with pytest.raises(ApplicationError) as caught:
        teams.team_member_add(**kwargs)
    return caught.value


def test_overall_lead_must_be_from_ofsted(haringey_jtai, cqc_inspector):
    error = _add_error(inspection=haringey_jtai, user=cqc_inspector, role=TeamRole.OVERALL_LEAD)
    assert error.fields["role"] == ["The overall lead inspector must be from Ofsted"]


def test_one_overall_lead(haringey_jtai, lead_inspector, ofsted_inspector):
    teams.team_member_add(inspection=haringey_jtai, user=lead_inspector, role=TeamRole.OVERALL_LEAD)
    error = _add_error(inspection=haringey_jtai, user=ofsted_inspector, role=TeamRole.OVERALL_LEAD)
    assert error.fields["role"] == ["Lead Inspector Tester is already the overall lead inspector"]


def test_one_lead_per_inspectorate(haringey_jtai, cqc_inspector, django_user_model):
    from agencies.models import Inspectorate

    other = django_user_model.objects.create_user(
        "cqc2", inspectorate=Inspectorate.objects.get(code="cqc"), first_name="Cara"
    )
    teams.team_member_add(
        inspection=haringey_jtai, user=cqc_inspector, role=TeamRole.INSPECTORATE_LEAD
    )
    error = _add_error(inspection=haringey_jtai, user=other, role=TeamRole.INSPECTORATE_LEAD)
    assert error.fields["role"] == ["Cqc Inspector Tester is already CQC's lead"]


def test_inspectorate_must_take_part(haringey_jtai, hmiprisons_inspector):
    error = _add_error(inspection=haringey_jtai, user=hmiprisons_inspector, role=TeamRole.INSPECTOR)
    assert error.fields["user"] == ["HMI Prisons is not taking part in this inspection"]


def test_agencies_must_be_judged_by_the_members_inspectorate(haringey_jtai, cqc_inspector):
    police = haringey_jtai.agencies.get(agency_type__code="police")
    error = _add_error(
        inspection=haringey_jtai, user=cqc_inspector, role=TeamRole.INSPECTOR, agencies=[police]
    )
    assert error.fields["agencies"] == [
        "Metropolitan Police Service is judged by another inspectorate, not CQC"
    ]


def test_admin_without_inspectorate_cannot_join(haringey_jtai, admin):
    error = _add_error(inspection=haringey_jtai, user=admin, role=TeamRole.INSPECTOR)
    assert "does not belong to an inspectorate" in error.fields["user"][0]


def test_no_inspector_on_two_overlapping_inspections(
    haringey_jtai, enfield, jtai, neglect, cqc_inspector
):
    teams.team_member_add(inspection=haringey_jtai, user=cqc_inspector, role=TeamRole.INSPECTOR)
    enfield_jtai = scheduling.inspection_schedule(
        authority=enfield, framework_version=jtai, theme=neglect, window_start=D(2017, 12, 4)
    ).inspection
    error = _add_error(inspection=enfield_jtai, user=cqc_inspector, role=TeamRole.INSPECTOR)
    assert error.fields["user"] == [
        "Cqc Inspector Tester is already on the team inspecting Haringey from 4 December 2017 "
        "to 8 December 2017; an inspector cannot be on two inspections at once"
    ]
    # Once Haringey is cancelled the inspector is free.
    haringey_jtai.team.update(holds_booking=False)
    assert teams.team_member_add(
        inspection=enfield_jtai, user=cqc_inspector, role=TeamRole.INSPECTOR
    ).pk


def test_moving_a_window_onto_a_team_members_other_booking_is_refused(
    haringey_jtai, enfield, jtai, neglect, cqc_inspector, admin
):
    teams.team_member_add(inspection=haringey_jtai, user=cqc_inspector, role=TeamRole.INSPECTOR)
    enfield_jtai = scheduling.inspection_schedule(
        authority=enfield, framework_version=jtai, theme=neglect, window_start=D(2017, 11, 27)
    ).inspection
    teams.team_member_add(inspection=enfield_jtai, user=cqc_inspector, role=TeamRole.INSPECTOR)
    with pytest.raises(ApplicationError, match="already on the team inspecting Haringey"):
        scheduling.inspection_update(inspection=enfield_jtai, by=admin, window_start=D(2017, 12, 4))


def test_database_refuses_an_inspector_on_overlapping_inspections(
    require_postgres, haringey_jtai, enfield, jtai, neglect, cqc_inspector
):
    from django.db import IntegrityError, transaction

    teams.team_member_add(inspection=haringey_jtai, user=cqc_inspector, role=TeamRole.INSPECTOR)
    enfield_jtai = scheduling.inspection_schedule(
        authority=enfield, framework_version=jtai, theme=neglect, window_start=D(2017, 12, 4)
    ).inspection
    with pytest.raises(IntegrityError, match="no_inspector_on_overlapping_inspections"):
        with transaction.atomic():
            TeamMember.objects.create(
                inspection=enfield_jtai,
                user=cqc_inspector,
                inspectorate=cqc_inspector.inspectorate,
                role=TeamRole.INSPECTOR,
                window_start=enfield_jtai.window_start,
                window_end=enfield_jtai.window_end,
            )


def test_integrity_error_becomes_the_same_clear_error(
    require_postgres, haringey_jtai, enfield, jtai, neglect, cqc_inspector, monkeypatch
):
    """A booking that slips past the service check (a race) meets the database constraint and
    still gets a clear message, not a 500."""
    teams.team_member_add(inspection=haringey_jtai, user=cqc_inspector, role=TeamRole.INSPECTOR)
    enfield_jtai = scheduling.inspection_schedule(
        authority=enfield, framework_version=jtai, theme=neglect, window_start=D(2017, 12, 4)
    ).inspection
    monkeypatch.setattr(teams, "inspector_clash", lambda *a, **k: None)
    with pytest.raises(ApplicationError, match="already on another inspection in this window"):
        teams.team_member_add(inspection=enfield_jtai, user=cqc_inspector, role=TeamRole.INSPECTOR)


def test_team_is_frozen_after_moderation(full_team, admin, ofsted_inspector):
    from inspections.models import Inspection

    Inspection.objects.filter(pk=full_team.pk).update(status=Status.PUBLISHED)
    member = full_team.team.get(user=ofsted_inspector)
    with pytest.raises(ConflictError, match="The team cannot change"):
        teams.team_member_remove(member=member)


def test_team_gaps(haringey_jtai, lead_inspector, cqc_inspector):
    assert selectors.team_gaps(haringey_jtai) == [
        "The team has no overall lead inspector",
        "Ofsted has no lead inspector",
        "Ofsted has no inspector",
        "CQC has no lead inspector",
        "CQC has no inspector",
        "HMICFRS has no lead inspector",
        "HMICFRS has no inspector",
    ]
    teams.team_member_add(inspection=haringey_jtai, user=lead_inspector, role=TeamRole.OVERALL_LEAD)
    teams.team_member_add(
        inspection=haringey_jtai, user=cqc_inspector, role=TeamRole.INSPECTORATE_LEAD
    )
    assert selectors.team_gaps(haringey_jtai) == [
        "Ofsted has no inspector",
        "CQC has no inspector",
        "HMICFRS has no lead inspector",
        "HMICFRS has no inspector",
    ]


def test_full_team_has_no_gaps(full_team):
    assert selectors.team_gaps(full_team) == []


def test_update_member_role_and_remove(full_team, ofsted_inspector):
    member = full_team.team.get(user=ofsted_inspector)
    teams.team_member_update(member=member, role=TeamRole.INSPECTORATE_LEAD)
    member.refresh_from_db()
    assert member.role == TeamRole.INSPECTORATE_LEAD
    teams.team_member_remove(member=member)
    assert not full_team.team.filter(user=ofsted_inspector).exists()


def test_framework_version_revise_keeps_started_inspections_on_their_version(full_team, admin):
    version = full_team.framework_version
    # Not yet started: edited in place.
    same = frameworks.framework_version_revise(version=version, min_tracked_cases=6)
    assert same.pk == version.pk and same.min_tracked_cases == 6
    from inspections.models import Inspection

    Inspection.objects.filter(pk=full_team.pk).update(status=Status.FIELDWORK)
    revised = frameworks.framework_version_revise(version=version, min_tracked_cases=8)
    assert revised.pk != version.pk
    assert revised.version == 2 and revised.revised_from == version
    assert revised.judgement_areas.count() == version.judgement_areas.count()
    assert revised.inspectorate_rules.count() == version.inspectorate_rules.count()
    full_team.refresh_from_db()
    assert full_team.framework_version_id == version.pk
    version.refresh_from_db()
    assert version.min_tracked_cases == 6
    assert Framework.objects.get(code="jtai").versions.count() == 2

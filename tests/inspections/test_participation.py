"""Agencies and judgements follow the inspectorates taking part: a JTAI or front-door
inspection without HMI Probation takes in no probation service or youth justice team, makes
no HMI Probation judgements, and its report is not blocked by an inspectorate that is absent."""

import datetime

import pytest
from rest_framework.test import APIClient

from agencies.models import Inspectorate
from inspections.models import Framework, Inspection, Judgement, JudgementStatus, Status, Theme
from inspections.moderation import services as moderation
from inspections.recording import services as recording
from inspections.recording.services import judgements_ensure
from inspections.services import scheduling, teams, transitions
from jtai.exceptions import ApplicationError
from reports.services.drafting import generation_blockers

D = datetime.date
pytestmark = pytest.mark.django_db

WITHOUT_PROBATION = ["childrens_social_care", "health", "police"]


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _codes(queryset, field="code"):
    return sorted(queryset.values_list(field, flat=True))


def _agency_types(inspection):
    return _codes(inspection.agencies.all(), "agency_type__code")


def _staff(inspection, lead, ofsted, cqc, hmicfrs):
    """The lead, an Ofsted inspector, and CQC and HMICFRS leads who inspect their agencies."""
    agencies = {a.agency_type.code: a for a in inspection.agencies.select_related("agency_type")}
    teams.team_member_add(inspection=inspection, user=lead, role="overall_lead")
    teams.team_member_add(
        inspection=inspection,
        user=ofsted,
        role="inspector",
        agencies=[agencies["childrens_social_care"]],
    )
    teams.team_member_add(
        inspection=inspection, user=cqc, role="inspectorate_lead", agencies=[agencies["health"]]
    )
    teams.team_member_add(
        inspection=inspection,
        user=hmicfrs,
        role="inspectorate_lead",
        agencies=[agencies["police"]],
    )


@pytest.mark.parametrize(
    ("framework", "theme", "window_start"),
    [
        ("jtai", "front-door", "2023-03-06"),
        ("front-door", None, "2024-03-04"),
    ],
)
def test_scheduled_without_probation_the_report_is_not_blocked(
    framework,
    theme,
    window_start,
    haringey,
    admin,
    lead_inspector,
    ofsted_inspector,
    cqc_inspector,
    hmicfrs_inspector,
):
    payload = {"authority": haringey.gss_code, "framework": framework, "window_start": window_start}
    if theme:
        payload["theme"] = theme
    response = client_for(admin).post("/api/inspections/", payload, format="json")
    assert response.status_code == 201, response.json()
    inspection = Inspection.objects.get(pk=response.json()["inspection"]["id"])
    assert _codes(inspection.inspectorates.all()) == ["cqc", "hmicfrs", "ofsted"]
    # The area's probation service and youth offending team are not taken in.
    assert _agency_types(inspection) == WITHOUT_PROBATION

    _staff(inspection, lead_inspector, ofsted_inspector, cqc_inspector, hmicfrs_inspector)
    base = f"/api/inspections/{inspection.pk}"
    assert client_for(admin).post(f"{base}/notify/").status_code == 200
    response = client_for(lead_inspector).post(
        f"{base}/start-fieldwork/", {"reason": "Training run"}, format="json"
    )
    assert response.status_code == 200, response.json()

    judgements = Judgement.objects.filter(inspection=inspection)
    assert judgements.exists()
    assert not judgements.filter(inspectorate__code="hmiprobation").exists()
    assert set(judgements.values_list("inspectorate__code", flat=True)) == {
        "ofsted",
        "cqc",
        "hmicfrs",
    }

    # Every judgement is recorded by its inspectorate and signed off by its lead.
    recorder = {"ofsted": ofsted_inspector, "cqc": cqc_inspector, "hmicfrs": hmicfrs_inspector}
    for judgement in judgements.select_related("inspectorate", "area__version"):
        recording.judgement_save(
            judgement=judgement,
            user=recorder[judgement.inspectorate.code],
            version=judgement.version,
            strengths=["Referrals are acted on the same day."],
            improvements=["Strategy meetings include health."],
            evidence_summary="Tracked cases and audits.",
            complete=True,
        )
    for verb in ("close_evidence", "start_moderation"):
        transitions.inspection_transition(inspection=inspection, verb=verb, by=lead_inspector)
    for lead in (lead_inspector, cqc_inspector, hmicfrs_inspector):
        moderation.judgements_sign_off(inspection=inspection, user=lead)
    assert not judgements.exclude(status=JudgementStatus.SIGNED_OFF).exists()
    assert generation_blockers(inspection) == []


def test_probation_chosen_takes_in_its_agencies(haringey, jtai, neglect, admin):
    probation = Inspectorate.objects.get(code="hmiprobation")
    inspection = scheduling.inspection_schedule(
        authority=haringey,
        framework_version=jtai,
        theme=neglect,
        window_start=D(2017, 12, 4),
        optional_inspectorates=[probation],
        by=admin,
    ).inspection
    assert _agency_types(inspection) == [*WITHOUT_PROBATION, "probation", "youth_offending"]


def test_a_theme_without_probation_refuses_it(haringey, jtai, admin):
    probation = Inspectorate.objects.get(code="hmiprobation")
    with pytest.raises(ApplicationError) as caught:
        scheduling.inspection_schedule(
            authority=haringey,
            framework_version=jtai,
            theme=Theme.objects.get(code="front-door"),
            window_start=D(2023, 3, 6),
            optional_inspectorates=[probation],
            by=admin,
        )
    assert caught.value.fields["optional_inspectorates"] == [
        "HMI Probation does not take part in the theme "
        "The front door: the identification of initial need and risk"
    ]


def test_a_change_of_participation_while_planned_carries_through(haringey, jtai, neglect, admin):
    probation = Inspectorate.objects.get(code="hmiprobation")
    inspection = scheduling.inspection_schedule(
        authority=haringey, framework_version=jtai, theme=neglect, window_start=D(2017, 12, 4)
    ).inspection
    assert _agency_types(inspection) == WITHOUT_PROBATION

    scheduling.inspection_update(inspection=inspection, optional_inspectorates=[probation])
    assert "hmiprobation" in _codes(inspection.inspectorates.all())
    assert _agency_types(inspection) == [*WITHOUT_PROBATION, "probation", "youth_offending"]

    # A theme without HMI Probation: probation leaves, and its agencies with it.
    scheduling.inspection_update(
        inspection=inspection,
        theme=Theme.objects.get(code="front-door"),
        window_start=D(2023, 3, 6),
    )
    assert "hmiprobation" not in _codes(inspection.inspectorates.all())
    assert _agency_types(inspection) == WITHOUT_PROBATION


def test_judgements_follow_the_inspectorates_taking_part(haringey, jtai, neglect, admin):
    probation = Inspectorate.objects.get(code="hmiprobation")
    inspection = scheduling.inspection_schedule(
        authority=haringey,
        framework_version=jtai,
        theme=neglect,
        window_start=D(2017, 12, 4),
        optional_inspectorates=[probation],
    ).inspection
    Inspection.objects.filter(pk=inspection.pk).update(status=Status.FIELDWORK)
    judgements_ensure(inspection=inspection)
    assert inspection.judgements.filter(inspectorate=probation).count() == 8  # 2 agencies × 4

    # Had HMI Probation left, its untouched rows go and never block the report.
    inspection.inspectorates.remove(probation)
    assert judgements_ensure(inspection=inspection) == 0
    assert not inspection.judgements.filter(inspectorate=probation).exists()
    assert inspection.judgements.count() == 12  # 3 agencies × 4 areas


def test_front_door_and_family_help_themes_have_no_probation(db):
    # Themes name their inspectorates: the front door and family help have no HMI Probation.
    jtai = Framework.objects.get(code="jtai")
    for code in ("front-door", "family-help"):
        theme = jtai.themes.get(code=code)
        assert _codes(theme.inspectorates.all()) == ["cqc", "hmicfrs", "ofsted"]


def test_the_migration_mends_inspections_scheduled_before(haringey, jtai, neglect):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("inspections.migrations.0008_unannounced_and_participation")
    probation = Inspectorate.objects.get(code="hmiprobation")
    planned = scheduling.inspection_schedule(
        authority=haringey, framework_version=jtai, theme=neglect, window_start=D(2017, 12, 4)
    ).inspection
    # As before: every agency type of the framework taken in, probation's judgements made.
    planned.agencies.set(haringey.partner_agencies.exclude(agency_type__code="lscb"))
    stuck = scheduling.inspection_schedule(
        authority=haringey, framework_version=jtai, theme=neglect, window_start=D(2017, 6, 5)
    ).inspection
    stuck.inspectorates.add(probation)
    stuck.agencies.set(haringey.partner_agencies.exclude(agency_type__code="lscb"))
    Inspection.objects.filter(pk=stuck.pk).update(status=Status.FIELDWORK)
    judgements_ensure(inspection=stuck)
    stuck.inspectorates.remove(probation)
    assert stuck.judgements.filter(inspectorate=probation).exists()

    migration.follow_participation(apps, None)
    assert _agency_types(planned) == WITHOUT_PROBATION
    assert not stuck.judgements.filter(inspectorate=probation).exists()

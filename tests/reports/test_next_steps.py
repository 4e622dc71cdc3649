"""The next steps and their blockers: one selector, from the rules that refuse each verb,
for every status × blocker; the same on the inspection page, in the API and in the service."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.models import (
    Inspection,
    Judgement,
    SharedJudgement,
    SharedJudgementAgreement,
    Status,
)
from inspections.moderation.services import judgement_return
from inspections.next_steps import main_step, next_steps_for, status_phrase, with_step_data
from inspections.services.transitions import inspection_transition
from jtai.exceptions import ApplicationError
from reports.factories import (
    ReportVersionFactory,
    agree_report_sections,
    build_inspection,
    publish_directly,
)
from reports.models import FactualAccuracyComment, FactualAccuracyRequest, VersionKind
from reports.services.publication import action_plans_ask_due

pytestmark = pytest.mark.django_db


def _steps(user, inspection):
    inspection = with_step_data(Inspection.objects.filter(pk=inspection.pk)).get()
    return {s.verb: s for s in next_steps_for(user, [inspection])[inspection.pk]}


def _texts(step):
    return [b.text for b in step.blockers]


def _ready_for_factual_accuracy(inspection):
    lead = inspection.leads["ofsted"]
    agree_report_sections(inspection)
    ReportVersionFactory(
        job__inspection=inspection, job__requested_by=lead, job__kind=VersionKind.FACTUAL_ACCURACY
    )


@pytest.fixture
def moderation():
    return build_inspection(cases=0, evidence_per_agency=0)


# --- planned: notify --------------------------------------------------------------------------


def test_planned_with_an_incomplete_team_names_each_gap_linked_to_the_team(admin):
    from inspections.factories import make_inspection

    inspection = make_inspection(status=Status.PLANNED)
    step = _steps(admin, inspection)["notify"]
    assert step.is_blocked
    assert "The team has no overall lead inspector" in _texts(step)
    assert all(b.href == reverse("inspections:team", args=[inspection.pk]) for b in step.blockers)


def test_planned_with_a_full_team_can_be_notified(admin):
    from agencies.factories import person
    from inspections.factories import add_member

    inspection = build_inspection(status=Status.PLANNED, cases=0, evidence_per_agency=0)
    assert "Ofsted has no inspector" in _texts(_steps(admin, inspection)["notify"])
    for insp in inspection.inspectorates.all():
        add_member(inspection, person(f"{insp.code}_inspector_x", "inspector", insp.code))
    assert not _steps(admin, inspection)["notify"].is_blocked


# --- moderation: send for factual accuracy ---------------------------------------------------


def test_a_returned_judgement_blocks_factual_accuracy_and_is_linked(moderation):
    lead = moderation.leads["ofsted"]
    _ready_for_factual_accuracy(moderation)
    assert not _steps(lead, moderation)["send_for_factual_accuracy"].is_blocked

    judgement = (
        Judgement.objects.filter(inspection=moderation, inspectorate__code="hmicfrs")
        .select_related("agency", "area")
        .first()
    )
    judgement_return(judgement=judgement, user=lead, comment="Say which cases show this.")
    step = _steps(lead, moderation)["send_for_factual_accuracy"]
    assert _texts(step) == [
        f"HMICFRS's judgement on {judgement.agency.name}: “{judgement.area.title}” is returned "
        "to its inspector"
    ]
    assert step.blockers[0].href == reverse(
        "inspections:moderation:judgement", args=[moderation.pk, judgement.pk]
    )
    # The same rule refuses the verb.
    with pytest.raises(ApplicationError, match="returned to its inspector"):
        inspection_transition(inspection=moderation, verb="send_for_factual_accuracy", by=lead)


def test_judgements_not_signed_off_are_counted_per_inspectorate():
    inspection = build_inspection(cases=0, evidence_per_agency=0, judgement_status="completed")
    _ready_for_factual_accuracy(inspection)
    step = _steps(inspection.leads["ofsted"], inspection)["send_for_factual_accuracy"]
    counts = {
        code: Judgement.objects.filter(inspection=inspection, inspectorate__code=code).count()
        for code in ("ofsted", "cqc")
    }
    assert f"{counts['ofsted']} of Ofsted's judgements not signed off" in _texts(step)
    assert f"{counts['cqc']} of CQC's judgements not signed off" in _texts(step)
    assert step.blockers[0].href == reverse("inspections:moderation:grid", args=[inspection.pk])


def test_a_disputed_shared_judgement_blocks_factual_accuracy(moderation):
    _ready_for_factual_accuracy(moderation)
    shared = SharedJudgement.objects.filter(inspection=moderation).select_related("area").first()
    SharedJudgementAgreement.objects.filter(
        shared_judgement=shared, inspectorate__code="cqc"
    ).update(agrees=False, comment="The health findings are not in the text.")
    step = _steps(moderation.leads["ofsted"], moderation)["send_for_factual_accuracy"]
    assert _texts(step) == [f"CQC disagrees with the shared judgement on “{shared.area.title}”"]
    assert step.blockers[0].href == reverse(
        "inspections:recording:shared", args=[moderation.pk, shared.pk]
    )


def test_the_report_version_and_sections_block_factual_accuracy(moderation):
    step = _steps(moderation.leads["ofsted"], moderation)["send_for_factual_accuracy"]
    texts = _texts(step)
    assert "Generate the factual accuracy version of the report first" in texts
    assert any(t.startswith("Every section must be agreed") for t in texts)


def test_an_inspector_is_offered_no_step(moderation):
    from agencies.factories import person
    from inspections.factories import add_member

    inspector = person("plain_inspector", "inspector", "cqc")
    add_member(moderation, inspector)
    assert _steps(inspector, moderation) == {}


# --- factual accuracy: publish ---------------------------------------------------------------


def test_unanswered_factual_accuracy_comments_block_publishing(moderation):
    lead = moderation.leads["ofsted"]
    Inspection.objects.filter(pk=moderation.pk).update(status=Status.FACTUAL_ACCURACY)
    version = ReportVersionFactory(
        job__inspection=moderation, job__requested_by=lead, job__kind=VersionKind.FACTUAL_ACCURACY
    )
    request = FactualAccuracyRequest.objects.create(
        version=version,
        sent_by=lead,
        expires_at=timezone.now() + datetime.timedelta(days=10),
        comments_due=timezone.localdate() + datetime.timedelta(days=10),
    )
    for n in range(3):
        FactualAccuracyComment.objects.create(
            request=request, from_name="Area", comment=f"Point {n}", recorded_by=lead
        )
    step = _steps(lead, moderation)["publish"]
    assert _texts(step) == [
        "3 factual-accuracy comments not yet answered",
        "Generate the final version of the report before publishing",
    ]


# --- published: the statement of action and closing ------------------------------------------


def test_an_embargoed_report_is_published_not_action_plan_due(moderation, admin):
    later = timezone.now() + datetime.timedelta(days=2)
    publish_directly(moderation, publish_at=later)
    moderation.refresh_from_db()
    assert moderation.status == Status.PUBLISHED
    steps = _steps(admin, moderation)
    assert _texts(steps["await_action_plan"])[0].startswith("The report is embargoed until")
    assert _texts(steps["close"]) == ["Ask for the written statement of action before closing"]
    with pytest.raises(ApplicationError, match="embargoed"):
        inspection_transition(inspection=moderation, verb="await_action_plan", by=admin)
    assert action_plans_ask_due() == []

    # Once public, the scheduled task asks for the statement of action.
    from reports.models import Publication

    Publication.objects.filter(inspection=moderation).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert action_plans_ask_due() == [moderation.pk]
    moderation.refresh_from_db()
    assert moderation.status == Status.ACTION_PLAN_DUE
    assert moderation.action_plan_due_date is not None
    assert action_plans_ask_due() == []  # idempotent


def test_a_framework_without_a_statement_of_action_offers_no_such_step(admin):
    inspection = build_inspection(framework="child-protection-2012", cases=0, status="published")
    steps = _steps(admin, inspection)
    assert "await_action_plan" not in steps
    assert not steps["close"].is_blocked


# --- the pages, the API, the wording ---------------------------------------------------------


def test_the_inspection_page_lists_the_blockers_instead_of_the_button(client, moderation):
    lead = moderation.leads["ofsted"]
    client.force_login(lead)
    page = client.get(reverse("inspections:detail", args=[moderation.pk])).content.decode()
    assert 'data-blockers="send_for_factual_accuracy"' in page
    assert "Before you can send for factual accuracy" in page
    action = reverse("inspections:transition", args=[moderation.pk, "send_for_factual_accuracy"])
    assert f'action="{action}"' not in page


def test_the_api_gives_next_steps_and_their_blockers(moderation):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(moderation.leads["ofsted"])
    body = api.get(f"/api/inspections/{moderation.pk}/").json()
    assert body["next_steps"] == ["send_for_factual_accuracy"]
    (entry,) = body["blockers"]
    assert entry["verb"] == "send_for_factual_accuracy"
    assert {"text": "Generate the factual accuracy version of the report first"}.items() <= (
        entry["blockers"][0].items()
    )


@pytest.mark.parametrize(
    ("status", "phrase"),
    [
        (Status.ACTION_PLAN_DUE, "waiting for the written statement of action"),
        (Status.MODERATION, "in moderation"),
        (Status.FACTUAL_ACCURACY, "with the area for factual accuracy"),
    ],
)
def test_statuses_read_as_sentences(status, phrase):
    assert status_phrase(status) == phrase
    assert Inspection(status=status).status_phrase == phrase


def test_next_steps_are_read_in_a_fixed_number_of_queries(admin, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    inspections = [build_inspection(cases=0, evidence_per_agency=0) for _ in range(2)]
    counts = []
    for size in (1, 2):
        ids = [i.pk for i in inspections[:size]]
        with CaptureQueriesContext(connection) as ctx:
            loaded = list(with_step_data(Inspection.objects.filter(pk__in=ids)))
            steps = next_steps_for(admin, loaded)
        counts.append(len(ctx.captured_queries))
        assert all(main_step(steps[pk]).verb == "send_for_factual_accuracy" for pk in ids)
    assert counts[0] == counts[1]


def test_an_unblocked_factual_accuracy_step_leads_to_the_report(client, moderation):
    _ready_for_factual_accuracy(moderation)
    client.force_login(moderation.leads["ofsted"])
    page = client.get(reverse("inspections:detail", args=[moderation.pk])).content.decode()
    assert 'data-blockers="send_for_factual_accuracy"' not in page
    report = reverse("reports:inspection", args=[moderation.pk])
    assert f'href="{report}#fa-send"' in page
    assert "Send for factual accuracy from the report" in page

"""Case selection and theme case tracking: the cohort follows the theme's criteria, the
questions follow the theme, an inspector answers only for their own inspectorate's agencies,
and a case is a reference, never a name."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from inspections.fieldwork import selectors, services
from inspections.fieldwork.data import FIELDWORK_DATA
from inspections.models import (
    CaseTrackingAnswer,
    CaseTrackingQuestion,
    Inspection,
    Status,
    Theme,
    ThemeCohortCriteria,
    TrackedCase,
)
from jtai.exceptions import ApplicationError

from .conftest import agency_of

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"inspections:fieldwork:{name}", args=args)


def test_every_jtai_theme_has_its_tool_with_a_source():
    for theme in Theme.objects.filter(framework__code="jtai"):
        questions = list(CaseTrackingQuestion.objects.filter(theme=theme))
        assert questions, theme.code
        assert all(q.source for q in questions)
        assert ThemeCohortCriteria.objects.get(theme=theme).source
    neglect = ThemeCohortCriteria.objects.get(theme__code="neglect")
    assert (neglect.min_age, neglect.max_age) == (7, 15)
    assert "children living with neglect" in neglect.source
    mental_health = ThemeCohortCriteria.objects.get(theme__code="mental-health")
    assert (mental_health.min_age, mental_health.max_age) == (10, 15)
    # Themes whose tool was not found say so.
    assert "not found" in FIELDWORK_DATA["front-door"]["source"]


def test_the_questions_follow_the_theme(on_site):
    neglect_codes = {q.code for q in selectors.questions_for(on_site)}
    assert "neglect_recognised" in neglect_codes
    on_site.theme = Theme.objects.get(code="mental-health")
    on_site.save()
    mental_health_codes = {q.code for q in selectors.questions_for(on_site)}
    assert "mental_health_identified" in mental_health_codes
    assert "neglect_recognised" not in mental_health_codes


def test_the_cohort_follows_the_theme_criteria(on_site, lead_inspector):
    case = services.tracked_case_add(
        inspection=on_site,
        user=lead_inspector,
        reference="HAR-0042",
        age=12,
        plan_type="child_protection",
    )
    assert case.reference == "HAR-0042"
    with pytest.raises(ApplicationError) as too_young:
        services.tracked_case_add(
            inspection=on_site, user=lead_inspector, reference="HAR-0043", age=4, plan_type="cp"
        )
    assert "aged 7 to 15" in too_young.value.fields["age"][0]
    with pytest.raises(ApplicationError) as wrong_plan:
        services.tracked_case_add(
            inspection=on_site,
            user=lead_inspector,
            reference="HAR-0044",
            age=9,
            plan_type="early_help",
        )
    assert "plan_type" in wrong_plan.value.fields
    with pytest.raises(ApplicationError):
        services.tracked_case_add(
            inspection=on_site,
            user=lead_inspector,
            reference="HAR-0042",
            age=12,
            plan_type="child_protection",
        )


def test_a_name_is_refused(on_site, lead_inspector, client):
    with pytest.raises(ApplicationError) as error:
        services.tracked_case_add(
            inspection=on_site,
            user=lead_inspector,
            reference="Jamie Smith",
            age=12,
            plan_type="child_protection",
        )
    assert "not a name" in error.value.message
    client.force_login(lead_inspector)
    response = client.post(
        _url("cohort", on_site.pk),
        {"reference": "Jamie Smith", "age": "12", "plan_type": "child_protection"},
    )
    assert response.status_code == 400
    assert "never record a child&#x27;s name" in response.content.decode()
    assert not TrackedCase.objects.exists()


def test_the_area_list_is_checked_and_names_are_never_shown(on_site, lead_inspector, client):
    client.force_login(lead_inspector)
    area_list = "HAR-0101, 12, CP\nHAR-0102, 5, CIN\nJamie Smith, 11, CP\nHAR-0103, 14, LAC\n"
    response = client.post(_url("cohort", on_site.pk), {"action": "check", "area_list": area_list})
    page = response.content.decode()
    assert response.status_code == 200
    assert "HAR-0101" in page and "HAR-0103" in page
    assert "Jamie" not in page
    assert "aged 7 to 15: this child is 5" in page
    candidates = selectors.cohort_candidates(on_site, area_list)
    assert [c.eligible for c in candidates] == [True, False, False, True]
    response = client.post(
        _url("cohort", on_site.pk),
        {"reference": "HAR-0101", "age": "12", "plan_type": "child_protection"},
    )
    assert response.status_code == 302
    assert TrackedCase.objects.get().reference == "HAR-0101"


@pytest.mark.parametrize(
    "persona, status_code",
    [("lead_inspector", 200), ("ofsted_inspector", 403), ("cqc_inspector", 403)],
)
def test_only_the_lead_selects_the_cohort(on_site, request, persona, status_code, client):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        _url("cohort", on_site.pk), {"action": "check", "area_list": "HAR-0101, 12, CP"}
    )
    assert response.status_code == status_code


def test_an_outsider_gets_404(on_site, hmiprobation_inspector, client):
    client.force_login(hmiprobation_inspector)
    assert client.get(_url("cohort", on_site.pk)).status_code == 404


@pytest.fixture
def tracked(on_site, lead_inspector):
    return services.tracked_case_add(
        inspection=on_site,
        user=lead_inspector,
        reference="HAR-0042",
        age=12,
        plan_type="child_protection",
    )


def test_an_inspector_answers_only_for_their_inspectorates_agencies(
    tracked, on_site, cqc_inspector, hmicfrs_inspector, client
):
    health = agency_of(on_site, "health")
    police = agency_of(on_site, "police")
    client.force_login(cqc_inspector)
    answers_url = _url("case-answers", on_site.pk, tracked.pk, health.pk)
    assert client.get(answers_url).status_code == 200
    response = client.post(
        answers_url,
        {
            "q_neglect_recognised": "The school nurse recorded weight loss twice.",
            "q_identification": "GP referral in March.",
        },
    )
    assert response.status_code == 302
    assert CaseTrackingAnswer.objects.filter(case=tracked, agency=health).count() == 2
    # Police is judged by HMICFRS: CQC may read the case but not answer for it.
    police_url = _url("case-answers", on_site.pk, tracked.pk, police.pk)
    assert client.get(police_url).status_code == 403
    assert client.post(police_url, {"q_identification": "x"}).status_code == 403
    assert not CaseTrackingAnswer.objects.filter(agency=police).exists()
    client.force_login(hmicfrs_inspector)
    assert (
        client.post(police_url, {"q_identification": "Domestic incident, May."}).status_code == 302
    )
    page = client.get(_url("case", on_site.pk, tracked.pk)).content.decode()
    assert "The school nurse recorded weight loss twice." in page
    assert "Domestic incident, May." in page


def test_answering_is_refused_by_the_permission_predicate(tracked, on_site, cqc_inspector):
    from inspections.fieldwork.permissions import require_answer_for
    from inspections.recording.permissions import access_for

    access = access_for(cqc_inspector, on_site)
    require_answer_for(access, agency_of(on_site, "health"))
    with pytest.raises(PermissionDenied):
        require_answer_for(access, agency_of(on_site, "childrens_social_care"))


def test_answers_only_during_fieldwork(tracked, on_site, cqc_inspector, client):
    Inspection.objects.filter(pk=on_site.pk).update(status=Status.MODERATION)
    client.force_login(cqc_inspector)
    url = _url("case-answers", on_site.pk, tracked.pk, agency_of(on_site, "health").pk)
    assert client.post(url, {"q_identification": "x"}).status_code == 403


def test_the_partnership_audit_and_its_evaluation(tracked, on_site, ofsted_inspector, client):
    client.force_login(ofsted_inspector)
    url = _url("case", on_site.pk, tracked.pk)
    response = client.post(url, {"partnership_audit": "", "evaluation": "good", "comment": ""})
    assert response.status_code == 400
    assert "Record the partnership" in response.content.decode()
    response = client.post(
        url,
        {
            "partnership_audit": "The area's audit found drift in the child protection plan.",
            "evaluation": "inadequate",
            "comment": "",
        },
    )
    assert response.status_code == 400 and "Say why" in response.content.decode()
    response = client.post(
        url,
        {
            "partnership_audit": "The area's audit found drift in the child protection plan.",
            "evaluation": "adequate",
            "comment": "It found the drift but not its impact on the child.",
        },
    )
    assert response.status_code == 302
    tracked.refresh_from_db()
    assert tracked.audit_evaluation == "adequate"
    assert tracked.audit_updated_by == ofsted_inspector
    cohort = client.get(_url("cohort", on_site.pk)).content.decode()
    assert "Adequate" in cohort


def test_an_inspection_without_a_theme_has_no_cohort(on_site, lead_inspector):
    Inspection.objects.filter(pk=on_site.pk).update(theme=None)
    on_site.refresh_from_db()
    with pytest.raises(ApplicationError):
        services.tracked_case_add(
            inspection=on_site,
            user=lead_inspector,
            reference="HAR-0042",
            age=12,
            plan_type="child_protection",
        )


def test_only_agencies_judged_by_an_inspectorate_taking_part_are_asked(
    tracked, on_site, ofsted_inspector, client
):
    assert not on_site.inspectorates.filter(code="hmiprobation").exists()
    client.force_login(ofsted_inspector)
    page = client.get(_url("case", on_site.pk, tracked.pk)).content.decode()
    assert "Haringey Council children&#x27;s services" in page
    assert "National Probation Service London" not in page

"""Writing the report's sections: who may write which, stale saves refused (the page keeping
the typed text), the history of every save, agreements cleared by a change."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from agencies.factories import person
from inspections.factories import add_member
from inspections.models import TeamRole
from reports.models import ReportSection, ReportSectionRevision, SectionStatus
from reports.services import report_section_agree, report_section_save, report_sections_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(inspection):
    return {s.key: s for s in report_sections_ensure(inspection=inspection)}


def agency_section(sections, code):
    return next(s for s in sections.values() if s.kind == "agency" and s.inspectorate.code == code)


def api_for(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_summary_sections_follow_the_framework(inspection, sections):
    keys = list(sections)
    assert keys[:2] == ["key-findings", "partnership-improvements"]
    assert any(k.startswith("shared-") for k in keys)
    agencies = [s for s in sections.values() if s.kind == "agency"]
    assert {s.agency_id for s in agencies} == set(
        inspection.judgements.values_list("agency_id", flat=True)
    )
    # Pre-filled from the judgements' strengths and areas for improvement.
    cqc = agency_section(sections, "cqc")
    assert "Key strengths" in cqc.text and "strength in" in cqc.text
    assert "Areas for improvement" in cqc.text and "must improve" in cqc.text
    # Idempotent.
    assert len(report_sections_ensure(inspection=inspection)) == len(sections)
    assert ReportSectionRevision.objects.filter(section__inspection=inspection).count() == len(
        sections
    )


def test_letter_sections(db):
    from reports.factories import build_inspection

    inspection = build_inspection(framework="jtai", cases=1)
    keys = [s.key for s in report_sections_ensure(inspection=inspection)]
    assert keys[:6] == [
        "addressees",
        "scope",
        "headline-findings",
        "strengths",
        "improvements",
        "case-studies",
    ]
    scope = ReportSection.objects.get(inspection=inspection, key="scope")
    assert "front door" in scope.text and "deep dive" in scope.text


@pytest.mark.parametrize(
    ("who", "section", "allowed"),
    [
        ("overall_lead", "key-findings", True),
        ("overall_lead", "cqc-agency", True),
        ("cqc_lead", "cqc-agency", True),
        ("cqc_lead", "ofsted-agency", False),
        ("cqc_lead", "key-findings", False),
        ("inspector", "key-findings", False),
        ("inspector", "ofsted-agency", False),
    ],
)
def test_who_may_write_which_section(inspection, sections, who, section, allowed):
    users = {"overall_lead": inspection.leads["ofsted"], "cqc_lead": inspection.leads["cqc"]}
    if who == "inspector":
        users["inspector"] = person("section_inspector", "inspector", "ofsted")
        add_member(inspection, users["inspector"], TeamRole.INSPECTOR)
    target = (
        agency_section(sections, section.split("-")[0])
        if section.endswith("-agency")
        else sections[section]
    )
    api = api_for(users[who])
    url = reverse("api-report-section", args=[inspection.pk, target.key])
    assert api.get(url).status_code == 200  # the whole team reads every section
    response = api.put(url, {"version": target.version, "text": "New text."}, format="json")
    assert response.status_code == (200 if allowed else 403), response.content
    page = reverse("reports:section", args=[inspection.pk, target.key])
    client = api_for(users[who])
    client.force_login(users[who])
    response = client.post(page, {"version": target.version + (1 if allowed else 0), "text": "x"})
    assert response.status_code == (302 if allowed else 403)


def test_outsiders_and_the_public_never_see_sections(inspection, sections, client):
    url = reverse("reports:sections", args=[inspection.pk])
    assert client.get(url).status_code == 302  # to sign in
    assert APIClient().get(reverse("api-report-sections", args=[inspection.pk])).status_code in (
        401,
        403,
    )
    outsider = person("section_outsider", "lead", "ofsted")
    assert (
        api_for(outsider).get(reverse("api-report-sections", args=[inspection.pk])).status_code
        == 404
    )
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_stale_save_is_refused_by_the_api(inspection, sections):
    lead = inspection.leads["ofsted"]
    section = sections["key-findings"]
    api = api_for(lead)
    url = reverse("api-report-section", args=[inspection.pk, section.key])
    first = api.put(url, {"version": 0, "text": "First text."}, format="json")
    assert first.status_code == 200 and first.json()["version"] == 1
    stale = api.put(url, {"version": 0, "text": "Second text."}, format="json")
    assert stale.status_code == 409
    assert "changed by someone else" in stale.json()["detail"]
    section.refresh_from_db()
    assert section.text == "First text." and section.version == 1


def test_stale_save_on_the_page_keeps_the_text_and_shows_the_diff(inspection, sections, client):
    lead = inspection.leads["ofsted"]
    section = sections["partnership-improvements"]
    report_section_save(
        section=section, user=lead, version=0, text="Partners must check training's impact."
    )
    client.force_login(lead)
    url = reverse("reports:section", args=[inspection.pk, section.key])
    response = client.post(url, {"version": 0, "text": "My own unsaved paragraph."})
    assert response.status_code == 409
    page = response.content.decode()
    assert "My own unsaved paragraph." in page  # still in the form
    assert "What they changed" in page and "impact." in page
    assert 'name="version" value="1"' in page
    # Saving again from the page's new version replaces theirs.
    response = client.post(url, {"version": 1, "text": "My own unsaved paragraph."})
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.version == 2 and section.text == "My own unsaved paragraph."


def test_history_and_agreements_cleared_by_a_change(inspection, sections, client):
    lead, cqc = inspection.leads["ofsted"], inspection.leads["cqc"]
    section = agency_section(sections, "cqc")
    section = report_section_save(section=section, user=cqc, version=0, text="Draft one.")
    section = report_section_agree(section=section, user=cqc, version=1)
    assert section.status == SectionStatus.AGREED
    section = report_section_save(section=section, user=lead, version=1, text="Draft two.")
    assert section.status == SectionStatus.DRAFT and not section.agreements.exists()
    client.force_login(inspection.leads["hmicfrs"] if "hmicfrs" in inspection.leads else cqc)
    page = client.get(reverse("reports:section-history", args=[inspection.pk, section.key]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Version 2" in body and "Version 1" in body and "Version 0" in body
    assert "two." in body and "pre-filled from the judgements" in body


def test_agreeing_belongs_to_the_concerned_leads(inspection, sections):
    section = agency_section(sections, "cqc")
    api = api_for(inspection.leads["ofsted"])
    url = reverse("api-report-section-agree", args=[inspection.pk, section.key])
    assert api.post(url, {"version": 0}, format="json").status_code == 403
    api = api_for(inspection.leads["cqc"])
    assert api.post(url, {"version": 5}, format="json").status_code == 409
    response = api.post(url, {"version": 0}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "agreed"


def test_sections_page_lists_owners_and_status(inspection, sections, client):
    client.force_login(inspection.leads["cqc"])
    page = client.get(reverse("reports:sections", args=[inspection.pk])).content.decode()
    assert "Key findings" in page and "Overall lead" in page and "Agree" in page


def test_sections_api_lists_them_in_order(inspection, sections):
    body = api_for(inspection.leads["cqc"]).get(
        reverse("api-report-sections", args=[inspection.pk])
    )
    assert body.status_code == 200
    results = body.json()["results"]
    assert [r["key"] for r in results] == list(sections)
    assert results[0]["owner"] == "overall_lead"
    assert {r["owner"] for r in results if r["kind"] == "agency"} >= {"ofsted", "cqc"}


def test_sections_page_queries_do_not_grow_with_the_sections(
    inspection, sections, client, django_assert_max_num_queries
):
    """A fixed number of queries (sign-in, the inspection, the sections with their agreements,
    the plan's check, the team place, the inspectorates), whatever the number of sections."""
    client.force_login(inspection.leads["cqc"])
    url = reverse("reports:sections", args=[inspection.pk])
    client.get(url)
    with django_assert_max_num_queries(13):
        assert client.get(url).status_code == 200

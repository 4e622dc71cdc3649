"""Each report page action the API also offers does the same through the API: the same
service, the same permissions (404 for what one may not see, 403 for what one may not do)
and the same side effects. Requests carry a real token, as an API client does."""

import datetime

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from agencies.factories import person
from jtai import clock
from jtai.authentication import token_for
from reports.assembly import assemble_report
from reports.factories import (
    ReportJobFactory,
    ReportVersionFactory,
    agree_report_sections,
    build_inspection,
    publish_directly,
)
from reports.models import ActionPlan, FactualAccuracyComment, JobStatus, ReportVersion

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def api_for(user) -> APIClient:
    api = APIClient()
    if user is not None:
        api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user).key}")
    return api


def _fields(client, name) -> set[str]:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    return set(schema["components"]["schemas"][name]["properties"])


# --- a version's PDF --------------------------------------------------------------------------


def test_a_version_pdf_downloads_with_a_token(inspection):
    lead = inspection.leads["ofsted"]
    ReportVersionFactory(job__inspection=inspection, job__requested_by=lead)
    api = api_for(lead)
    (version,) = api.get(f"/api/inspections/{inspection.pk}/reports/").json()["results"]
    response = api.get(version["pdf_url"], HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    # The page's URL is for a browser session: a token alone is sent to sign in.
    page = reverse("reports:version-pdf", args=[inspection.pk, version["id"]])
    assert api.get(page).status_code == 302
    outsider = api_for(person("pdf_outsider", "lead", "cqc")).get(version["pdf_url"])
    assert outsider.status_code == 404 and outsider["Content-Type"] == PROBLEM
    assert api_for(None).get(version["pdf_url"]).status_code == 401


# --- two versions compared ------------------------------------------------------------------


def _version(inspection, number, text):
    snapshot = assemble_report(inspection.pk)
    section = {"key": "summary", "title": "Summary", "text": text, "blocks": [{"text": text}]}
    snapshot["sections"] = [section]
    return ReportVersionFactory(
        job__inspection=inspection,
        job__requested_by=inspection.leads["ofsted"],
        job__kind="draft",
        number=number,
        snapshot=snapshot,
    )


def test_compare_answers_what_the_page_shows(client, inspection):
    older = _version(inspection, 1, "Leaders know their children well")
    newer = _version(inspection, 2, "Leaders know most children well")
    lead = inspection.leads["ofsted"]
    client.force_login(lead)
    page = client.get(
        reverse("reports:compare", args=[inspection.pk]), {"a": newer.pk, "b": older.pk}
    )
    url = f"/api/inspections/{inspection.pk}/reports/compare/"
    response = api_for(lead).get(url, {"a": newer.pk, "b": older.pk})
    assert response.status_code == 200
    body = response.json()
    assert (body["older"]["id"], body["newer"]["id"]) == (older.pk, newer.pk)
    assert [s["title"] for s in body["sections"]] == [s["title"] for s in page.context["sections"]]
    segments = body["sections"][0]["segments"]
    assert {"op": "insert", "text": "most"} in segments
    assert [(line["kind"], line["line"]) for line in body["lines"]] == page.context["lines"]
    other = _version(build_inspection(cases=0), 1, "x")
    bad = api_for(lead).get(url, {"a": older.pk, "b": other.pk})
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"b"}
    assert api_for(lead).get(url, {"a": "x"}).status_code == 400
    assert api_for(person("cmp_outsider", "lead", "cqc")).get(url).status_code == 404


# --- a failed generation queued again ------------------------------------------------------


def test_retry_queues_the_job_again_as_the_page_does(client, inspection):
    lead = inspection.leads["ofsted"]
    by_page = ReportJobFactory(inspection=inspection, requested_by=lead, status=JobStatus.FAILED)
    by_api = ReportJobFactory(inspection=inspection, requested_by=lead, status=JobStatus.FAILED)
    client.force_login(lead)
    client.post(reverse("reports:job-retry", args=[inspection.pk, by_page.pk]))
    response = api_for(lead).post(f"/api/report-jobs/{by_api.pk}/retry/")
    assert response.status_code == 200
    by_page.refresh_from_db()
    assert response.json()["status"] == by_page.status == JobStatus.WAITING
    # Not failed any more: 409 by both doors. An inspectorate's lead may not: 403; outsider 404.
    again = api_for(lead).post(f"/api/report-jobs/{by_api.pk}/retry/")
    assert again.status_code == 409 and again.json()["type"] == "/api/problems/conflict/"
    failed = ReportJobFactory(inspection=inspection, requested_by=lead, status=JobStatus.FAILED)
    cqc_lead = inspection.leads["cqc"]
    assert api_for(cqc_lead).post(f"/api/report-jobs/{failed.pk}/retry/").status_code == 403
    client.force_login(cqc_lead)
    page = client.post(reverse("reports:job-retry", args=[inspection.pk, failed.pk]))
    assert page.status_code == 403
    outsider = api_for(person("retry_outsider", "lead", "cqc"))
    assert outsider.post(f"/api/report-jobs/{failed.pk}/retry/").status_code == 404
    failed.refresh_from_db()
    assert failed.status == JobStatus.FAILED


# --- factual-accuracy comments ------------------------------------------------------------


@pytest.fixture
def fa_request(inspection, django_capture_on_commit_callbacks):
    from reports.services import factual_accuracy_send

    version = ReportVersion(
        inspection=inspection,
        number=1,
        kind="factual_accuracy",
        pdf_sha256="2" * 64,
        snapshot={},
        created_by=inspection.leads["ofsted"],
    )
    version.pdf.save("fa.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    version.save()
    agree_report_sections(inspection)
    with django_capture_on_commit_callbacks(execute=True):
        return factual_accuracy_send(
            version=version,
            user=inspection.leads["ofsted"],
            recipients=[{"name": "Dana Director", "role": "DCS", "email": "dana@example.test"}],
        )


def test_a_comment_is_recorded_by_the_api_as_by_the_page(client, inspection, fa_request):
    lead = inspection.leads["ofsted"]
    client.force_login(lead)
    fields = {"from_name": "Dana Director", "section": "Summary", "comment": "Not 12 but 14"}
    client.post(reverse("reports:fa-comment", args=[inspection.pk, fa_request.pk]), fields)
    url = f"/api/inspections/{inspection.pk}/factual-accuracy-requests/{fa_request.pk}/comments/"
    response = api_for(lead).post(url, fields, format="json")
    assert response.status_code == 201
    by_page, by_api = FactualAccuracyComment.objects.filter(request=fa_request).order_by("pk")
    for field in fields:
        assert getattr(by_page, field) == getattr(by_api, field) == response.json()[field]
    assert by_api.recorded_by == by_page.recorded_by == lead
    blank = api_for(lead).post(url, {"from_name": " ", "comment": " "}, format="json")
    assert blank.status_code == 400 and {"from_name", "comment"} <= set(blank.json()["errors"])
    cqc_lead = inspection.leads["cqc"]
    assert api_for(cqc_lead).post(url, fields, format="json").status_code == 403
    client.force_login(cqc_lead)
    page = client.post(reverse("reports:fa-comment", args=[inspection.pk, fa_request.pk]), fields)
    assert page.status_code == 403
    assert api_for(person("fa_outsider", "lead", "cqc")).post(url, fields).status_code == 404
    assert FactualAccuracyComment.objects.filter(request=fa_request).count() == 2
    # The requests list shows the link sent and both comments, as the schema documents.
    listed = api_for(lead).get(f"/api/inspections/{inspection.pk}/factual-accuracy-requests/")
    (item,) = listed.json()["results"]
    assert set(item) == _fields(client, "FactualAccuracyRequestDetail")
    assert [c["id"] for c in item["comments"]] == [by_page.pk, by_api.pk]
    assert [link["email"] for link in item["links"]] == ["dana@example.test"]
    assert len(mail.outbox) == 1  # recording a comment emails nobody, by either door


def test_a_rejection_by_api_answers_as_the_page_does(client, inspection, fa_request):
    from reports.services import factual_accuracy_comment_record

    lead = inspection.leads["ofsted"]
    comments = [
        factual_accuracy_comment_record(
            request=fa_request, user=lead, from_name="Dana", section="", comment=f"Point {n}"
        )
        for n in (1, 2)
    ]
    client.force_login(lead)
    client.post(
        reverse("reports:fa-respond", args=[inspection.pk, comments[0].pk]),
        {f"c{comments[0].pk}-response": "rejected", f"c{comments[0].pk}-response_note": "Stands"},
    )
    response = api_for(lead).post(
        f"/api/factual-accuracy-comments/{comments[1].pk}/respond/",
        {"response": "rejected", "response_note": "Stands"},
        format="json",
    )
    assert response.status_code == 200
    for comment in comments:
        comment.refresh_from_db()
        assert (comment.response, comment.response_note) == ("rejected", "Stands")


# --- the public register and the overdue statements ----------------------------------------


def test_the_register_is_public_and_shows_only_published_reports(client):
    published = publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    embargoed = publish_directly(
        build_inspection(cases=0, evidence_per_agency=0),
        publish_at=timezone.now() + datetime.timedelta(days=2),
    )
    anonymous = APIClient()
    listed = anonymous.get("/api/published-reports/")
    assert listed.status_code == 200
    slugs = [item["slug"] for item in listed.json()["results"]]
    assert slugs == [published.slug]
    page = client.get(reverse("reports:register"))
    assert [p.slug for p in page.context["page_obj"]] == slugs
    (item,) = listed.json()["results"]
    assert set(item) == _fields(client, "PublishedReport")
    assert anonymous.get(item["pdf_url"]).status_code == 200
    assert anonymous.get(f"/api/published-reports/{published.slug}/").status_code == 200
    hidden = anonymous.get(f"/api/published-reports/{embargoed.slug}/")
    assert hidden.status_code == 404 and hidden["Content-Type"] == PROBLEM
    region = published.inspection.authority.region
    assert anonymous.get("/api/published-reports/", {"region": region}).json()["count"] == 1
    bad = anonymous.get("/api/published-reports/", {"year": "soon", "framework": "nope"})
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"year", "framework"}
    assert anonymous.post("/api/published-reports/", {}).status_code in (401, 405)


def test_overdue_statements_by_api_as_on_the_page(client, admin):
    due = datetime.date(2018, 5, 11)
    inspection = build_inspection(cases=0, evidence_per_agency=0)
    ActionPlan.objects.create(publication=publish_directly(inspection), due_date=due)
    client.force_login(admin)
    with clock.travel_to(due + datetime.timedelta(days=3)):
        page = client.get(reverse("reports:overdue-action-plans"))
        response = api_for(admin).get("/api/action-plans/overdue/")
        inspector = api_for(person("overdue_inspector", "inspector", "ofsted"))
        refused = inspector.get("/api/action-plans/overdue/")
    assert response.status_code == 200
    (item,) = response.json()["results"]
    assert [p.publication.inspection_id for p in page.context["plans"]] == [item["inspection"]]
    assert item["days_overdue"] == 3 and item["due_date"] == "2018-05-11"
    assert set(item) == _fields(client, "OverdueActionPlan")
    assert refused.status_code == 403 and refused["Content-Type"] == PROBLEM


# --- a report section by If-Match, and the new lists' queries ---------------------------------


def test_a_section_is_saved_by_if_match(inspection):
    from reports.services import report_sections_ensure

    report_sections_ensure(inspection=inspection)
    api = api_for(inspection.leads["ofsted"])
    url = f"/api/inspections/{inspection.pk}/report-sections/key-findings/"
    read = api.get(url)
    assert read["ETag"] == f'"{read.json()["version"]}"'
    saved = api.put(url, {"text": "First text."}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert saved.status_code == 200 and saved.json()["text"] == "First text."
    stale = api.put(url, {"text": "Second."}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert stale.status_code == 412
    assert api.put(url, {"text": "Third."}, format="json").status_code == 428
    assert api.get(url).json()["text"] == "First text."


def test_the_register_and_overdue_lists_count_their_queries(admin, django_assert_max_num_queries):
    due = datetime.date(2018, 5, 11)
    for _ in range(3):
        publication = publish_directly(build_inspection(cases=0, evidence_per_agency=0))
        ActionPlan.objects.create(publication=publication, due_date=due)
    anonymous = APIClient()
    with django_assert_max_num_queries(3):
        assert anonymous.get("/api/published-reports/").json()["count"] == 3
    api = api_for(admin)
    api.get("/api/action-plans/overdue/")  # the token's first use touches the session tables
    with clock.travel_to(due + datetime.timedelta(days=1)):
        with django_assert_max_num_queries(5):
            assert api.get("/api/action-plans/overdue/").json()["count"] == 3

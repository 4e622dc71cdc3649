"""The written statement of action after publication: the area's nominated contact submits
it on behalf of the director of children's services (their own inspection only), the team
downloads it, each participating inspectorate's lead evaluates it, and its status follows."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter
from rest_framework.test import APIClient

from agencies.factories import person
from agencies.models import AreaContact, Role, User
from inspections.factories import TeamMemberFactory
from inspections.information.models import InspectionContact
from inspections.models import Status, TeamRole
from jtai import clock
from reports.factories import build_inspection, publish_directly
from reports.models import ActionPlan, ActionPlanEvaluation

pytestmark = pytest.mark.django_db


def pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(name="statement.pdf"):
    return SimpleUploadedFile(name, pdf(), content_type="application/pdf")


def make_plan():
    inspection = build_inspection(cases=0, evidence_per_agency=0)
    publication = publish_directly(inspection)
    type(inspection).objects.filter(pk=inspection.pk).update(status=Status.ACTION_PLAN_DUE)
    inspection.refresh_from_db()
    plan = ActionPlan.objects.create(
        publication=publication, due_date=timezone.localdate() + datetime.timedelta(days=30)
    )
    plan.inspection = inspection
    return plan


@pytest.fixture
def plan():
    return make_plan()


@pytest.fixture
def contact(plan):
    user = User.objects.create_user(
        "sam.contact@area.example",
        email="sam.contact@area.example",
        password="correct horse battery staple",
        role=Role.AREA_CONTACT,
        first_name="Sam",
        last_name="Contact",
    )
    InspectionContact.objects.create(
        inspection=plan.inspection, user=user, nominated_at=timezone.now()
    )
    return user


@pytest.fixture
def dcs(plan):
    AreaContact.objects.filter(authority=plan.inspection.authority, role="dcs").delete()
    return AreaContact.objects.create(
        authority=plan.inspection.authority,
        role="dcs",
        name="Ann Graham",
        email="dcs@area.example",
    )


def leads_of(inspection):
    """Each participating inspectorate's lead on the team."""
    return [inspection.leads[i.code] for i in inspection.inspectorates.order_by("order")]


def submit_page(plan):
    return reverse("reports:action-plan-submit", args=[plan.inspection.pk])


def evaluation_page(plan):
    return reverse("reports:action-plan-evaluation", args=[plan.inspection.pk])


def evaluate(client, user, plan, outcome="adequate", comment=""):
    client.force_login(user)
    return client.post(evaluation_page(plan), {"outcome": outcome, "comment": comment})


def submitted(plan, by):
    from reports.services.action_plans import action_plan_submit

    return action_plan_submit(action_plan=plan, user=by, document=upload())


# The area's nominated contact submits ----------------------------------------------------------


def test_the_contact_submits_on_behalf_of_the_director(client, plan, contact, dcs):
    client.force_login(contact)
    mine = client.get(reverse("inspections:information:mine"), follow=True).content.decode()
    assert f'href="{submit_page(plan)}"' in mine
    page = client.get(submit_page(plan))
    assert page.status_code == 200
    assert "on behalf of Ann Graham" in page.content.decode()
    with clock.travel_to(datetime.date(2018, 5, 10)):
        response = client.post(submit_page(plan), {"document": upload()})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "submitted" and plan.submission == 1 and plan.document
    assert plan.submitted_by == contact
    assert plan.submitted_on == datetime.date(2018, 5, 10)
    assert plan.submitted_on_behalf_of == "Ann Graham"


def test_the_contact_reaches_only_their_own_inspections_statement(client, plan, contact):
    other = make_plan()
    client.force_login(contact)
    assert client.get(submit_page(other)).status_code == 404
    assert client.post(submit_page(other), {"document": upload()}).status_code == 404
    other.refresh_from_db()
    assert other.status == "awaited"
    # Nothing of the team's pages either: not the report, the download or the evaluations.
    for name in (
        "reports:inspection",
        "reports:action-plan-document",
        "reports:action-plan-evaluation",
    ):
        assert client.get(reverse(name, args=[plan.inspection.pk])).status_code == 403


def test_a_page_that_is_not_a_pdf_is_refused_to_the_contact(client, plan, contact):
    client.force_login(contact)
    fake = SimpleUploadedFile("s.pdf", b"%PDF-1.4\n<html></html>", content_type="application/pdf")
    response = client.post(submit_page(plan), {"document": fake})
    assert response.status_code == 400
    assert "must be a PDF" in response.content.decode()


def test_the_team_downloads_the_statement_and_nobody_else(client, plan, contact):
    submitted(plan, contact)
    url = reverse("reports:action-plan-document", args=[plan.inspection.pk])
    client.force_login(plan.inspection.leads["cqc"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.force_login(person("outsider_lead", "lead", "cqc"))
    assert client.get(url).status_code == 404


def test_the_lead_records_a_statement_received_by_email(client, plan, dcs):
    client.force_login(plan.inspection.leads["ofsted"])
    response = client.post(
        reverse("reports:action-plan-received", args=[plan.inspection.pk]),
        {
            "document": upload(),
            "submitted_on_day": "9",
            "submitted_on_month": "5",
            "submitted_on_year": "2018",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    plan.refresh_from_db()
    assert plan.status == "submitted" and plan.submitted_on == datetime.date(2018, 5, 9)
    assert plan.submitted_on_behalf_of == "Ann Graham"


def test_an_inspector_cannot_record_a_statement(client, plan):
    inspector = person("cqc_inspector_x", "inspector", "cqc")
    TeamMemberFactory(inspection=plan.inspection, user=inspector, role=TeamRole.INSPECTOR)
    client.force_login(inspector)
    response = client.post(
        reverse("reports:action-plan-received", args=[plan.inspection.pk]),
        {"document": upload()},
    )
    assert response.status_code == 403


# Evaluation by the inspectorates ------------------------------------------------------------


def test_only_participating_inspectorates_leads_evaluate(client, plan, contact):
    submitted(plan, contact)
    inspector = person("cqc_inspector_y", "inspector", "cqc")
    TeamMemberFactory(inspection=plan.inspection, user=inspector, role=TeamRole.INSPECTOR)
    assert evaluate(client, inspector, plan).status_code == 403
    assert evaluate(client, person("other_lead", "lead", "cqc"), plan).status_code == 404
    assert evaluate(client, contact, plan).status_code == 403
    assert not ActionPlanEvaluation.objects.exists()
    # The inspector reads the page, without the form.
    client.force_login(inspector)
    page = client.get(evaluation_page(plan)).content.decode()
    assert "Evaluations by the inspectorates" in page and "Save the evaluation" not in page


def test_all_adequate_accepts_the_statement(client, plan, contact, admin):
    submitted(plan, contact)
    leads = leads_of(plan.inspection)
    for lead in leads[:-1]:
        assert evaluate(client, lead, plan).status_code == 302
        plan.refresh_from_db()
        assert plan.status == "submitted"
    # Editable until every inspectorate has evaluated it.
    assert evaluate(client, leads[0], plan, "not_adequate", "Too vague.").status_code == 302
    assert evaluate(client, leads[0], plan, "adequate", "Clear now.").status_code == 302
    assert ActionPlanEvaluation.objects.filter(action_plan=plan).count() == len(leads) - 1
    assert evaluate(client, leads[-1], plan).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "accepted"
    # Once every one has evaluated, the evaluations stand.
    assert evaluate(client, leads[0], plan, "not_adequate", "Changed my mind.").status_code == 409
    # The admin closes the inspection.
    client.force_login(admin)
    assert "Close the inspection" in client.get(evaluation_page(plan)).content.decode()
    client.post(reverse("reports:action-plan", args=[plan.inspection.pk]), {"accept": "1"})
    plan.inspection.refresh_from_db()
    assert plan.inspection.status == Status.CLOSED


def test_not_adequate_returns_it_with_the_comments_and_the_area_resubmits(client, plan, contact):
    submitted(plan, contact)
    leads = leads_of(plan.inspection)
    response = evaluate(client, leads[1], plan, "not_adequate", "")
    assert response.status_code == 400
    assert "Enter the comments" in response.content.decode()
    evaluate(client, leads[1], plan, "not_adequate", "No timescales for the health actions.")
    for lead in leads[:1] + leads[2:]:
        evaluate(client, lead, plan)
    plan.refresh_from_db()
    assert plan.status == "returned"
    client.force_login(contact)
    page = client.get(submit_page(plan)).content.decode()
    assert "No timescales for the health actions." in page and "Returned to the area" in page
    assert client.post(submit_page(plan), {"document": upload()}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "submitted" and plan.submission == 2
    # The new submission is evaluated afresh; the first one's evaluations are kept.
    assert evaluate(client, leads[1], plan).status_code == 302
    assert ActionPlanEvaluation.objects.filter(action_plan=plan, submission=1).count() == len(leads)


def test_a_statement_being_evaluated_cannot_be_replaced(client, plan, contact):
    submitted(plan, contact)
    evaluate(client, leads_of(plan.inspection)[0], plan)
    client.force_login(contact)
    response = client.post(submit_page(plan), {"document": upload()})
    assert response.status_code == 409
    assert "evaluating" in response.content.decode()


# The API: same services, same answers --------------------------------------------------------


def api_for(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_the_api_submits_and_evaluates(plan, contact, dcs):
    inspection = plan.inspection
    submit = reverse("api-action-plan-submit", args=[inspection.pk])
    evaluate_url = reverse("api-action-plan-evaluate", args=[inspection.pk])
    lead = leads_of(inspection)[0]
    assert api_for(lead).post(evaluate_url, {"outcome": "adequate"}).status_code == 409
    response = api_for(contact).post(submit, {"document": upload()}, format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    assert response.json()["submitted_on_behalf_of"] == "Ann Graham"
    inspector = person("cqc_inspector_z", "inspector", "cqc")
    TeamMemberFactory(inspection=inspection, user=inspector, role=TeamRole.INSPECTOR)
    assert api_for(inspector).post(evaluate_url, {"outcome": "adequate"}).status_code == 403
    response = api_for(lead).post(
        evaluate_url, {"outcome": "not_adequate", "comment": "Too general."}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["evaluations"][0]["outcome"] == "not_adequate"
    other = make_plan()
    other_submit = reverse("api-action-plan-submit", args=[other.inspection.pk])
    assert api_for(contact).post(other_submit, {"document": upload()}).status_code == 404


def test_an_over_size_statement_is_refused_to_the_contact(client, plan, contact):
    client.force_login(contact)
    big = SimpleUploadedFile(
        "s.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
    )
    response = client.post(submit_page(plan), {"document": big})
    assert response.status_code == 400
    assert "smaller than 10 MB" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == "awaited"


def test_the_api_reads_and_accepts_as_the_page_does(client, plan, contact, admin):
    submitted(plan, contact)
    for lead in leads_of(plan.inspection):
        evaluate(client, lead, plan)
    url = reverse("api-action-plan", args=[plan.inspection.pk])
    read = api_for(contact).get(url).json()
    assert read["status"] == "accepted"
    # The team downloads the statement by API as by its page; the area's contact does not.
    document = api_for(admin).get(read["document_url"], HTTP_ACCEPT="application/pdf")
    assert document.status_code == 200 and "no-store" in document["Cache-Control"]
    assert b"".join(document.streaming_content).startswith(b"%PDF-")
    assert api_for(contact).get(read["document_url"]).status_code == 404
    assert api_for(person("plan_outsider", "lead", "cqc")).get(url).status_code == 404
    accept = reverse("api-action-plan-accept", args=[plan.inspection.pk])
    lead = leads_of(plan.inspection)[0]
    assert api_for(lead).post(accept).status_code == 403
    response = api_for(admin).post(accept)
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    plan.inspection.refresh_from_db()
    assert plan.inspection.status == Status.CLOSED  # as the page's "Close the inspection"
    # An awaited statement cannot be accepted, by either door.
    awaited = make_plan()
    refused = api_for(admin).post(reverse("api-action-plan-accept", args=[awaited.inspection.pk]))
    assert refused.status_code == 409
    client.force_login(admin)
    client.post(reverse("reports:action-plan", args=[awaited.inspection.pk]), {"accept": "1"})
    awaited.refresh_from_db()
    assert awaited.status == "awaited"


def test_once_submitted_the_leads_home_asks_for_its_evaluation_not_for_the_statement(
    client, plan, contact, dcs
):
    """The home page's next step follows the statement: due until the area sends it, then the
    inspectorates' evaluation, linked; no deadline that has passed is left standing."""
    lead = plan.inspection.leads["ofsted"]
    # As asking for it does (make_plan sets the status alone).
    type(plan.inspection).objects.filter(pk=plan.inspection.pk).update(
        action_plan_due_date=plan.due_date
    )
    client.force_login(lead)
    html = client.get(reverse("home")).content.decode()
    assert "Written statement of action due" in html
    assert "Evaluate the written statement" not in html
    submitted(plan, contact)
    html = client.get(reverse("home")).content.decode()
    assert "Written statement of action due" not in html
    assert "Evaluate the written statement of action the area submitted on" in html
    assert f'href="{reverse("reports:action-plan", args=[plan.inspection.pk])}"' in html

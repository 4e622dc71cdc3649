"""The written statement of action in a real browser: the area's contact submits it on behalf
of the director of children's services; an inspectorate's lead finds it not adequate, with
comments the contact then reads; the overdue statement is flagged on the admin's home page.
axe-core (WCAG 2.2 AA) on every page."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfWriter

from agencies.models import AreaContact, Role, User
from inspections.information.models import InspectionContact
from inspections.models import Status
from reports.factories import build_inspection, publish_directly
from reports.models import ActionPlan
from reports.services.action_plans import action_plan_evaluate
from tests.e2e.conftest import PASSWORD, assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def plan(admin):
    inspection = build_inspection(cases=0, evidence_per_agency=0)
    publication = publish_directly(inspection)
    type(inspection).objects.filter(pk=inspection.pk).update(status=Status.ACTION_PLAN_DUE)
    AreaContact.objects.filter(authority=inspection.authority, role="dcs").delete()
    AreaContact.objects.create(
        authority=inspection.authority, role="dcs", name="Ann Graham", email="dcs@area.example"
    )
    contact = User.objects.create_user(
        "robin@area.example",
        email="robin@area.example",
        password=PASSWORD,
        role=Role.AREA_CONTACT,
        first_name="Robin",
        last_name="Area",
    )
    InspectionContact.objects.create(
        inspection=inspection, user=contact, nominated_by=admin, nominated_at=timezone.now()
    )
    plan = ActionPlan.objects.create(
        publication=publication, due_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    plan.inspection = inspection
    plan.contact = contact
    return plan


def test_the_contact_submits_and_the_lead_evaluates(
    require_chromium, page, login_as, plan, tmp_path, browser, live_server
):
    statement = tmp_path / "statement.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    statement.write_bytes(buffer.getvalue())

    login_as(page, plan.contact)
    page.goto("/")  # the contact's way in: their request, which links to the statement
    page.get_by_role("link", name="Submit the written statement of action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Written statement of action")
    expect(page.get_by_text(re.compile("on behalf of Ann Graham"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^Submit")).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a PDF file")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    page.get_by_label("Upload the written statement of action").set_input_files(str(statement))
    page.get_by_role("button", name=re.compile("^Submit")).click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("submitted")
    expect(page.locator(".govuk-summary-list")).to_contain_text("on behalf of Ann Graham")
    assert_accessible(page)

    # CQC's lead finds it not adequate, and says why.
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    lead_page = login_as(context.new_page(), plan.inspection.leads["cqc"])
    lead_page.goto(f"/inspections/{plan.inspection.pk}/report/action-plan/evaluation/")
    expect(lead_page.get_by_role("link", name=re.compile("Download"))).to_be_visible()
    assert_accessible(lead_page)
    lead_page.get_by_label("Not adequate").check()
    lead_page.get_by_role("button", name="Save the evaluation").click()
    expect(lead_page.locator(".govuk-error-summary")).to_contain_text("Enter the comments")
    assert_accessible(lead_page)
    lead_page.get_by_label("Not adequate").check()
    lead_page.get_by_label("Comments").fill("The health actions have no timescales.")
    lead_page.get_by_role("button", name="Save the evaluation").click()
    expect(lead_page.locator(".govuk-table")).to_contain_text("Not adequate")
    assert_accessible(lead_page)
    context.close()

    # The other inspectorates find it adequate: it goes back to the area with the comments.
    for inspectorate in plan.inspection.inspectorates.exclude(code="cqc"):
        action_plan_evaluate(
            action_plan=plan, user=plan.inspection.leads[inspectorate.code], outcome="adequate"
        )
    page.reload()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Returned to the area")
    expect(page.get_by_text("The health actions have no timescales.")).to_be_visible()
    assert_accessible(page)


def test_the_overdue_statement_is_flagged_on_the_admins_home_page(
    require_chromium, page, login_as, admin, plan
):
    login_as(page, admin)
    page.goto("/")
    banner = page.locator('[data-todo="overdue_plans"]')  # the to-do list's section
    expect(banner).to_contain_text(f"{plan.inspection.authority.name}: due")
    assert_accessible(page)
    banner.get_by_role("link", name=re.compile(plan.inspection.authority.name)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Written statement of action")
    expect(page.locator(".govuk-tag--red")).to_have_text("Overdue")
    assert_accessible(page)

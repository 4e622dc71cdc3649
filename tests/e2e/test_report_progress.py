# ruff: noqa: F811 (fixtures imported from the inspections tests)
"""In a real browser: the report page shows a version's progress in place, without reloading
while the lead types; and each check page before what cannot be undone (notify, sign off,
send for factual accuracy, publish) passes axe-core (WCAG 2.2 AA) under the real CSP."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from agencies.models import AreaContact
from inspections.models import Judgement, Status
from reports.factories import ReportVersionFactory, agree_report_sections, build_inspection
from reports.models import FactualAccuracyRequest, JobStatus, Publication, ReportJob
from tests.e2e.conftest import PASSWORD, assert_accessible, csp_violations
from tests.inspections.conftest import (  # noqa: F401 (fixtures)
    full_team,
    haringey,
    haringey_jtai,
    jtai,
    neglect,
)

pytestmark = pytest.mark.browser

TYPED = "Leaders know their services well, and the front door is quick"


def test_progress_updates_in_place_while_the_lead_types(
    require_chromium, page, login_as, lead_inspector
):
    inspection = build_inspection(lead=lead_inspector, cases=1)
    job = ReportJob.objects.create(
        inspection=inspection,
        kind="draft",
        requested_by=lead_inspector,
        status=JobStatus.RENDERING,
        progress=25,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    login_as(page, lead_inspector)
    page.goto(f"/inspections/{inspection.pk}/report/")
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    region = page.locator(f"#job-{job.pk} [data-job-sentence]")
    assert region.get_attribute("aria-live") == "polite"
    assert "25% done" in region.inner_text()
    assert_accessible(page)
    page.evaluate("() => { window.stillTheSamePage = true; }")

    findings = page.locator("textarea[name=key_findings]")
    findings.click()
    findings.press_sequentially(TYPED[:30])
    ReportJob.objects.filter(pk=job.pk).update(progress=60, heartbeat_at=timezone.now())
    page.wait_for_function(
        "([id]) => document.querySelector(`#job-${id} progress`).value === 60", arg=[job.pk]
    )
    assert "60% done" in region.inner_text()
    findings.press_sequentially(TYPED[30:])

    ReportJob.objects.filter(pk=job.pk).update(status=JobStatus.READY, progress=100)
    page.wait_for_function(
        "([id]) => document.querySelector(`#job-${id}`).dataset.jobStatus === 'ready'",
        arg=[job.pk],
    )
    assert region.inner_text() == "The draft version is ready."
    # Nothing reloaded: the page is the same one, and what the lead typed is all there.
    assert page.evaluate("() => window.stillTheSamePage") is True
    assert findings.input_value() == TYPED
    assert page.get_by_role("link", name="Show the new version on this page").is_visible()
    assert_accessible(page)
    assert csp_violations(page) == []


def test_without_javascript_a_link_checks_progress(
    require_chromium, browser, live_server, reference_data, lead_inspector
):
    inspection = build_inspection(lead=lead_inspector, cases=1)
    lead = lead_inspector
    job = ReportJob.objects.create(
        inspection=inspection, kind="draft", requested_by=lead, status=JobStatus.QUEUED
    )
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(lead.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"/inspections/{inspection.pk}/report/")
        ReportJob.objects.filter(pk=job.pk).update(status=JobStatus.RENDERING, progress=50)
        page.get_by_role("link", name="Check progress").click()
        assert "50% done" in page.locator(f"#job-{job.pk}").inner_text()
    finally:
        context.close()


def test_each_check_page_is_accessible_and_acts_only_when_confirmed(
    require_chromium, page, login_as, lead_inspector
):
    inspection = build_inspection(lead=lead_inspector, cases=1, judgement_status="completed")
    login_as(page, lead_inspector)

    # Sign off: the check page lists the judgements, then signs them off.
    page.goto(f"/inspections/{inspection.pk}/moderation/")
    page.get_by_role("button", name="Sign off Ofsted's judgements").click()
    assert page.locator("h1").inner_text().startswith("Check before you sign off")
    assert_accessible(page)
    assert not Judgement.objects.filter(inspection=inspection, status="signed_off").exists()
    page.get_by_role("button", name="Confirm and sign off").click()
    assert "You signed off" in page.locator(".govuk-notification-banner").inner_text()

    # Factual accuracy: nobody ticked; the check page names who gets an email.
    Judgement.objects.filter(inspection=inspection).update(status="signed_off")
    ReportVersionFactory(
        job__inspection=inspection,
        job__requested_by=lead_inspector,
        job__kind="factual_accuracy",
        job__status=JobStatus.READY,
    )
    agree_report_sections(inspection)  # factual accuracy waits for every section agreed
    page.goto(f"/inspections/{inspection.pk}/report/")
    boxes = page.locator("#fa-send input[type=checkbox]")
    assert boxes.count() > 1
    assert all(not boxes.nth(i).is_checked() for i in range(boxes.count()))
    boxes.first.check()
    page.locator("#fa-send").get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "Check before you send the factual accuracy version"
    assert_accessible(page)
    assert not FactualAccuracyRequest.objects.exists()
    page.get_by_role("button", name="Confirm and send to 1 person").click()
    banner = page.locator(".govuk-notification-banner--success")
    assert "was sent to 1 contacts" in banner.inner_text()
    assert len(mail.outbox) <= 1

    # Publish under embargo: the check page says when and what follows.
    ReportVersionFactory(
        job__inspection=inspection,
        job__requested_by=lead_inspector,
        job__kind="final",
        job__status=JobStatus.READY,
        number=2,
    )
    page.goto(f"/inspections/{inspection.pk}/report/")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    form = page.locator("#publish")
    form.get_by_label("At a set date and time (embargoed until then)").check()
    form.get_by_label("Day").fill(str(tomorrow.day))
    form.get_by_label("Month").fill(str(tomorrow.month))
    form.get_by_label("Year").fill(str(tomorrow.year))
    form.locator("input[name=time]").fill("09:30")
    form.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "Check before you publish the report"
    assert_accessible(page)
    assert not Publication.objects.exists()
    page.get_by_role("button", name="Confirm and publish").click()
    assert Publication.objects.filter(inspection=inspection).exists()
    assert csp_violations(page) == []


def test_the_notify_check_page_is_accessible(require_chromium, page, login_as, admin, full_team):
    AreaContact.objects.create(
        authority=full_team.authority, role="dcs", name="Dana Director", email="dcs@example.org"
    )
    login_as(page, admin)
    page.goto(f"/inspections/{full_team.pk}/")
    page.get_by_role("button", name="Notify the area").click()
    assert page.locator("h1").inner_text() == "Check before you notify the area"
    assert "dcs@example.org" in page.locator("#area-recipients").inner_text()
    assert_accessible(page)
    assert page.get_by_role("button", name="Confirm and notify").is_visible()
    page.get_by_role("link", name="Back to the inspection").click()
    full_team.refresh_from_db()
    assert full_team.status == Status.PLANNED

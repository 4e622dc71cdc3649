"""The report in a real browser: the lead moderates and generates; the public reads the
published report. Every page passes axe-core (WCAG 2.2 AA) under the real CSP."""

import pytest

from reports.factories import build_inspection, publish_directly
from tests.e2e.conftest import assert_accessible, csp_violations

pytestmark = pytest.mark.browser


def test_lead_moderates_and_generates_a_draft(require_chromium, page, login_as, lead_inspector):
    inspection = build_inspection(lead=lead_inspector, cases=2, judgement_status="completed")
    login_as(page, lead_inspector)

    page.goto(f"/inspections/{inspection.pk}/moderation/")
    assert page.locator("h1").inner_text() == "Moderation"
    assert_accessible(page)
    page.get_by_role("link", name="Return").first.click()
    page.get_by_role("button", name="Return the judgement").click()
    assert "Enter a comment" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("What should the inspector change?").fill("Name the cases.")
    page.get_by_role("button", name="Return the judgement").click()
    assert "was returned" in page.locator(".govuk-notification-banner").inner_text()

    # Everything signed off (as the other leads would), then the report opens.
    from inspections.models import Judgement

    Judgement.objects.filter(inspection=inspection).update(status="signed_off")
    page.goto(f"/inspections/{inspection.pk}/report/")
    assert_accessible(page)
    page.get_by_label("Draft").check()
    page.get_by_role("button", name="Generate").click()
    page.goto(f"/inspections/{inspection.pk}/report/")
    assert page.get_by_role("link", name="Draft 1", exact=True).is_visible()
    page.get_by_role("link", name="Draft 1", exact=True).click()
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    assert csp_violations(page) == []


def test_public_register_and_report_are_accessible(require_chromium, page):
    publication = publish_directly(build_inspection(cases=3))
    page.goto("/reports/")
    assert_accessible(page)
    page.get_by_role("link", name=publication.title).click()
    assert page.locator("h1").inner_text() == publication.title
    assert page.get_by_role("table").first.is_visible()
    assert_accessible(page)
    assert csp_violations(page) == []

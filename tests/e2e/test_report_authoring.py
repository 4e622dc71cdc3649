"""Writing the report in a real browser: a section saved by someone else while the lead types
is refused, the lead's text kept and the other person's change shown; every page passes
axe-core (WCAG 2.2 AA) under the real CSP."""

import pytest

from reports.factories import build_inspection
from reports.services import report_section_save, report_sections_ensure
from tests.e2e.conftest import assert_accessible, csp_violations

pytestmark = pytest.mark.browser


def test_stale_section_save_keeps_the_typed_text(require_chromium, page, login_as, lead_inspector):
    inspection = build_inspection(lead=lead_inspector, cases=1)
    sections = {s.key: s for s in report_sections_ensure(inspection=inspection)}
    login_as(page, lead_inspector)

    page.goto(f"/inspections/{inspection.pk}/report/sections/")
    assert page.locator("h1").inner_text() == "Sections of the report"
    assert_accessible(page)
    page.get_by_role("link", name="Key findings", exact=True).click()
    assert page.locator("h1").inner_text() == "Key findings"
    assert_accessible(page)
    mine = "Leaders know their services well and act quickly on risk."
    page.get_by_label("Text").fill(mine)

    # Meanwhile the section is saved by someone else (the lead in another tab).
    report_section_save(
        section=sections["key-findings"],
        user=lead_inspector,
        version=0,
        text="Children are seen promptly at the front door.",
    )
    page.get_by_role("button", name="Save the section").click()

    assert "Your text was not saved" in page.locator(".govuk-warning-text").inner_text()
    assert page.get_by_label("Text").input_value() == mine
    assert "promptly" in page.locator("ins").first.inner_text()
    assert_accessible(page)

    # Saving again replaces their version with the lead's text.
    page.get_by_role("button", name="Save the section").click()
    assert page.locator("h1").inner_text() == "Sections of the report"
    assert "is saved" in page.locator(".govuk-notification-banner").inner_text()
    sections["key-findings"].refresh_from_db()
    assert sections["key-findings"].text == mine and sections["key-findings"].version == 2
    assert csp_violations(page) == []

"""The reference pages in a real Chromium: search, filter, page through, follow links;
accessible (axe-core, WCAG 2.2 AA) on desktop and on a phone, within the CSP."""

import pytest

from tests.e2e.conftest import MOBILE, assert_accessible, csp_violations

pytestmark = pytest.mark.browser


def test_search_filter_and_page_through_local_authorities(require_chromium, page):
    page.goto("/local-authorities/")
    assert page.locator("h1").inner_text() == "Local authorities"
    assert "Showing 1 to 25 of 153 local authorities" in page.get_by_role("status").inner_text()
    assert_accessible(page)

    page.get_by_label("Ofsted region (optional)").select_option(label="North East")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_role("status").inner_text() == "12 local authorities"
    assert page.get_by_label("Ofsted region (optional)").input_value() == "NE"

    page.get_by_role("link", name="Clear filters").click()
    page.get_by_role("link", name="Next page").click()
    assert "Showing 26 to 50 of 153" in page.get_by_role("status").inner_text()

    page.get_by_label("Name or code (optional)").fill("northamptonshire")
    page.get_by_label("Include former authorities").check()
    page.get_by_role("button", name="Search").click()
    assert page.get_by_role("status").inner_text() == "3 local authorities"
    page.get_by_role("link", name="Northamptonshire", exact=True).click()

    assert page.locator("h1").inner_text() == "Northamptonshire"
    assert_accessible(page)
    page.get_by_role("link", name="West Northamptonshire").first.click()
    assert page.locator("h1").inner_text() == "West Northamptonshire"
    assert page.locator("ol.govuk-list--number li").count() == 10
    assert_accessible(page)
    assert csp_violations(page) == []


def test_on_a_phone_the_table_scrolls_not_the_page(require_chromium, page):
    page.set_viewport_size(MOBILE)
    page.goto("/local-authorities/")
    page_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert page_width <= MOBILE["width"]
    table = page.get_by_role("region", name="Local authorities")
    assert table.evaluate("(el) => el.scrollWidth > el.clientWidth")
    assert_accessible(page)


def test_inspectorates_page_is_accessible(require_chromium, page):
    page.goto("/inspectorates/")
    assert page.locator("main h2").all_inner_texts() == [
        "Ofsted",
        "CQC",
        "HMICFRS",
        "HMI Probation",
        "HMI Prisons",
    ]
    assert_accessible(page)

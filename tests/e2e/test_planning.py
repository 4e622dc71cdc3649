"""An admin plans a programme in a real browser: creates it, reviews and locks the proposal,
runs the scheduler, reads the draft calendar and accepts it. Every page passes axe-core's
WCAG 2.2 AA rules and keeps the Content Security Policy."""

import pytest

from inspections.models import Inspection
from inspections.planning.models import Programme
from tests.e2e.conftest import assert_accessible

# Every calendar region holds its whole table: no month is clipped and none needs scrolling to.
FITS = """() => Array.from(document.querySelectorAll('.jtai-calendar')).every(
    (region) => region.scrollWidth <= region.clientWidth)"""

pytestmark = pytest.mark.browser


def test_admin_plans_a_programme_and_accepts_it(require_chromium, page, login_as, admin):
    login_as(page, admin)
    page.goto("/inspections/programmes/")
    assert_accessible(page)
    page.get_by_role("link", name="Create a programme").click()
    assert_accessible(page)
    page.get_by_label("Programme name").fill("JTAI 2027 to 2028")
    page.get_by_label("Framework").select_option(label="Joint targeted area inspection (version 1)")
    page.get_by_label("Theme (optional)").select_option(
        label="Children who are victims of domestic abuse: the youngest children"
        " (from September 2024)"
    )
    for field, (day, month, year) in (
        ("period_start", (1, 4, 2027)),
        ("period_end", (31, 10, 2028)),
    ):
        page.locator(f"input[name={field}_day]").fill(str(day))
        page.locator(f"input[name={field}_month]").fill(str(month))
        page.locator(f"input[name={field}_year]").fill(str(year))
    page.get_by_role("button", name="Create and propose areas").click()
    page.wait_for_load_state()
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Proposed areas", page.locator("main").inner_text()[:1500]
    assert_accessible(page)
    programme = Programme.objects.get(name="JTAI 2027 to 2028")
    assert programme.choices.filter(included=True).count() == 25

    # Filtered on the server, then two areas added together.
    page.get_by_label("In or out").select_option("out")
    page.get_by_role("button", name="Apply filters").click()
    assert_accessible(page)
    boxes = page.locator("input[name=choices]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name="Add to the programme").click()
    page.wait_for_load_state()
    assert "included=out" in page.url
    assert programme.choices.filter(included=True, locked=True).count() == 2
    # Removing one asks first, naming it; then it goes.
    page.get_by_label("In or out").select_option("in")
    page.get_by_role("button", name="Apply filters").click()
    page.locator("input[name=choices]").first.check()
    page.get_by_role("button", name="Remove from the programme").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Remove 1 area from the programme?"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Remove 1 area").click()
    page.wait_for_load_state()
    assert "included=in" in page.url
    assert programme.choices.filter(included=True).count() == 26

    page.get_by_role("link", name="Programme", exact=True).click()
    page.get_by_role("button", name="Run the scheduler").click()
    page.wait_for_load_state()
    for _ in range(30):
        if page.get_by_role("heading", level=1).inner_text() != "Scheduling the programme":
            break
        page.wait_for_timeout(1000)
        page.reload()
    assert page.get_by_role("heading", level=1).inner_text() == "Draft schedule ready"
    assert_accessible(page)
    page.get_by_role("link", name="View the draft calendar").click()
    assert_accessible(page)
    # At 1280 px every month of the programme is in view: nothing clipped, no sideways scroll.
    assert page.evaluate(FITS), "the draft calendar is wider than its region"
    assert page.locator(".jtai-calendar__bar--planned").count() >= 26
    page.get_by_role("link", name="Accept this schedule").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Accept and plan 26 inspections").click()
    page.wait_for_load_state()
    assert "Schedule accepted: 26 inspections planned" in page.content()
    assert Inspection.objects.filter(status="planned").count() == 26
    programme.refresh_from_db()
    assert programme.status == "accepted"
    page.goto("/inspections/calendar/?from=2027-04")
    assert page.evaluate(FITS), "the programme calendar is wider than its region"
    assert_accessible(page)

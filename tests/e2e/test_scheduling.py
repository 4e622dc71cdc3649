"""An admin schedules an inspection in a real browser (question pages, check your answers,
confirmation), builds the team, notifies the area and starts fieldwork; every page passes
axe-core's WCAG 2.2 AA rules and keeps the Content Security Policy."""

import datetime

import pytest
from django.core import mail

from inspections.models import Inspection, Status
from tests.e2e.conftest import assert_accessible, csp_violations

pytestmark = pytest.mark.browser


def _next_working_monday(weeks_ahead: int) -> datetime.date:
    from inspections.workdays import is_working_day

    day = datetime.date.today() + datetime.timedelta(weeks=weeks_ahead)
    day -= datetime.timedelta(days=day.weekday())
    while not is_working_day(day):
        day += datetime.timedelta(days=7)
    return day


def test_admin_schedules_notifies_and_starts_an_inspection(
    require_chromium,
    page,
    login_as,
    admin,
    lead_inspector,
    ofsted_inspector,
    cqc_inspector,
    hmicfrs_inspector,
):
    from agencies.factories import add_agency
    from agencies.models import AreaContact, LocalAuthority

    haringey = LocalAuthority.objects.get(name="Haringey")
    add_agency(haringey, "childrens_social_care", "Haringey Council children's services")
    add_agency(haringey, "health", "Whittington Health NHS Trust")
    add_agency(haringey, "police", "Metropolitan Police Service")
    AreaContact.objects.create(
        authority=haringey, role="dcs", name="Dana Director", email="dcs@example.org"
    )
    start = _next_working_monday(8)

    login_as(page, admin)
    page.goto("/inspections/schedule/")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()

    page.get_by_role("button", name="Continue").click()  # nothing chosen
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    # The 153 areas are GOV.UK's accessible autocomplete: type a few letters, pick one.
    area = page.get_by_role("combobox", name="Which local authority area will be inspected?")
    area.fill("Haring")
    page.get_by_role("option", name="Haringey").click()
    assert area.input_value() == "Haringey"
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("Joint targeted area inspection").check()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    page.locator("input[name=theme]").first.check()  # the newest theme comes first
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    tuesday = start + datetime.timedelta(days=1)
    page.get_by_label("Day").fill(str(tuesday.day))
    page.get_by_label("Month").fill(str(tuesday.month))
    page.get_by_label("Year").fill(str(tuesday.year))
    page.get_by_role("button", name="Continue").click()
    assert "The window must start on a Monday" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_label("Year").input_value() == str(tuesday.year)  # kept as typed
    assert_accessible(page)
    page.get_by_label("Day").fill(str(start.day))
    page.get_by_label("Month").fill(str(start.month))
    page.get_by_role("button", name="Continue").click()

    assert_accessible(page)  # optional inspectorates, starting from the theme's
    probation = page.get_by_label("His Majesty's Inspectorate of Probation")
    assert probation.is_checked()
    probation.uncheck()
    page.get_by_role("button", name="Continue").click()

    assert page.get_by_role("heading", level=1).inner_text().startswith("Check your answers")
    assert_accessible(page)
    page.get_by_role("button", name="Schedule the inspection").click()
    assert page.locator(".govuk-panel--confirmation").is_visible()
    assert_accessible(page)

    inspection = Inspection.objects.get(authority=haringey)
    assert inspection.window_start == start
    page.get_by_role("button", name="Build the team").click()
    assert_accessible(page)
    agencies = {a.agency_type.code: a for a in inspection.agencies.select_related("agency_type")}
    for user, role, agency in [
        (lead_inspector, "overall_lead", None),
        (ofsted_inspector, "inspector", "childrens_social_care"),
        (cqc_inspector, "inspectorate_lead", "health"),
        (hmicfrs_inspector, "inspectorate_lead", "police"),
    ]:
        page.get_by_label("Who is joining the team?").select_option(str(user.pk))
        # Only the agencies the inspector's inspectorate judges are offered.
        offered = {
            code
            for code, a in agencies.items()
            if page.locator(f"input[name=agencies][value='{a.pk}']").is_visible()
        }
        if agency:
            assert agency in offered
            assert ("police" in offered) == (agency == "police"), offered
        page.locator(f"input[name=role][value={role}]").check()
        if agency:
            page.locator(f"input[name=agencies][value='{agencies[agency].pk}']").check()
        page.get_by_role("button", name="Add to the team").click()
        assert "is on the team" in page.locator(".govuk-notification-banner").inner_text()
    assert "The team is complete" in page.content()

    page.get_by_role("link", name="Back to the inspection").click()
    assert_accessible(page)
    page.get_by_role("button", name="Notify the area").click()
    assert "dcs@example.org" in page.content()  # the check page says who gets an email
    page.get_by_role("button", name="Confirm and notify").click()
    assert "The area and the team have been notified" in page.content()
    inspection.refresh_from_db()
    assert inspection.status == Status.NOTIFIED
    recipients = {address for message in mail.outbox for address in message.to}
    assert "dcs@example.org" in recipients and lead_inspector.email in recipients

    page.get_by_label("Reason, if fieldwork starts before the window (optional)").fill(
        "The area agreed to start early"
    )
    page.get_by_role("button", name="Start fieldwork").click()
    assert "Fieldwork has started" in page.content()
    assert_accessible(page)
    inspection.refresh_from_db()
    assert inspection.status == Status.FIELDWORK
    assert [t.verb for t in inspection.transitions.order_by("at", "id")] == [
        "schedule",
        "notify",
        "start_fieldwork",
    ]

    for path in (
        "/inspections/",
        "/inspections/calendar/",
        "/inspections/my-schedule/",
        "/inspections/frameworks/",
        "/inspections/frameworks/jtai/",
        "/inspections/frameworks/jtai/themes/add/",
        "/inspections/partner-agencies/",
        "/inspections/partner-agencies/add/",
    ):
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    assert csp_violations(page) == []

"""Fieldwork in a real browser, with axe-core (WCAG 2.2 AA) on every page: the lead selects
the cohort from the area's list and keeps the timetable; an inspector answers a tracked case's
questions for their own inspectorate's agency."""

import datetime

import pytest
from playwright.sync_api import expect

from inspections.factories import add_member, make_inspection
from inspections.fieldwork import services
from inspections.models import CaseTrackingAnswer, TeamRole, Theme, TimetableSession, TrackedCase
from tests.e2e.conftest import assert_accessible

pytestmark = pytest.mark.browser


def _neglect_jtai(*members):
    inspection = make_inspection(framework="jtai")
    inspection.theme = Theme.objects.get(code="neglect")
    inspection.save()
    for user, role in members:
        add_member(inspection, user, role)
    return inspection


def test_the_lead_selects_the_cohort_and_keeps_the_timetable(
    require_chromium, page, login_as, lead_inspector, cqc_inspector
):
    inspection = _neglect_jtai(
        (lead_inspector, TeamRole.OVERALL_LEAD), (cqc_inspector, TeamRole.INSPECTOR)
    )
    login_as(page, lead_inspector)
    page.goto(f"/inspections/{inspection.pk}/tasks/")
    page.get_by_role("link", name="Tracked cases").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tracked cases")
    assert_accessible(page)

    page.get_by_label("The area's list of children").fill(
        "ABC-0101, 12, CP\nABC-0102, 5, CIN\nABC-0103, 14, LAC"
    )
    page.get_by_role("button", name="Check against the criteria").click()
    expect(page.get_by_text("aged 7 to 15: this child is 5")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Select case ABC-0101").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Case ABC-0101 added to the cohort"
    )
    assert_accessible(page)

    # A name is refused, with the reason in the error summary.
    page.get_by_label("Case reference").fill("Jamie Smith")
    page.get_by_label("Age in years").fill("12")
    page.get_by_label("Child protection plan").check()
    page.get_by_role("button", name="Add to the cohort").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("not a name")
    assert_accessible(page)
    assert list(TrackedCase.objects.values_list("reference", flat=True)) == ["ABC-0101"]

    page.goto(f"/inspections/{inspection.pk}/timetable/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Timetable")
    assert_accessible(page)
    page.get_by_role("link", name="Add a session").click()
    assert_accessible(page)
    day = inspection.window_start + datetime.timedelta(days=1)
    page.get_by_label("Focus group").check()
    page.get_by_label("Title").fill("Focus group with health visitors")
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Ends at").fill("11:30")
    page.get_by_label("Room (optional)").fill("Room 2")
    page.get_by_label("Cqc Inspector Tester").check()
    page.get_by_role("button", name="Add session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Timetable")
    expect(page.locator("strong", has_text="Focus group with health visitors")).to_be_visible()
    assert_accessible(page)

    # The same inspector at an overlapping time is refused.
    page.get_by_role("link", name="Add a session").click()
    page.get_by_label("Interview", exact=True).check()
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Starts at").fill("11:00")
    page.get_by_label("Ends at").fill("12:00")
    page.get_by_label("Cqc Inspector Tester").check()
    page.get_by_role("button", name="Add session").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("is already in")
    assert_accessible(page)
    assert TimetableSession.objects.count() == 1


def test_an_inspector_answers_a_tracked_case_for_their_agency(
    require_chromium, page, login_as, lead_inspector, cqc_inspector
):
    inspection = _neglect_jtai(
        (lead_inspector, TeamRole.OVERALL_LEAD), (cqc_inspector, TeamRole.INSPECTOR)
    )
    case = services.tracked_case_add(
        inspection=inspection,
        user=lead_inspector,
        reference="ABC-0042",
        age=12,
        plan_type="child_protection",
    )
    health = inspection.agencies.get(agency_type__code="health")
    login_as(page, cqc_inspector)
    page.goto(f"/inspections/{inspection.pk}/cohort/")
    assert_accessible(page)
    page.get_by_role("link", name="ABC-0042").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Case ABC-0042")
    assert_accessible(page)
    # Only the agency CQC judges is offered.
    expect(page.get_by_role("link", name=f"Answer for {health.name}")).to_have_count(1)
    expect(page.get_by_role("link", name="Answer for")).to_have_count(1)
    page.get_by_role("link", name=f"Answer for {health.name}").click()
    assert_accessible(page)
    page.get_by_label("Was neglect recognised").fill(
        "The school nurse recorded weight loss twice but did not refer."
    )
    page.get_by_role("button", name="Save answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Case ABC-0042")
    expect(page.get_by_text("The school nurse recorded weight loss twice")).to_be_visible()
    assert_accessible(page)
    assert CaseTrackingAnswer.objects.filter(case=case, agency=health).count() == 1

    page.goto(f"/inspections/{inspection.pk}/lines-of-enquiry/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lines of enquiry")
    assert_accessible(page)

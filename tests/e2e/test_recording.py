"""Recording in a real browser: validation, completion, autosave, a stale save refused with
nothing lost, a keyboard-only pass, and axe-core (WCAG 2.2 AA) on every recording page."""

import re

import pytest
from playwright.sync_api import expect

from inspections.factories import add_member, make_inspection
from inspections.models import CaseSample, EvidenceRecord, Judgement, TeamRole
from tests.e2e.conftest import assert_accessible

pytestmark = pytest.mark.browser


def _inspection(*members):
    inspection = make_inspection()
    for user, role in members:
        add_member(inspection, user, role)
    return inspection


def _judgement(inspection, code="cqc", area="help_and_protection"):
    return Judgement.objects.get(inspection=inspection, inspectorate__code=code, area__code=area)


def _judgement_url(judgement):
    return f"/inspections/{judgement.inspection_id}/judgements/{judgement.pk}/"


def test_an_inspector_meets_a_validation_error_then_completes_a_judgement(
    require_chromium, page, login_as, cqc_inspector
):
    inspection = _inspection((cqc_inspector, TeamRole.INSPECTOR))
    judgement = _judgement(inspection)
    login_as(page, cqc_inspector)
    page.goto(f"/inspections/{inspection.pk}/tasks/")
    assert_accessible(page)
    page.get_by_role("link", name=judgement.area.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(judgement.area.title)
    assert_accessible(page)

    page.get_by_label("Evidence summary").fill("Fourteen health records read with practitioners.")
    # Autosave (JavaScript) saves the draft and says so in a live region.
    expect(page.locator("#autosave-status")).to_contain_text(re.compile(r"Saved at \d\d:\d\d"))
    page.get_by_role("button", name="Mark as completed").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Select a grade before marking the judgement as completed")
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_label("Evidence summary")).to_have_value(
        "Fourteen health records read with practitioners."
    )
    assert_accessible(page)
    summary.get_by_role("link", name=re.compile("Select a grade")).click()
    expect(page.locator("#id_grade_0")).to_be_focused()

    page.get_by_label("Good", exact=True).check()
    page.get_by_label("Key strengths").fill(
        "Midwives identify domestic abuse early\nGPs attend child protection conferences"
    )
    page.get_by_role("button", name="Mark as completed").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your tasks")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "marked as completed"
    )
    judgement.refresh_from_db()
    assert judgement.status == "completed" and judgement.grade == "good"
    assert judgement.evidence_summary == "Fourteen health records read with practitioners."


def test_a_second_inspectors_stale_save_is_refused_and_nothing_is_lost(
    require_chromium, browser, live_server, page, login_as, cqc_inspector, django_user_model
):
    colleague = django_user_model.objects.create_user(
        username="cqc_colleague",
        password="correct horse battery staple",
        role="inspector",
        inspectorate=cqc_inspector.inspectorate,
        first_name="Priya",
        last_name="Colleague",
    )
    inspection = _inspection((cqc_inspector, TeamRole.INSPECTOR), (colleague, TeamRole.INSPECTOR))
    judgement = _judgement(inspection)
    url = _judgement_url(judgement)

    login_as(page, cqc_inspector)
    page.goto(url)
    other_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    other = other_context.new_page()
    login_as(other, colleague)
    other.goto(url)

    # The first inspector saves a draft while the colleague has the page open.
    page.get_by_label("Requires improvement").check()
    page.get_by_label("Areas for improvement").fill(
        "Health assessments for children in care are late"
    )
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Draft saved")

    # The colleague types; autosave meets the 409 and says so, keeping the text.
    other.get_by_label("Key strengths").fill("School nurses know their children well")
    expect(other.locator("#autosave-status")).to_contain_text("Someone else has saved")
    other.get_by_role("button", name="Save as draft").click()
    expect(other.locator(".govuk-error-summary")).to_contain_text("Someone else saved")
    expect(other.get_by_role("heading", name="What they changed")).to_be_visible()
    expect(other.locator("main")).to_contain_text(
        "Health assessments for children in care are late"
    )
    expect(other.get_by_label("Key strengths")).to_have_value(
        "School nurses know their children well"
    )
    assert_accessible(other)
    judgement.refresh_from_db()
    assert judgement.version == 1 and judgement.strengths == []

    # Having seen the change, the colleague merges and saves: nothing lost.
    expect(other.locator("main")).to_contain_text("Set to Requires improvement")
    other.get_by_label("Requires improvement").check()
    other.get_by_label("Areas for improvement").fill(
        "Health assessments for children in care are late"
    )
    other.get_by_role("button", name="Save as draft").click()
    expect(other.locator(".govuk-notification-banner--success")).to_contain_text("Draft saved")
    judgement.refresh_from_db()
    assert judgement.strengths == ["School nurses know their children well"]
    assert judgement.improvements == ["Health assessments for children in care are late"]
    assert judgement.grade == "requires_improvement"
    other_context.close()


def test_keyboard_only_pass_through_the_judgement_page(
    require_chromium, page, login_as, ofsted_inspector
):
    inspection = _inspection((ofsted_inspector, TeamRole.INSPECTOR))
    judgement = _judgement(inspection, "ofsted", "leadership")
    login_as(page, ofsted_inspector)
    page.goto(_judgement_url(judgement))

    def tab_to(selector, limit=80):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"could not reach {selector} with the keyboard")

    page.keyboard.press("Tab")
    expect(page.locator(".govuk-skip-link")).to_be_focused()
    tab_to("input[name=grade]")
    page.keyboard.press("ArrowDown")  # outstanding -> good
    expect(page.locator("#id_grade_1")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Key strengths")).to_be_focused()
    page.keyboard.type("Leaders know the quality of practice")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Areas for improvement")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Evidence summary")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Mark as completed")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your tasks")
    judgement.refresh_from_db()
    assert (judgement.status, judgement.grade) == ("completed", "good")


def test_every_recording_page_passes_axe(
    require_chromium, page, login_as, lead_inspector, cqc_inspector
):
    inspection = _inspection(
        (lead_inspector, TeamRole.OVERALL_LEAD), (cqc_inspector, TeamRole.INSPECTOR)
    )
    judgement = _judgement(inspection, "ofsted", "overall_effectiveness")
    agency = judgement.agency
    record = EvidenceRecord.objects.create(
        inspection=inspection,
        agency=agency,
        source="case_file",
        date="2016-02-02",
        note="Case HAR-0001: strategy discussion held within a day.",
        recorded_by=lead_inspector,
    )
    case = CaseSample.objects.create(
        inspection=inspection, reference="HAR-0001", kind="tracked", recorded_by=lead_inspector
    )
    case.agencies.add(agency)
    shared = inspection.shared_judgements.get()
    login_as(page, lead_inspector)
    base = f"/inspections/{inspection.pk}"
    pages = [
        f"{base}/tasks/",
        _judgement_url(judgement),
        f"{base}/evidence/",
        f"{base}/evidence/add/",
        f"{base}/evidence/{record.pk}/",
        f"{base}/cases/",
        f"{base}/cases/add/",
        f"{base}/cases/{case.pk}/",
        f"{base}/cases/{case.pk}/edit/",
        f"{base}/shared/{shared.pk}/",
    ]
    for path in pages:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)

    # Error states and the history.
    page.goto(f"{base}/cases/add/")
    page.get_by_label("Case reference").fill("Jane Smith")
    page.get_by_role("button", name="Add case").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("not a name")
    assert_accessible(page)
    page.goto(f"{base}/evidence/add/")
    page.get_by_role("button", name="Add evidence record").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/shared/{shared.pk}/")
    page.get_by_label("Good", exact=True).check()
    page.get_by_label("The shared judgement").fill("The board understands local practice.")
    page.get_by_role("button", name="Save shared judgement").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert_accessible(page)
    page.goto(_judgement_url(judgement))
    page.get_by_label("Key strengths").fill("Leaders know their services")
    page.get_by_role("button", name="Save as draft").click()
    page.goto(_judgement_url(judgement) + "history/")
    expect(page.get_by_role("heading", level=1)).to_have_text("History of changes")
    assert_accessible(page)

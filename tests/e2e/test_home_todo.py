"""The to-do home pages and moderation in a real browser: each role's counts agree with the
data, a returned judgement reaches its inspector's page and notifications, the lead reads and
signs off a judgement after checking it; axe-core (WCAG 2.2 AA) on every page, and at 375 px
nothing scrolls sideways."""

import re

import pytest
from playwright.sync_api import expect

from inspections.factories import InspectionFactory, add_member, make_inspection
from inspections.models import Judgement, JudgementStatus, Status, TeamRole
from inspections.moderation.services import judgement_return
from reports.factories import build_inspection
from tests.e2e.conftest import MOBILE, assert_accessible, csp_violations

pytestmark = pytest.mark.browser


def _count(page, key) -> int:
    return int(page.locator(f'[data-count="{key}"]').inner_text())


def _fits_a_phone(page):
    page.set_viewport_size(MOBILE)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= MOBILE["width"], width


def test_an_inspector_sees_returned_and_unstarted_judgements(
    require_chromium, page, login_as, cqc_inspector, lead_inspector
):
    inspection = make_inspection()
    member = add_member(inspection, cqc_inspector)
    mine = list(
        Judgement.objects.filter(inspection=inspection, inspectorate__code="cqc").select_related(
            "agency", "area"
        )
    )
    member.agencies.set({j.agency for j in mine})
    add_member(inspection, lead_inspector, TeamRole.OVERALL_LEAD)
    # One of them completed, then returned in moderation with a comment.
    returned = mine[0]
    Judgement.objects.filter(pk=returned.pk).update(status=JudgementStatus.COMPLETED)
    inspection.status = Status.MODERATION
    inspection.save()
    judgement_return(judgement=returned, user=lead_inspector, comment="Say which cases show it.")
    other = make_inspection()
    other_member = add_member(other, cqc_inspector)
    unstarted = Judgement.objects.filter(inspection=other, inspectorate__code="cqc")
    other_member.agencies.set({j.agency for j in unstarted})

    login_as(page, cqc_inspector)
    assert _count(page, "returned") == 1
    assert _count(page, "not_started") == 1  # one inspection in fieldwork
    expect(page.locator('[data-todo="not_started"]')).to_contain_text(
        f"{unstarted.count()} judgements not started"
    )
    expect(page.locator("[data-unread]")).to_have_text(re.compile(r"^1"))
    assert_accessible(page)
    _fits_a_phone(page)

    page.get_by_role("link", name=re.compile("^Notifications")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^Open")).click()
    expect(page).to_have_url(re.compile(f"/judgements/{returned.pk}/$"))
    assert page.locator("[data-unread]").count() == 0
    assert csp_violations(page) == []


def test_a_lead_sees_what_blocks_the_next_step_then_reads_and_signs_off(
    require_chromium, page, login_as
):
    inspection = build_inspection(cases=0, evidence_per_agency=1, judgement_status="completed")
    lead = inspection.leads["ofsted"]
    login_as(page, lead)
    assert _count(page, "lead_rows") == 1
    blockers = page.locator(f'[data-blockers="{inspection.pk}"]')
    expect(blockers).to_contain_text("of CQC's judgements not signed off")
    assert _count(page, "fa_comments") == 0
    assert_accessible(page)
    _fits_a_phone(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/inspections/{inspection.pk}/moderation/")
    assert_accessible(page)
    _fits_a_phone(page)  # the grid scrolls inside its own region
    page.set_viewport_size({"width": 1280, "height": 900})
    cqc = (
        Judgement.objects.filter(inspection=inspection, inspectorate__code="cqc")
        .select_related("agency", "area")
        .order_by("agency__name", "area__order")
        .first()
    )
    page.get_by_role("link", name=f"Read {cqc.agency.name}: {cqc.area.title}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cqc.area.title)
    expect(page.locator("#evidence")).to_be_visible()
    expect(page.locator("#history")).to_be_visible()
    assert_accessible(page)
    _fits_a_phone(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    # The overall lead may return it but not sign off CQC's own.
    assert page.get_by_role("button", name="Sign off this judgement").count() == 0
    page.get_by_role("button", name="Return it with a comment").click()
    page.get_by_role("button", name="Return the judgement").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a comment")
    assert_accessible(page)

    # CQC's lead reads it, checks, and signs off exactly that judgement.
    page.context.clear_cookies()
    login_as(page, inspection.leads["cqc"])
    page.goto(f"/inspections/{inspection.pk}/moderation/judgements/{cqc.pk}/")
    page.get_by_role("button", name="Sign off this judgement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check before you sign off this judgement"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Confirm and sign off").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(cqc.area.title)
    cqc.refresh_from_db()
    assert cqc.status == JudgementStatus.SIGNED_OFF
    assert csp_violations(page) == []


def test_an_admin_sees_teams_to_complete_and_notifications_due(
    require_chromium, page, login_as, admin
):
    planned = [InspectionFactory(status=Status.PLANNED) for _ in range(3)]
    login_as(page, admin)
    assert _count(page, "needing_team") == len(planned)
    for inspection in planned:
        expect(
            page.locator('[data-todo="needing_team"]').get_by_role(
                "link", name=re.compile(re.escape(inspection.authority.name))
            )
        ).to_be_visible()
    assert _count(page, "overdue_plans") == 0
    assert_accessible(page)
    _fits_a_phone(page)
    assert csp_violations(page) == []

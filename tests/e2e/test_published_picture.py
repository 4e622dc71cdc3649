"""The register's search and filters, the map of areas and the charts in a real Chromium, at
1280 px and at 375 px: accessible (axe-core, WCAG 2.2 AA), no sideways page scroll on a
phone, within the CSP."""

import datetime

import pytest
from django.utils import timezone

from inspections.models import Judgement
from reports.factories import build_inspection, publish_directly
from tests.e2e.conftest import DESKTOP, MOBILE, assert_accessible, csp_violations

pytestmark = pytest.mark.browser


def _publish(authority, framework="integrated-2015", words=""):
    inspection = build_inspection(
        framework=framework, authority=authority, cases=0, evidence_per_agency=0, contacts=False
    )
    if words:
        judgement = Judgement.objects.filter(inspection=inspection).first()
        judgement.evidence_summary += f"\n\n{words}"
        judgement.save(update_fields=["evidence_summary"])
    return publish_directly(inspection, publish_at=timezone.now() - datetime.timedelta(days=1))


@pytest.fixture
def published(reference_data):
    return [
        _publish("city-of-bristol", words="A trampoline stands in the family centre."),
        _publish("haringey"),
        _publish("leeds", framework="jtai"),
    ]


def _fits(page, viewport):
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280", "375"])
def test_search_and_filter_the_register(require_chromium, page, published, viewport):
    page.set_viewport_size(viewport)
    page.goto("/reports/")
    assert page.get_by_role("status").inner_text() == "3 reports"
    _fits(page, viewport)
    assert_accessible(page)

    page.get_by_label("Search reports (optional)").fill("trampolines")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_role("status").inner_text().startswith("1 report")
    assert "Bristol" in page.locator(".jtai-register-item h2").inner_text()

    page.get_by_label("Grade of a judgement (optional)").select_option(label="Not graded (letters)")
    page.get_by_role("button", name="Apply filters").click()
    assert page.get_by_role("status").inner_text().startswith("0 reports")
    assert page.get_by_role("heading", name="No reports match these filters").is_visible()
    _fits(page, viewport)
    assert_accessible(page)

    page.get_by_role("link", name="Remove filter search reports: “trampolines”").click()
    assert page.get_by_role("status").inner_text() == "1 report"
    assert "Leeds" in page.locator(".jtai-register-item h2").inner_text()
    assert page.get_by_label("Grade of a judgement (optional)").input_value() == "not_graded"

    page.goto("/reports/?region=XX")
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    _fits(page, viewport)
    assert_accessible(page)
    assert csp_violations(page) == []


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280", "375"])
def test_the_map_of_areas_and_its_table(require_chromium, page, published, viewport):
    page.set_viewport_size(viewport)
    page.goto("/reports/map/")
    hexes = page.locator("svg.jtai-hexmap__svg g.jtai-hex")
    assert hexes.count() == 153
    haringey = page.get_by_role("img", name="Haringey:", exact=False)
    assert "weakest judgement" in haringey.get_attribute("aria-label")
    assert page.locator("table tbody tr").count() == 153
    _fits(page, viewport)
    assert_accessible(page)

    page.get_by_label("What the map shows").select_option(value="ilacs")
    page.get_by_role("button", name="Show").click()
    assert page.locator("svg.jtai-hexmap__svg g.jtai-hex[data-category=outstanding]").count() > 10
    _fits(page, viewport)
    assert_accessible(page)
    assert csp_violations(page) == []


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280", "375"])
def test_the_charts_and_their_tables(require_chromium, page, published, viewport):
    page.set_viewport_size(viewport)
    page.goto("/reports/charts/")
    assert page.get_by_role("img", name="Judgements by type of agency").count() == 1
    assert page.get_by_role("img", name="Judgements by year of publication").count() == 1
    table = page.get_by_role("table", name="Published judgements by type of agency and grade")
    assert table.locator("tbody tr").count() >= 4
    _fits(page, viewport)
    assert_accessible(page)
    assert csp_violations(page) == []


def test_admins_see_the_planning_map(require_chromium, reference_data, page, admin, login_as):
    from inspections.factories import InspectionFactory
    from inspections.models import Status

    InspectionFactory(status=Status.PLANNED)
    login_as(page, admin)
    page.goto("/reports/map/?show=planning")
    assert page.locator("g.jtai-hex[data-category=planned]").count() == 1
    page.set_viewport_size(MOBILE)
    _fits(page, MOBILE)
    assert_accessible(page)

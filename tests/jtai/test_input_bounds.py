"""Input at the edges gets a clear 4xx, never a 500: dates at the calendar's ends, ids that are
not ASCII digits, theme codes two frameworks share, integers past the database's columns."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from agencies.factories import add_agency
from agencies.models import LocalAuthority
from inspections.factories import add_member, make_inspection
from inspections.models import Framework, FrameworkVersion, Inspection, TeamRole, Theme
from inspections.planning.models import Programme
from jtai.bounds import EARLIEST_DATE, LATEST_DATE, MAX_ID, parse_id, validate_date_in_range

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def haringey(db):
    authority = LocalAuthority.objects.get(name="Haringey")
    add_agency(authority, "childrens_social_care", "Haringey Council children's services")
    add_agency(authority, "health", "NHS Haringey Clinical Commissioning Group")
    add_agency(authority, "police", "Metropolitan Police Service")
    return authority


# --- the helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("12", 12),
        ("0012", 12),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("0", None),
        ("", None),
        (None, None),
        ("\u00b2", None),  # "²": isdigit() but not a number int() reads
        ("\u0663", None),  # Arabic-Indic three: int() reads it, but it is no id in a URL
        ("-1", None),
        ("1e3", None),
        (" 1", None),
        (12, None),
    ],
)
def test_parse_id_accepts_only_ascii_digits_a_database_id_can_hold(value, expected):
    assert parse_id(value) == expected


def test_dates_are_bounded_to_the_years_the_product_deals_with():
    validate_date_in_range(EARLIEST_DATE)
    validate_date_in_range(LATEST_DATE)
    validate_date_in_range(None)
    for day in (datetime.date(1, 1, 1), datetime.date(9999, 12, 31), datetime.date(1999, 12, 31)):
        with pytest.raises(Exception, match="Enter a date between 1 January 2000"):
            validate_date_in_range(day)


# --- dates at the calendar's ends -------------------------------------------------------------


def test_scheduling_at_the_end_of_the_calendar_is_a_400(admin, haringey):
    response = _api(admin).post(
        "/api/inspections/",
        {
            "authority": haringey.gss_code,
            "framework": "jtai",
            "theme": "neglect",
            "window_start": "9999-12-31",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["window_start"] == [
        "Enter a date between 1 January 2000 and 31 December 2100"
    ]


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "1999-12", "2101-01"])
def test_the_calendar_refuses_a_month_out_of_range_with_a_message(client, admin, month):
    client.force_login(admin)
    response = client.get(reverse("inspections:calendar"), {"from": month})
    assert response.status_code == 400
    assert "Enter a first month between 2000-01 and 2100-12" in response.content.decode()


@pytest.mark.parametrize("month", ["2000-01", "2100-12"])
def test_the_calendar_shows_the_first_and_last_months_in_range(client, admin, month):
    client.force_login(admin)
    assert client.get(reverse("inspections:calendar"), {"from": month}).status_code == 200


def test_a_programme_ending_in_9999_is_refused(admin):
    version = Framework.objects.get(code="jtai").versions.get(version=1)
    response = _api(admin).post(
        reverse("api-programme-list"),
        {
            "name": "Forever",
            "framework_version": version.pk,
            "period_start": "2027-04-01",
            "period_end": "9999-12-31",
            "target_areas": 5,
        },
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"period_end"}
    assert not Programme.objects.filter(name="Forever").exists()


def test_a_programme_ending_in_9999_is_refused_on_its_page_too(client, admin):
    version = Framework.objects.get(code="jtai").versions.get(version=1)
    client.force_login(admin)
    response = client.post(
        reverse("inspections:planning:create"),
        {
            "name": "Forever",
            "framework_version": version.pk,
            "period_start_day": "1",
            "period_start_month": "4",
            "period_start_year": "2027",
            "period_end_day": "31",
            "period_end_month": "12",
            "period_end_year": "9999",
            "target_areas": "5",
            "well_performing_share": "25",
        },
    )
    assert response.status_code == 400
    assert "Enter a date between 1 January 2000" in response.content.decode()
    assert not Programme.objects.filter(name="Forever").exists()


def test_a_theme_from_year_1_to_9999_is_refused(admin):
    response = _api(admin).post(
        "/api/frameworks/jtai/themes/",
        {"name": "Always", "start_date": "0001-01-01", "end_date": "9999-12-31"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"start_date", "end_date"}
    assert not Theme.objects.filter(name="Always").exists()


def test_a_theme_from_year_1_is_refused_on_its_page_too(client, admin):
    client.force_login(admin)
    response = client.post(
        reverse("inspections:theme-create", args=["jtai"]),
        {
            "name": "Always",
            "start_date_day": "1",
            "start_date_month": "1",
            "start_date_year": "1",
        },
    )
    assert response.status_code == 400
    assert "Enter a date between 1 January 2000" in response.content.decode()
    assert not Theme.objects.filter(name="Always").exists()


# --- ids in query parameters ------------------------------------------------------------------


@pytest.fixture
def recording_team(lead_inspector):
    inspection = make_inspection()
    add_member(inspection, lead_inspector, TeamRole.OVERALL_LEAD)
    return inspection


@pytest.mark.parametrize("name", ["evidence", "evidence-add"])
@pytest.mark.parametrize("param", ["agency", "area"])
@pytest.mark.parametrize("value", ["\u00b2", "9" * 30, "-1"])
def test_evidence_pages_ignore_an_id_that_is_not_one(
    client, recording_team, lead_inspector, name, param, value
):
    client.force_login(lead_inspector)
    url = reverse(f"inspections:recording:{name}", args=[recording_team.pk])
    assert client.get(url, {param: value}).status_code == 200


def test_evidence_add_still_preselects_the_agency_and_area_it_is_given(
    client, recording_team, lead_inspector
):
    client.force_login(lead_inspector)
    agency = recording_team.agencies.first()
    area = recording_team.framework_version.judgement_areas.first()
    url = reverse("inspections:recording:evidence-add", args=[recording_team.pk])
    form = client.get(url, {"agency": agency.pk, "area": area.pk}).context["form"]
    assert form.initial["agency"] == agency.pk and form.initial["areas"] == [area.pk]


# --- theme codes two frameworks share ---------------------------------------------------------


@pytest.fixture
def shared_code():
    """A theme of the integrated framework with the code of the JTAI's neglect theme."""
    theme = Theme.objects.create(
        framework=Framework.objects.get(code="integrated-2015"),
        code="neglect",
        name="Neglect (integrated)",
        start_date=datetime.date(2016, 1, 1),
    )
    return theme


def test_scheduling_finds_the_theme_within_the_framework(admin, haringey, shared_code):
    response = _api(admin).post(
        "/api/inspections/",
        {
            "authority": haringey.gss_code,
            "framework": "jtai",
            "theme": "neglect",
            "window_start": "2017-12-04",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    inspection = Inspection.objects.get(pk=response.json()["inspection"]["id"])
    assert inspection.theme.framework.code == "jtai"


def test_a_shared_code_with_no_framework_named_is_a_400(admin, shared_code):
    response = _api(admin).get("/api/inspections/", {"theme": "neglect"})
    assert response.status_code == 400
    assert response.json()["errors"]["theme"] == [
        "More than one framework has the theme neglect: name the framework too"
    ]
    narrowed = _api(admin).get("/api/inspections/", {"theme": "neglect", "framework": "jtai"})
    assert narrowed.status_code == 200


def test_changing_an_inspection_finds_the_theme_within_its_framework(admin, shared_code):
    inspection = make_inspection(framework="jtai", status="planned", ensure=False)
    response = _api(admin).patch(
        f"/api/inspections/{inspection.pk}/",
        {"version": inspection.lock_version, "theme": "neglect", "window_start": "2017-12-04"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    inspection.refresh_from_db()
    assert inspection.theme.framework.code == "jtai"


def test_a_programme_finds_the_theme_within_its_framework(admin, shared_code):
    version = Framework.objects.get(code="jtai").versions.get(version=1)
    response = _api(admin).post(
        reverse("api-programme-list"),
        {
            "name": "Neglect again",
            "framework_version": version.pk,
            "theme": "neglect",
            "period_start": "2017-04-01",
            "period_end": "2018-10-31",
            "target_areas": 5,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Programme.objects.get(name="Neglect again").theme.framework.code == "jtai"


def test_the_public_register_filters_a_shared_theme_code_within_the_type(client, shared_code):
    refused = client.get(reverse("reports:register"), {"theme": "neglect"})
    assert refused.status_code == 400
    assert "choose the inspection type too" in refused.content.decode()
    narrowed = client.get(reverse("reports:register"), {"theme": "neglect", "framework": "jtai"})
    assert narrowed.status_code == 200


# --- integers past the database's columns -----------------------------------------------------


@pytest.mark.parametrize(
    "field",
    ["window_days", "notice_working_days", "action_plan_working_days", "min_tracked_cases"],
)
def test_a_framework_version_with_a_huge_integer_is_a_400(admin, field):
    version = FrameworkVersion.objects.filter(framework__code="jtai").first()
    response = _api(admin).patch(
        f"/api/framework-versions/{version.pk}/", {field: 10**30}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_a_huge_version_is_a_400(admin):
    inspection = make_inspection(framework="jtai", status="planned", ensure=False)
    response = _api(admin).patch(
        f"/api/inspections/{inspection.pk}/", {"version": 10**30}, format="json"
    )
    assert response.status_code == 400
    assert "version" in response.json()["errors"]

"""Pinned query counts: the inspections list, the inspection page, the calendar and each role's
home page run in a fixed number of queries with 20 or 2,000 inspections over ten years in the
database."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import LocalAuthority
from inspections.models import Inspection, Status, TeamMember, TeamRole
from inspections.views.calendar import CALENDAR_PAGE_SIZE

D = datetime.date
# What a render costs: the page cache (jtai.page_cache) would serve the pages seen again.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

STATUSES = [s for s in Status.values if s not in ("cancelled", "deferred")]
# The most each page may take, whatever the volume (session, user, then the page's own). An
# admin's calendar adds three for the inspectors' availability: the inspectors, their bookings
# and their leave (inspections.availability). On PostgreSQL the calendar does not read the
# bookings of its inspections to find an inspector booked twice: the database refuses that.
MAX_QUERIES = {
    "list": 7,
    "detail": 10,
    "calendar": 7 if connection.vendor == "postgresql" else 8,
}


@pytest.fixture
def programme(request, jtai, neglect, ofsted_inspector, django_user_model):
    """`size` inspections spread over ten years: no authority or inspector booked twice."""
    size = request.param
    authorities = list(LocalAuthority.objects.current().with_childrens_services()[:150])
    base = D(2016, 1, 4)
    span_days = 3650
    inspections = [
        Inspection(
            authority=authorities[i % len(authorities)],
            framework_version=jtai,
            theme=neglect,
            reference=f"bulk-{i}",
            window_start=base + datetime.timedelta(days=i * span_days // size),
            window_end=base + datetime.timedelta(days=i * span_days // size + 4),
            status=STATUSES[i % len(STATUSES)],
        )
        for i in range(size)
    ]
    Inspection.objects.bulk_create(inspections, batch_size=500)
    inspections = list(Inspection.objects.order_by("pk"))
    ofsted = ofsted_inspector.inspectorate
    people = [ofsted_inspector] + [
        django_user_model.objects.create_user(f"bulk{n}", inspectorate=ofsted) for n in range(9)
    ]
    TeamMember.objects.bulk_create(
        TeamMember(
            inspection=inspection,
            user=people[i % len(people)],
            inspectorate=ofsted,
            role=TeamRole.INSPECTOR,
            window_start=inspection.window_start,
            window_end=inspection.window_end,
        )
        for i, inspection in enumerate(inspections)
    )
    return inspections


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


SIZES = [20, 2000]


@pytest.mark.parametrize("programme", SIZES, indirect=True)
def test_inspections_list(
    client, admin, ofsted_inspector, programme, django_assert_max_num_queries
):
    for user in (admin, ofsted_inspector):
        client.force_login(user)
        with django_assert_max_num_queries(MAX_QUERIES["list"]):
            response = client.get(reverse("inspections:list") + "?page=2")
        assert response.status_code == 200
        with django_assert_max_num_queries(MAX_QUERIES["list"]):
            client.get(reverse("inspections:list") + "?framework=&status=fieldwork&region=GL")


@pytest.mark.parametrize("programme", SIZES, indirect=True)
def test_inspection_page(client, admin, programme, django_assert_max_num_queries):
    client.force_login(admin)
    target = programme[len(programme) // 2]
    with django_assert_max_num_queries(MAX_QUERIES["detail"]):
        response = client.get(reverse("inspections:detail", args=[target.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("programme", SIZES, indirect=True)
def test_calendar(client, admin, programme, django_assert_max_num_queries):
    client.force_login(admin)
    with django_assert_max_num_queries(MAX_QUERIES["calendar"]):
        response = client.get(reverse("inspections:calendar") + "?from=2020-01")
    assert response.status_code == 200
    html = response.content.decode()
    # The inspections' timeline (an admin also sees the inspectors' availability below it).
    timeline = html.split('id="availability"')[0]
    rows = timeline.count("jtai-calendar__bar ")
    in_period = int(re.search(r"Timeline: (\d+) inspection", html).group(1))
    assert in_period >= (1 if len(programme) == 20 else 150)
    # A page of areas at a time: the page is the same size whatever the period holds.
    assert rows == min(in_period, CALENDAR_PAGE_SIZE)
    assert len(timeline) < 100_000
    if in_period > CALENDAR_PAGE_SIZE and "govuk-warning-text" in html:
        # Problems on other pages are linked from the warning.
        assert re.search(r'href="\?from=2020-01&amp;page=\d+">page \d+</a>', html)
    pages = (in_period - 1) // CALENDAR_PAGE_SIZE + 1
    last = client.get(reverse("inspections:calendar") + f"?from=2020-01&page={pages}")
    assert last.content.decode().split('id="availability"')[0].count("jtai-calendar__bar ") == (
        in_period - (pages - 1) * CALENDAR_PAGE_SIZE
    )


COUNTS: dict[tuple[str, int], int] = {}


@pytest.mark.parametrize("programme", SIZES, indirect=True)
def test_counts_equal_for_20_and_2000(client, admin, programme):
    """Record each page's count per size; the 2,000 run compares with the 20 run."""
    client.force_login(admin)
    size = len(programme)
    target = programme[len(programme) // 2]
    counts = {
        "list": _count(client, reverse("inspections:list") + "?page=1"),
        "detail": _count(client, reverse("inspections:detail", args=[target.pk])),
        "calendar": _count(client, reverse("inspections:calendar") + "?from=2020-01"),
    }
    for page, count in counts.items():
        COUNTS[(page, size)] = count
        assert count <= MAX_QUERIES[page]
    if size == SIZES[-1] and all((page, SIZES[0]) in COUNTS for page in counts):
        for page in counts:
            assert COUNTS[(page, SIZES[0])] == COUNTS[(page, size)], page


HOME_COUNTS: dict[tuple[str, int], int] = {}


@pytest.mark.parametrize("programme", SIZES, indirect=True)
def test_home_pages_read_as_many_queries_for_2000_inspections_as_for_20(
    client, admin, ofsted_inspector, programme
):
    """Each role's to-do home page: an admin's over every inspection, an inspector's over the
    tenth they are on, and a lead's over every inspection (the same person, made overall lead
    of them all: every status, so every kind of blocker, is on the page at both sizes)."""
    size = len(programme)
    pages = {}
    for who, user in (("admin", admin), ("inspector", ofsted_inspector)):
        client.force_login(user)
        pages[who] = _count(client, reverse("home"))
    TeamMember.objects.update(
        user=ofsted_inspector, role=TeamRole.OVERALL_LEAD, holds_booking=False
    )
    client.force_login(ofsted_inspector)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(reverse("home")).content.decode()
    assert 'data-count="lead_rows"' in html
    pages["lead"] = len(ctx.captured_queries)
    for who, count in pages.items():
        HOME_COUNTS[(who, size)] = count
    if size == SIZES[-1] and all((who, SIZES[0]) in HOME_COUNTS for who in pages):
        for who in pages:
            assert HOME_COUNTS[(who, SIZES[0])] == HOME_COUNTS[(who, size)], who


@pytest.mark.parametrize("programme", SIZES, indirect=True)
def test_api_list_and_detail(admin, ofsted_inspector, programme, django_assert_max_num_queries):
    from rest_framework.test import APIClient

    api = APIClient()
    for user in (admin, ofsted_inspector):
        api.force_authenticate(user)
        with django_assert_max_num_queries(3):
            response = api.get("/api/inspections/?page=1")
        assert response.status_code == 200
        assert len(response.json()["results"]) == min(
            25, len(programme) // (1 if user == admin else 10)
        )
    api.force_authenticate(admin)
    with django_assert_max_num_queries(9):
        response = api.get(f"/api/inspections/{programme[len(programme) // 2].pk}/")
    assert response.status_code == 200

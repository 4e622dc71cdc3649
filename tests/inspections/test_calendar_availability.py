"""The calendar shows each inspector's availability to admins, as the admin home page promises:
every week booked on a team or on leave, and the weeks free; every month labelled."""

import datetime
import re
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from inspections import availability
from inspections.models import TeamRole
from inspections.planning.models import CapacityLeave
from inspections.services import teams

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def booked_and_on_leave(haringey_jtai, cqc_inspector, hmicfrs_inspector, admin):
    from inspections.factories import make_programme
    from inspections.models import Framework

    teams.team_member_add(inspection=haringey_jtai, user=cqc_inspector, role=TeamRole.INSPECTOR)
    programme = make_programme(admin, Framework.objects.get(code="jtai").versions.get(version=1))
    CapacityLeave.objects.create(
        capacity=programme.capacities.get(inspectorate=hmicfrs_inspector.inspectorate),
        user=hmicfrs_inspector,
        start=D(2018, 1, 8),
        end=D(2018, 1, 19),
    )
    return haringey_jtai


def test_rows_say_week_by_week_who_is_booked_or_on_leave(
    booked_and_on_leave, cqc_inspector, hmicfrs_inspector
):
    weeks = [D(2017, 11, 27) + datetime.timedelta(weeks=n) for n in range(10)]
    rows = {row.user.pk: row for row in availability.availability_rows(weeks)}
    cqc = rows[cqc_inspector.pk]
    assert [(c["kind"], c["span"]) for c in cqc.cells] == [("free", 1), ("booked", 1), ("free", 8)]
    assert cqc.cells[1]["words"] == "inspecting Haringey from 4 December 2017 to 8 December 2017"
    assert cqc.free_weeks == 9
    hmicfrs = rows[hmicfrs_inspector.pk]
    assert [(c["kind"], c["span"]) for c in hmicfrs.cells] == [
        ("free", 6),
        ("leave", 2),
        ("free", 2),
    ]
    # The capacity left each week: both free but in the inspection's week and the leave.
    assert availability.free_per_week([cqc, hmicfrs]) == [2, 1, 2, 2, 2, 2, 1, 1, 2, 2]


def test_a_booking_says_more_than_leave_in_the_same_week(
    booked_and_on_leave, cqc_inspector, hmicfrs_inspector, admin
):
    """Leave over the week of a booking: the week shows the booking, the other weeks the
    leave; leave recorded on two programmes shows once; a booking before the period shows in
    its first weeks."""
    from inspections.factories import make_programme
    from inspections.models import Framework

    capacity = make_programme(
        admin, Framework.objects.get(code="jtai").versions.get(version=1)
    ).capacities.get(inspectorate=cqc_inspector.inspectorate)
    CapacityLeave.objects.create(
        capacity=capacity, user=cqc_inspector, start=D(2017, 11, 27), end=D(2017, 12, 15)
    )
    weeks = [D(2017, 12, 4) + datetime.timedelta(weeks=n) for n in range(4)]
    rows = {row.user.pk: row for row in availability.availability_rows(weeks)}
    cqc = rows[cqc_inspector.pk]
    assert [(c["kind"], c["span"]) for c in cqc.cells] == [
        ("booked", 1),
        ("leave", 1),
        ("free", 2),
    ]
    assert cqc.cells[1]["words"] == "on leave from 27 November 2017 to 15 December 2017"
    hmicfrs = rows[hmicfrs_inspector.pk]
    assert [(c["kind"], c["span"]) for c in hmicfrs.cells] == [("free", 4)]
    assert availability.free_per_week(list(rows.values())) == [
        len(rows) - 1,
        len(rows) - 1,
        len(rows),
        len(rows),
    ]


def test_admins_see_availability_on_the_calendar_and_inspectors_do_not(
    client, admin, cqc_inspector, booked_and_on_leave, django_assert_num_queries, page_cache_off
):
    client.force_login(admin)
    url = reverse("inspections:calendar") + "?from=2017-11"
    client.get(url)
    # session, user, the calendar's two queries (three where the database does not itself
    # refuse an inspector booked twice), the inspectors, bookings, leave
    with django_assert_num_queries(7 if connection.vendor == "postgresql" else 8):
        page = client.get(url).content.decode()
    assert "Inspectors' availability" in page
    assert "Inspecting Haringey from 4 December 2017 to 8 December 2017" in page
    assert "On leave from 8 January 2018 to 19 January 2018" in page
    assert "Inspectors free" in page
    # Every month is labelled, the year on its own line, none clipped to share a column.
    for month in ("Nov", "Dec", "Jan", "Feb", "Oct"):
        assert re.search(rf">{month}(<span class=\"jtai-calendar__year\">\d{{4}}</span>)?<", page)

    client.force_login(cqc_inspector)
    page = client.get(url).content.decode()
    assert "Inspectors' availability" not in page


def test_availability_shows_a_page_of_inspectors_and_counts_them_all(
    client, admin, booked_and_on_leave, django_user_model, cqc_inspector
):
    from agencies.models import Inspectorate
    from inspections.views.calendar import AVAILABILITY_PAGE_SIZE

    last_listed = Inspectorate.objects.order_by("-order").first()
    for n in range(AVAILABILITY_PAGE_SIZE + 5):
        django_user_model.objects.create_user(
            f"zz-inspector-{n:02d}",
            last_name=f"Zz {n:02d}",
            role="inspector",
            inspectorate=last_listed,
        )
    inspectors = django_user_model.objects.filter(
        is_active=True, role__in=availability.INSPECTOR_ROLES
    ).count()
    client.force_login(admin)
    url = reverse("inspections:calendar") + "?from=2017-11"
    page = client.get(url).content.decode()
    table = page[page.index('id="availability"') :]
    assert f"Availability: {inspectors} inspectors" in table
    assert f"Showing 1 to {AVAILABILITY_PAGE_SIZE}" in table
    assert table.count('class="govuk-table__header jtai-calendar__area">') == (
        AVAILABILITY_PAGE_SIZE + 2  # the heading and the inspectors free
    )
    assert 'aria-label="Inspectors\' availability pages"' in table
    assert "?from=2017-11&amp;people=2#availability" in table
    # The week of the Haringey inspection: everyone free but the CQC inspector booked on it.
    counts = re.findall(r'jtai-calendar__count">(\d+)<', table)
    # (The weeks start on Monday 30 October 2017: the inspection's is the sixth.)
    assert int(counts[5]) == inspectors - 1 and int(counts[0]) == inspectors

    last = client.get(url + "&people=2").content.decode()
    last_table = last[last.index('id="availability"') :]
    assert f"Showing {AVAILABILITY_PAGE_SIZE + 1} to {inspectors}" in last_table
    assert "Zz 29" in last_table and "Zz 29" not in table


ROOT = Path(__file__).resolve().parents[2]


def test_every_data_table_on_a_page_scrolls_in_its_own_region():
    """Each table of the browser pages is in {% table_region %} (or is a calendar, which has
    its own region): none can make a page scroll sideways on a phone. The PDF's print
    template is for paper."""
    for path in (ROOT / "templates").rglob("*.html"):
        if path.name == "print.html":
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<table\b[^>]*>", text):
            before = text[: match.start()]
            opened = before.count("{% table_region")
            closed = before.count("{% endtable_region %}")
            in_calendar = "jtai-calendar__table" in match.group(0)
            assert opened == closed + 1 or in_calendar, (
                f"{path.relative_to(ROOT)}: {match.group(0)}"
            )

"""The programme calendar finds clashes: one agency (a police force serving two areas), one
authority or one inspector booked twice at once, and windows over Christmas."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from inspections import programme_calendar
from inspections.models import Inspection, TeamMember, TeamRole
from inspections.services import scheduling, teams

D = datetime.date
pytestmark = pytest.mark.django_db


def _row(calendar, inspection):
    return next(row for row in calendar.rows if row.inspection.pk == inspection.pk)


def test_a_police_force_inspected_in_two_areas_at_once(
    haringey_jtai, enfield, jtai, neglect, admin
):
    enfield_jtai = scheduling.inspection_schedule(
        authority=enfield, framework_version=jtai, theme=neglect, window_start=D(2017, 12, 4)
    ).inspection
    calendar = programme_calendar.programme_calendar(admin, first_month=D(2017, 11, 1))
    assert _row(calendar, haringey_jtai).clashes == [
        "Metropolitan Police Service is also being inspected in Enfield at the same time"
    ]
    assert _row(calendar, enfield_jtai).clashes == [
        "Metropolitan Police Service is also being inspected in Haringey at the same time"
    ]
    assert calendar.problem_count == 2
    # The bar sits in the first week of December: weeks counted from Monday 30 October 2017.
    row = _row(calendar, haringey_jtai)
    assert calendar.start == D(2017, 10, 30)
    assert (row.start_col, row.span) == (5, 1)
    assert row.start_col + row.span + row.end_col == len(calendar.weeks)


def test_an_inspector_or_an_area_booked_twice(haringey_jtai, haringey, cqc_inspector, admin):
    teams.team_member_add(inspection=haringey_jtai, user=cqc_inspector, role=TeamRole.INSPECTOR)

    def book_twin():
        return Inspection.objects.create(
            authority=haringey,
            framework_version=haringey_jtai.framework_version,
            reference="twin",
            window_start=D(2017, 12, 6),
            window_end=D(2017, 12, 12),
        )

    if connection.vendor == "postgresql":
        # PostgreSQL's exclusion constraint refuses the double booking outright, so the
        # calendar never has one to flag; SQLite relies on the services and the calendar.
        with pytest.raises(IntegrityError), transaction.atomic():
            book_twin()
        return
    twin = book_twin()
    TeamMember.objects.create(
        inspection=twin,
        user=cqc_inspector,
        inspectorate=cqc_inspector.inspectorate,
        role=TeamRole.INSPECTOR,
        window_start=twin.window_start,
        window_end=twin.window_end,
    )
    calendar = programme_calendar.programme_calendar(admin, first_month=D(2017, 11, 1))
    assert _row(calendar, twin).clashes == [
        "Cqc Inspector Tester is also inspecting Haringey",
        "Haringey is inspected twice at once",
    ]


def test_christmas_and_scope(haringey, integrated, admin, ofsted_inspector):
    christmas = scheduling.inspection_schedule(
        authority=haringey, framework_version=integrated, window_start=D(2015, 12, 7)
    ).inspection
    calendar = programme_calendar.programme_calendar(admin, first_month=D(2015, 9, 1))
    assert _row(calendar, christmas).christmas
    assert _row(calendar, christmas).label == "Christmas"
    # Others see only their teams' inspections.
    theirs = programme_calendar.programme_calendar(ofsted_inspector, first_month=D(2015, 9, 1))
    assert theirs.rows == []

"""The home pages' to-do lists, computed from the data: each count on the page agrees with
the data, and the page reads the same number of queries for 20 inspections as for 200."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.factories import person
from inspections.factories import InspectionFactory, JudgementFactory, TeamMemberFactory
from inspections.models import JudgementStatus, Status, TeamRole
from jtai import clock

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2016, 1, 4)  # a Monday, before the factories' windows
OPEN = [Status.PLANNED, Status.FIELDWORK, Status.MODERATION]


def _inspections(n, *, lead, inspector, start=0):
    """`n` inspections led by `lead`, `inspector` recording one judgement on each: statuses
    and judgement states cycle, so every list has something in it."""
    states = [JudgementStatus.NOT_STARTED, JudgementStatus.RETURNED, JudgementStatus.COMPLETED]
    for i in range(start, start + n):
        inspection = InspectionFactory(
            status=OPEN[i % len(OPEN)], notification_date=TODAY + datetime.timedelta(days=i % 9)
        )
        judgement = JudgementFactory(inspection=inspection, status=states[i % len(states)])
        # holds_booking=False: one person on hundreds of inspections at once.
        TeamMemberFactory(
            inspection=inspection, user=lead, role=TeamRole.OVERALL_LEAD, holds_booking=False
        )
        member = TeamMemberFactory(
            inspection=inspection,
            user=inspector,
            inspectorate=judgement.inspectorate,
            holds_booking=False,
        )
        member.agencies.add(judgement.agency)


@pytest.fixture
def people():
    lead = person("todo_lead", "lead", "ofsted")
    inspector = person("todo_inspector", "inspector", "ofsted")
    return lead, inspector


def _page(client, user):
    client.force_login(user)
    with clock.travel_to(TODAY), CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("home")).content.decode()
    counts = {k: int(v) for k, v in re.findall(r'data-count="(\w+)">(\d+)<', html)}
    return html, counts, len(queries.captured_queries)


def _expected(n):
    statuses = [OPEN[i % 3] for i in range(n)]
    states = [("not_started", "returned", "completed")[i % 3] for i in range(n)]
    return statuses, states


@pytest.mark.parametrize("who", ["inspector", "lead", "admin"])
def test_counts_agree_with_the_data_and_queries_stay_flat(client, people, admin, who):
    lead, inspector = people
    user = {"inspector": inspector, "lead": lead, "admin": admin}[who]
    _inspections(20, lead=lead, inspector=inspector)
    html, small, queries_20 = _page(client, user)
    _inspections(180, lead=lead, inspector=inspector, start=20)
    html, counts, queries_200 = _page(client, user)
    assert queries_200 == queries_20, (queries_20, queries_200)
    assert queries_200 <= {"inspector": 8, "lead": 20, "admin": 10}[who]

    statuses, states = _expected(200)
    pairs = list(zip(statuses, states, strict=True))
    if who == "inspector":
        assert counts["returned"] == states.count("returned")
        assert counts["not_started"] == pairs.count((Status.FIELDWORK, "not_started"))
        assert counts["disputes"] == 0
        assert "lead_rows" not in counts
    if who == "lead":
        assert counts["lead_rows"] == 200  # every one is open
        assert counts["returned"] == counts["not_started"] == 0  # the lead records none
        # Planned ones wait for an admin to notify them; the others for the judgements.
        assert "Nothing for the team: waiting for an administrator to notify the area" in html
    if who == "admin":
        # Planned inspections have only the lead and an Ofsted inspector: none is complete.
        planned = statuses.count(Status.PLANNED)
        assert counts["needing_team"] == planned
        # Notification days run over the nine days from Monday: those up to Sunday are due.
        due = sum(1 for i, s in enumerate(statuses) if s == Status.PLANNED and i % 9 <= 6)
        assert counts["notifications_due"] == due
        assert counts["overdue_plans"] == 0
        assert counts["finished_runs"] == 0


def test_a_lead_sees_what_blocks_each_inspection_linked(client, people):
    from reports.factories import build_inspection

    inspection = build_inspection(cases=0, evidence_per_agency=0, judgement_status="completed")
    lead = inspection.leads["ofsted"]
    html, counts, _ = _page(client, lead)
    assert counts["lead_rows"] == 1
    assert f'data-blockers="{inspection.pk}"' in html
    grid = reverse("inspections:moderation:grid", args=[inspection.pk])
    assert f'href="{grid}"' in html
    assert "of CQC&#x27;s judgements not signed off" in html


def test_deadlines_are_in_working_days(client, people):
    lead, inspector = people
    inspection = InspectionFactory(
        status=Status.NOTIFIED, window_start=datetime.date(2016, 1, 18), notification_date=TODAY
    )
    TeamMemberFactory(
        inspection=inspection, user=lead, role=TeamRole.OVERALL_LEAD, holds_booking=False
    )
    html, _, _ = _page(client, lead)
    assert "Fieldwork starts: 18 January 2016 (in 10 working days)" in html


def test_an_area_contact_keeps_their_own_page(client):
    contact = person("area_person", "area_contact", None)
    client.force_login(contact)
    assert client.get(reverse("home")).url == reverse("inspections:information:mine")

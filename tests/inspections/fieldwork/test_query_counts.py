"""The fieldwork pages run in a fixed number of queries, whatever the cohort or timetable."""

import datetime

import pytest
from django.urls import reverse

from inspections.models import (
    CaseTrackingAnswer,
    CaseTrackingQuestion,
    TimetableSession,
    TrackedCase,
)

from .conftest import member_of

pytestmark = pytest.mark.django_db


def _fill(inspection, lead, members, *, cases, sessions):
    tracked = TrackedCase.objects.bulk_create(
        TrackedCase(
            inspection=inspection,
            reference=f"HAR-{n:04d}",
            age=12,
            plan_type="child_protection",
            selected_by=lead,
        )
        for n in range(cases)
    )
    questions = list(CaseTrackingQuestion.objects.filter(theme=inspection.theme))
    agencies = list(inspection.agencies.all())
    CaseTrackingAnswer.objects.bulk_create(
        CaseTrackingAnswer(
            case=case,
            question=question,
            agency=agency,
            answer="Seen.",
            answered_by=lead,
            answered_at=datetime.datetime(2017, 12, 5, 10, tzinfo=datetime.UTC),
        )
        for case in tracked
        for question in questions
        for agency in agencies
    )
    rows = TimetableSession.objects.bulk_create(
        TimetableSession(
            inspection=inspection,
            date=inspection.window_start + datetime.timedelta(days=n % 5),
            start_time=datetime.time(8 + n % 10),
            end_time=datetime.time(9 + n % 10),
            kind="interview",
            title=f"Interview {n}",
            created_by=lead,
        )
        for n in range(sessions)
    )
    TimetableSession.attendees.through.objects.bulk_create(
        TimetableSession.attendees.through(timetablesession_id=row.pk, teammember_id=m.pk)
        for row in rows
        for m in members
    )
    return tracked


@pytest.mark.parametrize("volume", [1, 20])
def test_fieldwork_pages_have_a_fixed_query_count(
    on_site, lead_inspector, cqc_inspector, client, django_assert_max_num_queries, volume
):
    members = [member_of(on_site, lead_inspector), member_of(on_site, cqc_inspector)]
    tracked = _fill(on_site, lead_inspector, members, cases=volume, sessions=volume)
    client.force_login(lead_inspector)
    pages = [
        (9, reverse("inspections:fieldwork:cohort", args=[on_site.pk])),
        (12, reverse("inspections:fieldwork:case", args=[on_site.pk, tracked[0].pk])),
        (8, reverse("inspections:fieldwork:timetable", args=[on_site.pk])),
        (8, reverse("inspections:fieldwork:lines-of-enquiry", args=[on_site.pk])),
    ]
    for limit, url in pages:
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200

"""The demo's Haringey JTAI has its cohort, its week on site and answers, built through the
services; seeding twice changes nothing."""

import io

import pytest

from agencies import demo as agencies_demo
from inspections import demo as inspections_demo
from inspections.fieldwork import demo
from inspections.models import CaseTrackingAnswer, TimetableSession, TrackedCase

pytestmark = pytest.mark.django_db


def test_haringey_has_its_cohort_and_timetable(monkeypatch):
    monkeypatch.delenv("JTAI_DEMO_PASSWORD", raising=False)
    agencies_demo.seed(io.StringIO())
    inspections_demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    cases = TrackedCase.objects.filter(inspection__reference=demo.REFERENCE)
    assert sorted(c.reference for c in cases) == sorted(ref for ref, _, _ in demo.COHORT)
    sessions = TimetableSession.objects.filter(inspection__reference=demo.REFERENCE)
    assert sessions.count() == len(demo.TIMETABLE)
    feedback = sessions.get(kind="feedback")
    assert str(feedback.date) == "2017-12-08"
    assert CaseTrackingAnswer.objects.filter(case__in=cases).exists()
    assert cases.get(reference="HAR-0245").audit_evaluation == "adequate"
    out = io.StringIO()
    demo.seed(out)
    assert "already there" in out.getvalue()
    assert TimetableSession.objects.filter(inspection__reference=demo.REFERENCE).count() == len(
        demo.TIMETABLE
    )

"""Two people saving the same evidence record or case at the same moment, each through their own
database connection: exactly one save from a version wins, the other is told (409); nothing
acknowledged is lost."""

import os
import threading

import pytest
from django.conf import settings
from django.db import connections
from rest_framework.test import APIClient

from inspections.factories import add_member, make_inspection
from inspections.models import CaseSample, EvidenceRecord, TeamRole

ROUNDS = 20


# Skipped by a mark (not only the fixture) so that, without PostgreSQL, no transactional
# database is set up.
pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql"
        and os.environ.get("JTAI_REQUIRE_SERVICES") != "1",
        reason="PostgreSQL (set DATABASE_URL) not available",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _race(users, url, bodies) -> list[tuple[int, dict]]:
    """PUT each body to `url` at once, one thread (and one database connection) per user."""
    start = threading.Barrier(len(bodies))
    answers = [None] * len(bodies)

    def save(index):
        try:
            client = APIClient()
            client.force_authenticate(users[index])
            start.wait(timeout=10)
            response = client.put(url, bodies[index], format="json")
            answers[index] = (response.status_code, response.json())
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


@pytest.fixture
def racing_team(require_postgres, lead_inspector, ofsted_inspector, cqc_inspector):
    inspection = make_inspection()
    add_member(inspection, lead_inspector, TeamRole.OVERALL_LEAD)
    add_member(inspection, ofsted_inspector)
    add_member(inspection, cqc_inspector)
    return inspection


def test_two_connections_racing_an_evidence_save_lose_nothing(
    racing_team, lead_inspector, ofsted_inspector
):
    agency = racing_team.agencies.get(agency_type__code="health")
    record = EvidenceRecord.objects.create(
        inspection=racing_team,
        agency=agency,
        source="document",
        date="2015-12-08",
        note="Audit of child protection medicals.",
        recorded_by=ofsted_inspector,
    )
    url = f"/api/evidence/{record.pk}/"
    users = [ofsted_inspector, lead_inspector]  # the recorder and their inspectorate's lead
    lost = 0
    for round_number in range(ROUNDS):
        version = EvidenceRecord.objects.get(pk=record.pk).version
        notes = [f"Round {round_number}: note by writer {writer}." for writer in (0, 1)]
        bodies = [
            {
                "version": version,
                "agency": agency.pk,
                "source": "document",
                "date": "2015-12-08",
                "note": note,
            }
            for note in notes
        ]
        answers = _race(users, url, bodies)
        statuses = sorted(status for status, _ in answers)
        assert statuses == [200, 409], answers
        winner = next(i for i, (status, _) in enumerate(answers) if status == 200)
        loser = answers[1 - winner][1]
        assert "version" in loser["errors"]
        saved = EvidenceRecord.objects.get(pk=record.pk)
        assert saved.version == version + 1
        lost += saved.note != notes[winner]
    assert lost == 0
    assert EvidenceRecord.objects.get(pk=record.pk).version == ROUNDS


def test_two_connections_racing_a_case_save_lose_nothing(
    racing_team, lead_inspector, cqc_inspector
):
    agency = racing_team.agencies.get(agency_type__code="health")
    case = CaseSample.objects.create(
        inspection=racing_team, reference="HAR-0001", kind="tracked", recorded_by=cqc_inspector
    )
    case.agencies.set([agency])
    url = f"/api/case-samples/{case.pk}/"
    users = [lead_inspector, cqc_inspector]
    for round_number in range(ROUNDS):
        version = CaseSample.objects.get(pk=case.pk).version
        summaries = [f"Round {round_number}: summary by writer {writer}." for writer in (0, 1)]
        bodies = [
            {
                "version": version,
                "reference": "HAR-0001",
                "kind": "tracked",
                "agencies": [agency.pk],
                "summary": summary,
            }
            for summary in summaries
        ]
        answers = _race(users, url, bodies)
        assert sorted(status for status, _ in answers) == [200, 409], answers
        winner = next(i for i, (status, _) in enumerate(answers) if status == 200)
        saved = CaseSample.objects.get(pk=case.pk)
        assert saved.version == version + 1 and saved.summary == summaries[winner]

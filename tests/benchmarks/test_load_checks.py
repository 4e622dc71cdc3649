"""The load run's checks catch what they are there to catch: an acknowledged judgement save
missing from the history, an evidence write that did not stand, a lost update."""

import pytest

from benchmarks.bench_load import Acks, check_evidence, check_judgements
from inspections.factories import EvidenceRecordFactory, JudgementFactory
from inspections.models import JudgementRevision

pytestmark = pytest.mark.django_db


def _revision(judgement, version, summary):
    JudgementRevision.objects.create(
        judgement=judgement,
        version=version,
        evidence_summary=summary,
        status="in_progress",
        by=_someone(),
        at="2024-01-01T00:00:00Z",
    )


def _someone():
    from agencies.factories import UserFactory

    return UserFactory(username="load_check_user")


def test_judgement_saves_in_the_history_pass():
    judgement = JudgementFactory(version=2)
    _revision(judgement, 2, "Second save")
    acks = Acks()
    acks.judgements[judgement.pk].append((2, "Second save"))

    ok, detail = check_judgements(acks, {judgement.pk: {"version": 1, "revisions": 0}})

    assert ok, detail


@pytest.mark.parametrize(
    "version, summary, revision_text",
    [
        (2, "Second save", None),  # acknowledged, no revision
        (2, "Second save", "Other text"),  # a revision, not the text acknowledged
    ],
)
def test_an_acknowledged_judgement_save_missing_from_the_history_fails(
    version, summary, revision_text
):
    judgement = JudgementFactory(version=version)
    if revision_text:
        _revision(judgement, version, revision_text)
    acks = Acks()
    acks.judgements[judgement.pk].append((version, summary))

    ok, detail = check_judgements(acks, {judgement.pk: {"version": 1, "revisions": 0}})

    assert not ok
    assert f"judgement {judgement.pk}" in detail


def test_a_committed_save_nobody_acknowledged_fails():
    judgement = JudgementFactory(version=2)
    _revision(judgement, 2, "Saved, answer lost")

    ok, _ = check_judgements(Acks(), {judgement.pk: {"version": 1, "revisions": 0}})

    assert not ok


def test_evidence_whose_last_acknowledged_write_did_not_stand_fails():
    record = EvidenceRecordFactory(note="First")
    acks = Acks()
    acks.evidence_created[record.pk] = "Created"
    acks.evidence_writes[record.pk] = [(1, "Created", "First"), (1, "First", "Second")]

    ok, detail, lost, _ = check_evidence(acks)

    assert not ok
    assert "last acknowledged write" in detail


def test_created_evidence_that_is_missing_fails():
    acks = Acks()
    acks.evidence_created[987654321] = "Never stored"

    ok, detail, _, _ = check_evidence(acks)

    assert not ok
    assert "missing" in detail


def test_a_write_overwritten_by_one_who_never_saw_it_is_a_lost_update():
    record = EvidenceRecordFactory(note="Client 2's")
    acks = Acks()
    acks.evidence_created[record.pk] = "Created"
    # Both clients read "Created"; both were told their write was saved.
    acks.evidence_writes[record.pk] = [(1, "Created", "Client 1's"), (2, "Created", "Client 2's")]

    ok, _, lost, lost_detail = check_evidence(acks)

    assert ok  # every write was there at some point: last-write-wins, not a missing record
    assert lost == 1
    assert "last-write-wins" in lost_detail


def test_writes_each_made_from_the_one_before_lose_nothing():
    record = EvidenceRecordFactory(note="Third")
    acks = Acks()
    acks.evidence_created[record.pk] = "Created"
    acks.evidence_writes[record.pk] = [
        (1, "Created", "Second"),
        (2, "Second", "Third"),
    ]

    ok, _, lost, _ = check_evidence(acks)

    assert ok
    assert lost == 0

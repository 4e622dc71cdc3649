"""The lifecycle: every verb from its source state, per role; guards, hooks, emails, beat."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from inspections import lifecycle, tasks
from inspections.models import Inspection, Status, Transition
from inspections.services import teams, transitions
from jtai.exceptions import ApplicationError, ConflictError

D = datetime.date
pytestmark = pytest.mark.django_db

# verb -> (source state, roles allowed)
ALLOWED = {
    "notify": (Status.PLANNED, {"admin"}),
    "start_fieldwork": (Status.NOTIFIED, {"admin", "overall_lead"}),
    "close_evidence": (Status.FIELDWORK, {"admin", "overall_lead"}),
    "start_moderation": (Status.EVIDENCE_CLOSED, {"admin", "overall_lead"}),
    "send_for_factual_accuracy": (Status.MODERATION, {"admin", "overall_lead"}),
    "publish": (Status.FACTUAL_ACCURACY, {"admin", "overall_lead"}),
    "await_action_plan": (Status.PUBLISHED, {"admin", "overall_lead"}),
    "close": (Status.ACTION_PLAN_DUE, {"admin"}),
    "cancel": (Status.PLANNED, {"admin"}),
    "defer": (Status.NOTIFIED, {"admin"}),
}
ROLES = ["admin", "overall_lead", "inspectorate_lead", "inspector", "outsider"]


@pytest.fixture(autouse=True)
def only_the_tables_own_rules(monkeypatch):
    """These tests are about the transition table itself: guards that other parts of the
    product register (a report must exist before publishing, ...) are tested by those parts."""
    from collections import defaultdict

    monkeypatch.setattr(lifecycle, "_guards", defaultdict(list))
    monkeypatch.setattr(lifecycle, "_after", defaultdict(list))
    monkeypatch.setattr(lifecycle, "_blockers", defaultdict(list))


@pytest.fixture
def people(admin, lead_inspector, cqc_inspector, ofsted_inspector, hmiprobation_inspector):
    return {
        "admin": admin,
        "overall_lead": lead_inspector,
        "inspectorate_lead": cqc_inspector,
        "inspector": ofsted_inspector,
        "outsider": hmiprobation_inspector,
    }


def _at(inspection, status):
    Inspection.objects.filter(pk=inspection.pk).update(status=status)
    inspection.refresh_from_db()
    return inspection


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("verb", list(ALLOWED))
def test_each_transition_per_role(verb, role, full_team, people):
    source, allowed = ALLOWED[verb]
    inspection = _at(full_team, source)
    user = people[role]
    reason = "The area asked for another date" if verb in ("cancel", "defer") else "Early start"
    if role in allowed:
        transitions.inspection_transition(inspection=inspection, verb=verb, by=user, reason=reason)
        inspection.refresh_from_db()
        assert inspection.status == lifecycle.TRANSITIONS[verb].target
        stamp = Transition.objects.filter(inspection=inspection).latest("at", "id")
        assert (stamp.verb, stamp.by, stamp.from_status) == (verb, user, source)
    else:
        with pytest.raises(PermissionDenied):
            transitions.inspection_transition(
                inspection=inspection, verb=verb, by=user, reason=reason
            )
        inspection.refresh_from_db()
        assert inspection.status == source


@pytest.mark.parametrize("verb", list(ALLOWED))
def test_each_transition_refused_from_a_wrong_state(verb, full_team, admin):
    source, _ = ALLOWED[verb]
    wrong = Status.CLOSED if source != Status.CLOSED else Status.PLANNED
    inspection = _at(full_team, wrong)
    with pytest.raises(ConflictError, match="cannot move on"):
        transitions.inspection_transition(inspection=inspection, verb=verb, by=admin, reason="x")


def test_lock_version_bumps_and_a_stale_one_is_refused(full_team, admin):
    before = full_team.lock_version
    transitions.inspection_transition(
        inspection=full_team, verb="notify", by=admin, lock_version=before
    )
    assert full_team.lock_version == before + 1
    with pytest.raises(ConflictError, match="Someone else changed"):
        transitions.inspection_transition(
            inspection=full_team, verb="cancel", by=admin, reason="x", lock_version=before
        )


def test_cancel_and_defer_need_a_reason_and_free_the_team(full_team, admin):
    with pytest.raises(ApplicationError) as caught:
        transitions.inspection_transition(inspection=full_team, verb="defer", by=admin, reason="  ")
    assert caught.value.fields == {"reason": ["Enter a reason"]}
    transitions.inspection_transition(
        inspection=full_team, verb="defer", by=admin, reason="Local elections"
    )
    full_team.refresh_from_db()
    assert full_team.status == Status.DEFERRED
    assert full_team.status_reason == "Local elections"
    assert not full_team.team.filter(holds_booking=True).exists()


def test_notify_needs_a_complete_team(haringey_jtai, admin, lead_inspector):
    from inspections.models import TeamRole

    teams.team_member_add(inspection=haringey_jtai, user=lead_inspector, role=TeamRole.OVERALL_LEAD)
    with pytest.raises(ApplicationError) as caught:
        transitions.inspection_transition(inspection=haringey_jtai, verb="notify", by=admin)
    assert "CQC has no lead inspector" in caught.value.fields["team"]
    assert caught.value.message.startswith("The team is not complete")


def test_notify_emails_the_team_and_the_area_after_commit(
    full_team, admin, django_capture_on_commit_callbacks
):
    from agencies.models import AreaContact
    from inspections import hooks

    # The autouse fixture cleared the registered hooks: this test is about the one that emails.
    lifecycle.after("notify")(hooks.queue_notification_emails)
    AreaContact.objects.create(
        authority=full_team.authority, role="dcs", name="Dana Director", email="dcs@example.org"
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        transitions.inspection_transition(inspection=full_team, verb="notify", by=admin)
    assert mail.outbox == []  # nothing before the transaction commits
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 2
    to_team, to_area = mail.outbox
    assert "lead_inspector@example.test" in to_team.to
    assert to_area.to == ["dcs@example.org"]
    assert "4 December 2017" in to_area.body and "21 November 2017" in to_area.body
    # Idempotent: a redelivered task sends nothing more.
    assert tasks.send_notification_emails(full_team.pk) == 0
    assert len(mail.outbox) == 2


def test_fieldwork_starts_on_the_first_day_by_the_beat_task(full_team, admin):
    transitions.inspection_transition(inspection=full_team, verb="notify", by=admin)
    assert transitions.inspections_start_due_fieldwork(today=D(2017, 12, 1)) == []
    assert transitions.inspections_start_due_fieldwork(today=D(2017, 12, 4)) == [full_team.pk]
    assert transitions.inspections_start_due_fieldwork(today=D(2017, 12, 4)) == []  # idempotent
    full_team.refresh_from_db()
    assert full_team.status == Status.FIELDWORK
    assert full_team.transitions.get(verb="start_fieldwork").by is None
    assert "start-due-fieldwork" in __import__("django.conf").conf.settings.CELERY_BEAT_SCHEDULE


def test_starting_fieldwork_early_needs_a_reason(full_team, admin, monkeypatch):
    from django.utils import timezone

    transitions.inspection_transition(inspection=full_team, verb="notify", by=admin)
    monkeypatch.setattr(timezone, "localdate", lambda *a: D(2017, 11, 30))
    with pytest.raises(ApplicationError) as caught:
        transitions.inspection_transition(inspection=full_team, verb="start_fieldwork", by=admin)
    assert "give a reason to start fieldwork early" in caught.value.fields["reason"][0]
    transitions.inspection_transition(
        inspection=full_team, verb="start_fieldwork", by=admin, reason="Area agreed"
    )
    assert full_team.status == Status.FIELDWORK


def test_action_plan_due_seventy_working_days_after_publication(full_team, admin):
    from django.utils import timezone

    inspection = _at(full_team, Status.FACTUAL_ACCURACY)
    transitions.inspection_transition(inspection=inspection, verb="publish", by=admin)
    Transition.objects.filter(inspection=inspection, verb="publish").update(
        at=timezone.make_aware(datetime.datetime(2018, 1, 30, 9, 0))
    )
    with pytest.raises(ConflictError, match="written statement of action before closing"):
        transitions.inspection_transition(inspection=inspection, verb="close", by=admin)
    transitions.inspection_transition(inspection=inspection, verb="await_action_plan", by=admin)
    assert inspection.action_plan_due_date == D(2018, 5, 11)
    transitions.inspection_transition(inspection=inspection, verb="close", by=admin)
    assert inspection.status == Status.CLOSED


def test_registered_guards_and_hooks_run(full_team, admin):
    seen = []

    def needs_final_report(inspection, *, by, reason):
        raise ApplicationError("Generate the final report before publishing")

    def remember(inspection, *, by, transition):
        seen.append(transition.verb)

    lifecycle.guard("publish")(needs_final_report)
    lifecycle.after("close_evidence")(remember)
    inspection = _at(full_team, Status.FACTUAL_ACCURACY)
    with pytest.raises(ApplicationError, match="final report"):
        transitions.inspection_transition(inspection=inspection, verb="publish", by=admin)
    assert Inspection.objects.get(pk=inspection.pk).status == Status.FACTUAL_ACCURACY
    inspection = _at(full_team, Status.FIELDWORK)
    transitions.inspection_transition(inspection=inspection, verb="close_evidence", by=admin)
    assert seen == ["close_evidence"]


def test_unknown_verbs_are_refused():
    with pytest.raises(ValueError, match="Unknown lifecycle verb"):
        lifecycle.guard("teleport")

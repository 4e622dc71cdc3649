"""Notification emails go through a real Celery worker on Redis, after the transaction
commits, exactly once (a second delivery of the task sends nothing)."""

import datetime
import time
import uuid

import pytest

from tests.reports.conftest import celery_on_redis, committed_db  # noqa: F401

pytestmark = [pytest.mark.celery_worker, pytest.mark.services]


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.django_db
def test_notification_task_retries_with_backoff():
    # Marked django_db: it also makes pytest-django set up the test database when this module
    # runs on its own (the worker test below uses it through `committed_db`).
    from inspections.tasks import send_notification_emails

    assert send_notification_emails.max_retries == 8
    assert send_notification_emails.retry_backoff is True
    assert ConnectionError in send_notification_emails.autoretry_for


def test_worker_sends_the_notification_once(committed_db, celery_on_redis):  # noqa: F811
    from agencies.models import Inspectorate, LocalAuthority, User
    from inspections import tasks
    from inspections.models import Framework, Inspection, TeamRole, Theme
    from inspections.services import scheduling, teams, transitions
    from inspections.workdays import is_working_day

    tag = uuid.uuid4().hex[:8]
    people = []

    def person(code, role="inspector"):
        user = User.objects.create_user(
            f"c-{code}-{len(people)}-{tag}",
            email=f"{code}-{len(people)}-{tag}@example.test",
            role=role,
            inspectorate=Inspectorate.objects.get(code=code) if code != "admin" else None,
        )
        people.append(user)
        return user

    # Nothing else is written to the shared, committed database: no partner agencies (the team
    # needs none to be complete), and the inspection and people are deleted afterwards.
    haringey = LocalAuthority.objects.get(name="Haringey")
    start = datetime.date.today() + datetime.timedelta(weeks=60)
    start -= datetime.timedelta(days=start.weekday())
    while not is_working_day(start):
        start += datetime.timedelta(days=7)
    jtai = Framework.objects.get(code="jtai")
    inspection = scheduling.inspection_schedule(
        authority=haringey,
        framework_version=jtai.versions.get(version=1),
        theme=Theme.objects.filter(framework=jtai, end_date__isnull=True).first(),
        window_start=start,
        reference=f"c-worker-{tag}",
    ).inspection
    try:
        teams.team_member_add(
            inspection=inspection, user=person("ofsted", "lead"), role=TeamRole.OVERALL_LEAD
        )
        teams.team_member_add(inspection=inspection, user=person("ofsted"), role="inspector")
        for code in ("cqc", "hmicfrs"):
            teams.team_member_add(
                inspection=inspection, user=person(code), role=TeamRole.INSPECTORATE_LEAD
            )
            teams.team_member_add(inspection=inspection, user=person(code), role="inspector")

        celery_on_redis("c-notify")
        transitions.inspection_transition(
            inspection=inspection, verb="notify", by=person("admin", "admin")
        )
        _wait(
            lambda: Inspection.objects.filter(
                pk=inspection.pk, notification_sent_at__isnull=False
            ).exists(),
            60,
            "the worker to send the notification",
        )
        sent_at = Inspection.objects.get(pk=inspection.pk).notification_sent_at
        # Redelivered: the worker finds the work done and sends nothing more.
        result = tasks.send_notification_emails.delay(inspection.pk)
        assert result.get(timeout=30) == 0
        assert Inspection.objects.get(pk=inspection.pk).notification_sent_at == sent_at
    finally:
        Inspection.objects.filter(pk=inspection.pk).delete()
        for user in people:
            user.delete()

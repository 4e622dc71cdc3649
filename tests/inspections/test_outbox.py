"""A change that commits while the broker is away stands, answers at once, and the work it owes
(here the notification emails) goes out once the broker is back: exactly once."""

import datetime
import time

import pytest
from django.core import mail

from inspections.services import transitions
from jtai import clock
from jtai.models import OutboxMessage
from jtai.queue import outbox_flush, outbox_send

UNREACHABLE = "redis://127.0.0.1:1/0"


@pytest.fixture
def broker_down():
    from jtai.celery import app

    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url = UNREACHABLE
    app.conf.task_always_eager = False
    yield app
    app.conf.broker_url, app.conf.task_always_eager = saved


@pytest.mark.django_db
def test_notifying_with_the_broker_away_stands_and_emails_once_it_is_back(
    full_team, admin, broker_down, django_capture_on_commit_callbacks
):
    from agencies.models import AreaContact

    AreaContact.objects.create(
        authority=full_team.authority, role="dcs", name="Dana Director", email="dcs@example.org"
    )
    OutboxMessage.objects.all().delete()  # only this test's messages are owed
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        transitions.inspection_transition(inspection=full_team, verb="notify", by=admin)
    assert time.monotonic() - started < 3
    full_team.refresh_from_db()
    assert full_team.status == "notified"
    message = OutboxMessage.objects.get(task="inspections.tasks.send_notification_emails")
    assert message.sent_at is None and message.attempts == 1
    assert mail.outbox == []

    # Still away: the beat task tries and leaves it owed.
    later = clock.now() + datetime.timedelta(minutes=1)
    assert outbox_flush(now=later) == 0
    assert OutboxMessage.objects.get(pk=message.pk).sent_at is None

    # The broker is back (tasks run in this process): the emails go, once.
    broker_down.conf.task_always_eager = True
    owed = OutboxMessage.objects.filter(sent_at__isnull=True).count()  # the request's too
    assert outbox_flush(now=later) == owed
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["dcs@example.org"]
    assert OutboxMessage.objects.get(pk=message.pk).sent_at is not None
    assert outbox_flush(now=later) == 0
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_message_is_sent_by_one_sender_only(full_team):
    message = OutboxMessage.objects.create(
        task="inspections.tasks.send_notification_emails", args=[full_team.pk]
    )
    assert outbox_send(message.pk) is True
    assert outbox_send(message.pk) is False


@pytest.mark.django_db
def test_a_fresh_message_is_left_to_the_request_that_wrote_it():
    OutboxMessage.objects.all().delete()
    OutboxMessage.objects.create(task="inspections.tasks.send_notification_emails", args=[0])
    assert outbox_flush() == 0

"""Work queued by name: after commit, and a name that is no task fails at once."""

import pytest

from jtai.queue import enqueue_on_commit, task_named


def test_a_task_is_found_by_its_dotted_name():
    from inspections.tasks import send_notification_emails

    assert task_named("inspections.tasks.send_notification_emails") is send_notification_emails


def test_a_misspelt_task_fails_when_queued_not_in_a_worker():
    with pytest.raises(AttributeError):
        enqueue_on_commit("inspections.tasks.send_notification_email", 1)
    with pytest.raises(ModuleNotFoundError):
        enqueue_on_commit("inspections.taskz.send_notification_emails", 1)


@pytest.mark.django_db
def test_the_task_is_sent_only_once_the_transaction_commits(
    django_capture_on_commit_callbacks, monkeypatch
):
    from jtai import queue
    from jtai.models import OutboxMessage

    sent = []
    monkeypatch.setattr(
        queue, "send_now", lambda name, *args, **_context: sent.append((name, args)) or True
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue_on_commit("inspections.tasks.send_notification_emails", 7)
    assert sent == []
    owed = OutboxMessage.objects.get(args=[7])
    assert owed.sent_at is None
    for callback in callbacks:
        callback()
    assert sent == [("inspections.tasks.send_notification_emails", (7,))]
    owed.refresh_from_db()
    assert owed.sent_at is not None

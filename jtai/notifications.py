"""Notifications: what happened that a person should know, in the service and by email.

Every app calls `notify(...)` inside the transaction of the change (a judgement returned, a
team notified, a shared judgement changed, a scheduling run finished). The rows are what the
header counts and the list shows. Email follows each person's setting: at once (sent once the
change commits, unless the event sends its own email, `emailed=True`), in one email a day
(`notification_digests_send`, a beat task), or never.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, QuerySet

from . import clock
from .models import Notification, NotificationEmail
from .queue import enqueue_on_commit


def wants_email_now(user) -> bool:
    return bool(user.email) and user.notification_email == NotificationEmail.IMMEDIATE


def _absolute(url: str) -> str:
    return settings.SITE_URL + url if url.startswith("/") else url


def _email(notification: Notification, user) -> EmailMessage:
    body = notification.body + "\n\n" if notification.body else ""
    if notification.url:
        body += f"{_absolute(notification.url)}\n\n"
    body += "You can choose how you are emailed in your notification settings.\n"
    return EmailMessage(notification.title, body, to=[user.email])


@transaction.atomic
def notify(
    *, users: Iterable, kind: str, title: str, url: str = "", body: str = "", emailed=False
) -> list[Notification]:
    """Tell each of `users` (once each; None and inactive accounts skipped). `emailed=True`
    when the event emails them itself: people who want emails at once are not emailed twice."""
    people = {u.pk: u for u in users if u is not None and u.is_active}
    if not people:
        return []
    now = clock.now()
    created = Notification.objects.bulk_create(
        [
            Notification(
                user_id=pk,
                kind=kind,
                title=title[:300],
                body=body,
                url=url[:300],
                created_at=now,
                emailed_at=now if emailed and wants_email_now(user) else None,
            )
            for pk, user in people.items()
        ]
    )
    get_user_model().objects.filter(pk__in=people).update(
        unread_notifications=F("unread_notifications") + 1
    )
    if not emailed:
        now_ids = [n.pk for n in created if wants_email_now(people[n.user_id])]
        if now_ids:
            enqueue_on_commit("jtai.tasks.email_notifications", now_ids)
    return created


def notifications_email_now(*, ids: list[int]) -> int:
    """Email the notifications not yet emailed among `ids` (at once, for people who want it)."""
    pending = list(
        Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related("user")
    )
    messages = [_email(n, n.user) for n in pending if wants_email_now(n.user)]
    if messages:
        get_connection().send_messages(messages)
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=clock.now())
    return len(messages)


def notifications_for(user) -> QuerySet[Notification]:
    """The user's own notifications, newest first (nobody reads another's)."""
    return Notification.objects.filter(user=user)


def _recount(user) -> None:
    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    get_user_model().objects.filter(pk=user.pk).update(unread_notifications=unread)
    user.unread_notifications = unread


@transaction.atomic
def notification_mark_read(*, notification: Notification, user) -> Notification:
    """Mark one of the user's notifications read (already read: nothing changes)."""
    if notification.user_id != user.pk:
        raise Notification.DoesNotExist  # another person's: as if it did not exist
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])
    _recount(user)
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    marked = Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=clock.now()
    )
    _recount(user)
    return marked


@transaction.atomic
def notification_email_set(*, user, choice: str) -> None:
    from .exceptions import ApplicationError

    if choice not in NotificationEmail.values:
        raise ApplicationError(
            "Choose how you want to be emailed",
            fields={"notification_email": ["Choose how you want to be emailed"]},
        )
    user.notification_email = choice
    user.save(update_fields=["notification_email"])


def notification_digests_send(*, now: datetime.datetime | None = None) -> int:
    """One email per person who asked for a daily digest, listing what they have not been
    emailed yet; each notification goes in one digest only (a second run sends nothing)."""
    now = now or clock.now()
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            created_at__lte=now,
            user__notification_email=NotificationEmail.DAILY,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id", "created_at", "pk")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in pending:
        by_user[notification.user_id].append(notification)
    messages = []
    for items in by_user.values():
        user = items[0].user
        lines = [f"- {n.title}" + (f"\n  {_absolute(n.url)}" if n.url else "") for n in items]
        messages.append(
            EmailMessage(
                f"{settings.SERVICE_NAME}: {len(items)} notification"
                f"{'s' if len(items) != 1 else ''} since your last digest",
                "\n".join(lines) + "\n\nYou can choose how you are emailed in your "
                "notification settings.\n",
                to=[user.email],
            )
        )
    if messages:
        get_connection().send_messages(messages)
    Notification.objects.filter(pk__in=[n.pk for items in by_user.values() for n in items]).update(
        emailed_at=now
    )
    return len(messages)

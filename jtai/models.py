"""The tables every app shares: work a committed change still owes the task queue, reads of
child-level items, and the notifications people read in the service."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class OutboxMessage(models.Model):
    """A task to send, written in the same transaction as the change that needs it.

    Sent as soon as the transaction commits; when the broker cannot be reached the row stays
    unsent and the `flush_outbox` beat task sends it once the broker is back. The change the
    user made is never lost or refused because the queue is away.
    """

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # The request id, user and inspection of the change that queued it: the task's log lines
    # carry them too, whoever sends it and however late (see jtai.logs).
    context = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outbox_unsent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"


class AccessKind(models.TextChoices):
    UPLOAD = "upload", "Uploaded document"
    CASE_SAMPLE = "case_sample", "Case sample"
    CASE_TRACKING = "case_tracking", "Case-tracking answers"
    EVIDENCE = "evidence", "Evidence naming a case"
    ACCESS_RECORDS = "access_records", "Access records"


class AccessRecord(models.Model):
    """One read of a child-level item by a person: who, what, when and from where.

    Append-only. On PostgreSQL a trigger refuses every UPDATE, and every DELETE unless the
    transaction has set `jtai.retention = 'on'`, which only the retention schedule does
    (through `jtai.access.retention_delete()`). The person is a reference without a database
    constraint and the inspection a plain id, both with a label taken at the time, so a record
    outlives what it names and deleting a user or an inspection never needs to change it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    user_label = models.CharField(max_length=254, help_text="The person's email when they read.")
    kind = models.CharField(max_length=20, choices=AccessKind.choices)
    object_id = models.CharField(max_length=64, help_text="The id of the item read.")
    # The inspection as a plain id and its reference: `jtai` knows nothing of the apps.
    inspection_id = models.PositiveIntegerField(null=True, blank=True)
    inspection_label = models.CharField(max_length=60, blank=True)
    at = models.DateTimeField(default=timezone.now)
    route = models.CharField(max_length=200, help_text="The page or API call (its URL name).")
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["user", "at"], name="access_by_user"),
            models.Index(fields=["inspection_id", "at"], name="access_by_inspection"),
            models.Index(fields=["at"], name="access_by_time"),
        ]

    def __str__(self) -> str:
        return f"{self.user_label} read {self.kind} {self.object_id} at {self.at:%Y-%m-%d %H:%M}"


class IdempotencyRecord(models.Model):
    """The first answer to a POST sent with an `Idempotency-Key`, kept until it expires so a
    retry of the same request gets it again and creates nothing (see `jtai.idempotency`)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(
        max_length=64, help_text="SHA-256 of the method, path and body of the first request."
    )
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField(null=True)
    location = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_answer_per_idempotency_key")
        ]
        indexes = [models.Index(fields=["expires_at"], name="idempotency_expiry")]

    def __str__(self) -> str:
        return f"{self.key} ({self.status_code})"


class NotificationEmail(models.TextChoices):
    """How a person wants the product's notifications by email (they always see them in it)."""

    IMMEDIATE = "immediate", "Each one as it happens"
    DAILY = "daily", "One email a day listing them"
    NONE = "none", "No emails: I read them in the service"


class Notification(models.Model):
    """Something that happened that a person should know: shown in the service (the count in
    the header, the list) and emailed as their setting says (at once, in a daily digest, or
    not at all). `emailed_at` is set once it has gone by email, or was part of an email the
    event sent itself."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.SlugField(max_length=40)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True, help_text="Where to act, a page path.")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_recent"),
            models.Index(
                fields=["created_at"],
                condition=models.Q(emailed_at__isnull=True),
                name="notification_not_emailed",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Change(models.Model):
    """A committed write transaction, by its number alone (see `jtai.changes`): how many
    rows there are and the first one's number are the stamp of the product's data. Only the
    newest rows are kept."""

    id = models.BigAutoField(primary_key=True)

    class Meta:
        db_table = "jtai_change"

    def __str__(self) -> str:
        return f"change {self.pk}"

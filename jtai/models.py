"""The one table every app shares: work a committed change still owes the task queue."""

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

"""The legal hold that suspends the schedule for an inspection, and what the schedule removed."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..models.inspection import Inspection

__all__ = ["LegalHold", "RetentionRemoval"]


class LegalHold(models.Model):
    """While a hold is in place (not lifted), nothing of the inspection is removed: a claim, a
    complaint or an investigation may need the records."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["inspection", "-at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection"],
                condition=Q(lifted_at__isnull=True),
                name="one_legal_hold_in_place",
            ),
            models.CheckConstraint(
                condition=Q(lifted_at__isnull=True) | Q(lifted_at__gte=models.F("at")),
                name="legal_hold_lifted_after_placed",
            ),
        ]

    def __str__(self) -> str:
        return f"Legal hold on {self.inspection_id} from {self.at:%Y-%m-%d}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class RetentionRemoval(models.Model):
    """How many items of one kind the schedule removed from an inspection, and the counts kept
    in their place when the kind is reduced to counts. Never the content."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="retention_removals"
    )
    kind = models.CharField(max_length=40)
    removed = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    first_removed_at = models.DateTimeField()
    last_removed_at = models.DateTimeField()

    class Meta:
        ordering = ["inspection", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "kind"], name="retention_removal_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.removed} removed from {self.inspection_id}"

"""The inspection: its status, its team, its audit trail, and inspectors' calendar tokens."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from agencies.models import Inspectorate, LocalAuthority, PartnerAgency

from .frameworks import FrameworkVersion, Theme


class Status(models.TextChoices):
    PLANNED = "planned", "Planned"
    NOTIFIED = "notified", "Notified"
    FIELDWORK = "fieldwork", "Fieldwork"
    EVIDENCE_CLOSED = "evidence_closed", "Evidence closed"
    MODERATION = "moderation", "Moderation"
    FACTUAL_ACCURACY = "factual_accuracy", "Factual accuracy"
    PUBLISHED = "published", "Published"
    ACTION_PLAN_DUE = "action_plan_due", "Action plan due"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"
    DEFERRED = "deferred", "Deferred"


INACTIVE_STATUSES = (Status.CANCELLED, Status.DEFERRED)

# How each status reads in a sentence ("The inspection is …"); the labels are headings.
STATUS_PHRASES = {
    Status.PLANNED: "planned",
    Status.NOTIFIED: "notified",
    Status.FIELDWORK: "in fieldwork",
    Status.EVIDENCE_CLOSED: "past evidence gathering",
    Status.MODERATION: "in moderation",
    Status.FACTUAL_ACCURACY: "with the area for factual accuracy",
    Status.PUBLISHED: "published",
    Status.ACTION_PLAN_DUE: "waiting for the written statement of action",
    Status.CLOSED: "closed",
    Status.CANCELLED: "cancelled",
    Status.DEFERRED: "deferred",
}


class Inspection(models.Model):
    authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="inspections"
    )
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="inspections"
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="inspections"
    )
    reference = models.SlugField(max_length=80, unique=True)
    window_start = models.DateField()
    window_end = models.DateField()
    notification_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    status_reason = models.TextField(blank=True)
    action_plan_due_date = models.DateField(
        null=True, blank=True, help_text="When the written statement of action is due."
    )
    notification_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the notification emails went out (sent once)."
    )
    area_notified_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=(
            "When the area's contacts were emailed (sent once): with the notification when "
            "announced, on the morning inspectors arrive when unannounced."
        ),
    )
    has_custodial_establishment = models.BooleanField(default=False)
    inspectorates = models.ManyToManyField(Inspectorate, related_name="inspections")
    agencies = models.ManyToManyField(PartnerAgency, blank=True, related_name="inspections")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-window_start", "authority__name"]
        indexes = [
            models.Index(fields=["status", "window_start"]),
            models.Index(fields=["window_start", "window_end"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(window_end__gte=F("window_start")), name="window_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(notification_date__isnull=True)
                | Q(notification_date__lte=F("window_start")),
                name="notified_before_window",
            ),
        ]

    def __str__(self) -> str:
        framework = self.framework_version.framework.name
        return f"{self.authority.name}: {framework}, {self.window_start:%-d %B %Y}"

    @property
    def status_phrase(self) -> str:
        """The status as it reads in a sentence: "The inspection is {{ status_phrase }}"."""
        return STATUS_PHRASES.get(self.status, self.get_status_display().lower())


class TeamRole(models.TextChoices):
    OVERALL_LEAD = "overall_lead", "Overall lead inspector"
    INSPECTORATE_LEAD = "inspectorate_lead", "Lead inspector"
    INSPECTOR = "inspector", "Inspector"


class TeamMember(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="team_memberships"
    )
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=20, choices=TeamRole.choices)
    agencies = models.ManyToManyField(PartnerAgency, blank=True, related_name="+")
    # Copied from the inspection so the database can refuse overlapping bookings.
    window_start = models.DateField()
    window_end = models.DateField()
    is_active = models.BooleanField(default=True)
    # False once the inspection is cancelled or deferred: the inspector is free again.
    holds_booking = models.BooleanField(default=True)

    class Meta:
        ordering = ["inspection", "inspectorate__order", "role", "user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "user"], name="member_once_per_team"),
            models.UniqueConstraint(
                fields=["inspection"],
                condition=Q(role="overall_lead"),
                name="one_overall_lead",
            ),
            models.UniqueConstraint(
                fields=["inspection", "inspectorate"],
                condition=Q(role="inspectorate_lead"),
                name="one_lead_per_inspectorate",
            ),
        ]


class Transition(models.Model):
    """The audit trail of an inspection's status: who moved it, when and why."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="transitions")
    verb = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["inspection", "at", "id"]


class CalendarToken(models.Model):
    """The secret in an inspector's calendar feed URL, so calendar apps can subscribe."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

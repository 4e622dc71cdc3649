"""Programme planning: which areas a programme inspects, and when, and by whom.

A programme proposes a shortlist of authorities (`ProgrammeChoice`, one row per authority,
in or out, each with its reason), then a schedule run (`ScheduleRun`) lays the chosen areas
on windows and teams (`ScheduledSlot`). Accepting the run creates the planned inspections.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from agencies.models import Inspectorate, LocalAuthority

from ..models.frameworks import FrameworkVersion, Theme
from ..models.inspection import Inspection

__all__ = [
    "CapacityLeave",
    "Concern",
    "InspectorateCapacity",
    "Programme",
    "ProgrammeChoice",
    "ProgrammeStatus",
    "RunStatus",
    "ScheduleRun",
    "ScheduledSlot",
    "Severity",
    "SolverStatus",
]


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    ACCEPTED = "accepted", "Accepted"


class Programme(models.Model):
    name = models.CharField(max_length=200)
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="programmes"
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="programmes"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    target_areas = models.PositiveSmallIntegerField("target number of areas")
    well_performing_share = models.PositiveSmallIntegerField(
        "share of well-performing areas (%)",
        default=25,
        help_text="Areas graded good or outstanding, so that good practice is shared.",
    )
    recent_years = models.PositiveSmallIntegerField(
        default=3,
        help_text="Areas inspected under the same framework within this many years are left out.",
    )
    status = models.CharField(
        max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=F("period_start")), name="programme_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(well_performing_share__lte=100), name="programme_share_is_a_percentage"
            ),
            models.CheckConstraint(
                condition=Q(target_areas__gte=1), name="programme_targets_an_area"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InspectorateCapacity(models.Model):
    """What one inspectorate can give a programme: named inspectors or a head count."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="capacities")
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        help_text="Named inspectors; when empty, the head count is used for planning.",
    )
    inspector_count = models.PositiveSmallIntegerField(
        "inspectors available", default=0, help_text="Used when no inspectors are named."
    )
    team_size = models.PositiveSmallIntegerField(
        "inspectors per inspection", default=2, help_text="A lead and inspectors."
    )
    max_concurrent = models.PositiveSmallIntegerField("most inspections at once", default=2)

    class Meta:
        ordering = ["programme", "inspectorate__order"]
        verbose_name_plural = "inspectorate capacities"
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "inspectorate"], name="capacity_once_per_inspectorate"
            ),
            models.CheckConstraint(condition=Q(team_size__gte=1), name="capacity_team_size"),
        ]

    def __str__(self) -> str:
        return f"{self.inspectorate} capacity for {self.programme}"


class CapacityLeave(models.Model):
    """A period when a named inspector (or a number of unnamed ones) is unavailable."""

    capacity = models.ForeignKey(
        InspectorateCapacity, on_delete=models.CASCADE, related_name="leave"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    headcount = models.PositiveSmallIntegerField(default=1)
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["capacity", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="leave_ends_after_start")
        ]


class Severity(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Concern(models.Model):
    """A concern an inspectorate has about an area, which makes it a candidate for inspection."""

    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")
    authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="planning_concerns"
    )
    date = models.DateField()
    summary = models.TextField()
    severity = models.CharField(max_length=6, choices=Severity.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["authority", "date"])]

    def __str__(self) -> str:
        return f"{self.inspectorate} concern about {self.authority} ({self.get_severity_display()})"


class ProgrammeChoice(models.Model):
    """One authority in a programme's proposal: in or out, why, and whether the admin locked it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="choices")
    authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="+")
    included = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    reason = models.TextField()
    priority = models.IntegerField("priority score", default=0)
    rank = models.PositiveSmallIntegerField(default=0)
    grade = models.CharField(max_length=24, blank=True)

    class Meta:
        ordering = ["programme", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "authority"], name="authority_once_per_programme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.authority} ({'in' if self.included else 'out'})"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class SolverStatus(models.TextChoices):
    OPTIMAL = "optimal", "Optimal"
    FEASIBLE = "feasible", "Feasible"
    INFEASIBLE = "infeasible", "Infeasible"
    UNKNOWN = "unknown", "Unknown"


class ScheduleRun(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    solver_status = models.CharField(max_length=10, choices=SolverStatus.choices, blank=True)
    objective = models.BigIntegerField(null=True, blank=True)
    gap = models.FloatField(null=True, blank=True, help_text="Relative optimality gap.")
    explanation = models.TextField(blank=True)
    seconds = models.FloatField(null=True, blank=True)
    time_limit = models.PositiveSmallIntegerField(default=20)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["programme", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="run_progress_percent")
        ]

    def __str__(self) -> str:
        return f"Schedule run {self.pk} for {self.programme}"

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)

    @property
    def has_schedule(self) -> bool:
        return self.status == RunStatus.DONE and self.solver_status in (
            SolverStatus.OPTIMAL,
            SolverStatus.FEASIBLE,
        )


class ScheduledSlot(models.Model):
    """One chosen area's window and team in a run. `team` maps inspectorate code to people:
    `[{"user": id or null, "name": str, "lead": bool}, ...]`."""

    run = models.ForeignKey(ScheduleRun, on_delete=models.CASCADE, related_name="slots")
    authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="+")
    window_start = models.DateField()
    window_end = models.DateField()
    team = models.JSONField(default=dict)
    priority_rank = models.PositiveSmallIntegerField(default=0)
    inspection = models.ForeignKey(
        Inspection, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["run", "window_start", "authority__name"]
        constraints = [
            models.UniqueConstraint(fields=["run", "authority"], name="slot_once_per_run"),
            models.CheckConstraint(
                condition=Q(window_end__gte=F("window_start")), name="slot_window_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.authority}: {self.window_start}"

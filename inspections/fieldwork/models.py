"""Fieldwork: the theme's case-tracking tool and lines of enquiry (data), the deep-dive
cohort with its answers and the partnership's audit, and the on-site timetable.

A tracked case is a reference only: there is deliberately no field for a child's name, and
attendees outside the team are job titles.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from agencies.models import PartnerAgency

from ..models.frameworks import Theme
from ..models.inspection import Inspection, TeamMember

__all__ = [
    "AuditEvaluation",
    "CaseTrackingAnswer",
    "CaseTrackingQuestion",
    "LineOfEnquiry",
    "PlanType",
    "SessionKind",
    "ThemeCohortCriteria",
    "TimetableSession",
    "TrackedCase",
]


class PlanType(models.TextChoices):
    EARLY_HELP = "early_help", "Early help"
    CHILD_IN_NEED = "child_in_need", "Child in need plan"
    CHILD_PROTECTION = "child_protection", "Child protection plan"
    LOOKED_AFTER = "looked_after", "Looked after"
    NONE = "none", "No plan"


class ThemeCohortCriteria(models.Model):
    """Which children a theme's deep dive tracks: an age range and the plans they are on."""

    theme = models.OneToOneField(Theme, on_delete=models.CASCADE, related_name="cohort_criteria")
    min_age = models.PositiveSmallIntegerField()
    max_age = models.PositiveSmallIntegerField()
    plan_types = models.JSONField(default=list, help_text="PlanType values; empty means any.")
    cases_to_track = models.CharField(max_length=40, blank=True, help_text="e.g. '5 to 7'")
    summary = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(max_age__gte=F("min_age")), name="cohort_age_range_ordered"
            )
        ]


class CaseTrackingQuestion(models.Model):
    """A question of the theme's tool for tracking children's experiences."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="case_questions")
    code = models.SlugField(max_length=60)
    text = models.CharField(max_length=400)
    order = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["theme", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "code"], name="case_question_once_per_theme")
        ]

    def __str__(self) -> str:
        return self.text


class LineOfEnquiry(models.Model):
    """A key line of enquiry of a theme, and the report section its findings feed."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="lines_of_enquiry")
    code = models.SlugField(max_length=60)
    text = models.CharField(max_length=400)
    report_section = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["theme", "order", "code"]
        verbose_name_plural = "lines of enquiry"
        constraints = [
            models.UniqueConstraint(fields=["theme", "code"], name="line_of_enquiry_once")
        ]

    def __str__(self) -> str:
        return self.text


class AuditEvaluation(models.TextChoices):
    GOOD = "good", "Good"
    ADEQUATE = "adequate", "Adequate"
    INADEQUATE = "inadequate", "Inadequate"


class TrackedCase(models.Model):
    """A child in the deep-dive cohort, by reference, with the partnership's own audit of the
    case and the inspectors' evaluation of that audit."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="tracked_cases"
    )
    reference = models.CharField(max_length=20)
    age = models.PositiveSmallIntegerField()
    plan_type = models.CharField(max_length=20, choices=PlanType.choices)
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    selected_at = models.DateTimeField(auto_now_add=True)
    partnership_audit = models.TextField(blank=True)
    audit_evaluation = models.CharField(max_length=12, choices=AuditEvaluation.choices, blank=True)
    audit_evaluation_comment = models.TextField(blank=True)
    audit_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    audit_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["inspection", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "reference"], name="tracked_case_once")
        ]

    def __str__(self) -> str:
        return self.reference


class CaseTrackingAnswer(models.Model):
    """One agency's answer to one question for a tracked case, by its inspectorate."""

    case = models.ForeignKey(TrackedCase, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(CaseTrackingQuestion, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(PartnerAgency, on_delete=models.PROTECT, related_name="+")
    answer = models.TextField()
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "question", "agency"], name="answer_once_per_agency"
            )
        ]


class SessionKind(models.TextChoices):
    INTERVIEW = "interview", "Interview"
    FOCUS_GROUP = "focus_group", "Focus group"
    OBSERVATION = "observation", "Observation of practice"
    CHILDREN_AND_FAMILIES = "children_families", "Meeting with children and families"
    KEEPING_IN_TOUCH = "keeping_in_touch", "Keeping-in-touch meeting with the DCS"
    FEEDBACK = "feedback", "Feedback meeting"
    TEAM = "team", "Team meeting"


class TimetableSession(models.Model):
    """A session of the week on site: who attends, where and when."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="timetable_sessions"
    )
    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField()
    kind = models.CharField(max_length=20, choices=SessionKind.choices)
    title = models.CharField(max_length=200)
    room = models.CharField(max_length=120, blank=True)
    attendees = models.ManyToManyField(TeamMember, blank=True, related_name="sessions")
    external_attendees = models.TextField(
        blank=True, help_text="Job titles of the people attending, one a line: never names."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["inspection", "date", "start_time", "id"]
        indexes = [models.Index(fields=["date", "start_time"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%-d %B %Y} {self.start_time:%H:%M})"

    @property
    def external_attendee_list(self) -> list[str]:
        return [line.strip() for line in self.external_attendees.splitlines() if line.strip()]

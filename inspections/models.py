"""Frameworks (as data), inspections and their teams, judgements, evidence and case samples.

Everything a framework means is a row here, not a code branch: a new framework or theme is
configuration. Writes go through `services.py`; reads through `selectors.py`.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from agencies.models import AgencyType, Grade, Inspectorate, LocalAuthority, PartnerAgency


class ReportForm(models.TextChoices):
    SUMMARY_AND_AGENCY_REPORTS = "summary_and_agency", "Summary report and agency reports"
    LETTER_OF_FINDINGS = "letter", "Letter of findings"


class FrameworkStatus(models.TextChoices):
    """What became of a framework in the real world (the product can run every one)."""

    IN_FORCE = "in_force", "In force"
    PILOTED = "piloted", "Piloted, never run"
    PROPOSED = "proposed", "Proposed, never run"
    WITHDRAWN = "withdrawn", "Withdrawn"


FRAMEWORK_STATUS_TAG = {
    FrameworkStatus.IN_FORCE: "govuk-tag--green",
    FrameworkStatus.PILOTED: "govuk-tag--yellow",
    FrameworkStatus.PROPOSED: "govuk-tag--grey",
    FrameworkStatus.WITHDRAWN: "govuk-tag--red",
}


class Framework(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(
        max_length=12, choices=FrameworkStatus.choices, default=FrameworkStatus.PROPOSED
    )
    status_from = models.DateField(
        null=True,
        blank=True,
        help_text="When the status began: proposal published, pilots begun, in force from. "
        "The first of the month when the source gives only the month.",
    )
    status_to = models.DateField(
        null=True,
        blank=True,
        help_text="When it ended: dropped or withdrawn. Empty while it lasts.",
    )
    status_summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One plain sentence, e.g. 'Proposed in 2012 and dropped in April 2013 "
        "before any inspection ran.'",
    )
    status_source = models.CharField(
        max_length=300, blank=True, help_text="The title of the public document it comes from."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status_to__isnull=True)
                | Q(status_from__isnull=True)
                | Q(status_to__gte=F("status_from")),
                name="framework_status_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def status_tag_class(self) -> str:
        return FRAMEWORK_STATUS_TAG.get(self.status, "")


class FrameworkVersion(models.Model):
    """One immutable-once-used version of a framework. Inspections keep their own version."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveSmallIntegerField(default=1)
    active_from = models.DateField()
    active_to = models.DateField(null=True, blank=True)
    graded = models.BooleanField(
        default=True, help_text="Graded on the four-point scale, or ungraded findings."
    )
    aggregate_judgement_allowed = models.BooleanField(default=False)
    window_days = models.PositiveSmallIntegerField(
        help_text="Calendar days from the window's first Monday to its last day, inclusive."
    )
    notice_working_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Working days' notice; empty means unannounced."
    )
    report_form = models.CharField(max_length=20, choices=ReportForm.choices)
    action_plan_working_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Working days after publication for the written statement of action.",
    )
    min_tracked_cases = models.PositiveSmallIntegerField(default=0)
    method = models.TextField(blank=True, help_text="How inspectors work, for the report annex.")
    revised_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        help_text="The version this one was copied from when a version in use was edited.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["framework", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "version"], name="framework_version_once"),
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_to__gte=F("active_from")),
                name="framework_active_period_ordered",
            ),
            models.CheckConstraint(condition=Q(window_days__gte=1), name="window_at_least_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.framework.name} (version {self.version})"

    @property
    def is_announced(self) -> bool:
        return self.notice_working_days is not None

    def is_active_between(self, start, end) -> bool:
        """Whether the version is active on every day from `start` to `end`."""
        return self.active_from <= start and (self.active_to is None or end <= self.active_to)


class Participation(models.TextChoices):
    REQUIRED = "required", "Required"
    OPTIONAL = "optional", "Optional"
    CONDITIONAL = "conditional", "Where a custodial establishment is in the area"


class FrameworkInspectorate(models.Model):
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="inspectorate_rules"
    )
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")
    participation = models.CharField(max_length=12, choices=Participation.choices)

    class Meta:
        ordering = ["version", "inspectorate__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "inspectorate"], name="inspectorate_once_per_version"
            )
        ]


class FrameworkAgencyType(models.Model):
    """An agency type in scope, and which inspectorate judges it under this framework."""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="agency_type_rules"
    )
    agency_type = models.ForeignKey(AgencyType, on_delete=models.PROTECT, related_name="+")
    judged_by = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["version", "agency_type__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "agency_type"], name="agency_type_once_per_version"
            )
        ]


class JudgementArea(models.Model):
    """A judgement area: per agency (each in-scope agency type), or shared by all inspectorates."""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="judgement_areas"
    )
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=250)
    criteria = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    is_shared = models.BooleanField(
        default=False, help_text="Agreed by all participating inspectorates (the LSCB)."
    )
    excluded_agency_types = models.ManyToManyField(
        AgencyType,
        blank=True,
        related_name="+",
        help_text="Agency types this area does not apply to (looked-after children: not police).",
    )
    grade_descriptors = models.JSONField(
        default=dict, blank=True, help_text="Per grade code, what the grade means in this area."
    )

    class Meta:
        ordering = ["version", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="area_code_once_per_version")
        ]

    def __str__(self) -> str:
        return self.title


class CaseCriterion(models.Model):
    """A question each sampled or tracked case is assessed against."""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="case_criteria"
    )
    code = models.SlugField(max_length=60)
    text = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="criterion_once_per_version")
        ]


class Theme(models.Model):
    """A JTAI theme (the "deep dive"), with the dates it ran and the inspectorates taking part."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="themes")
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    inspectorates = models.ManyToManyField(Inspectorate, blank=True, related_name="+")
    source = models.CharField(
        max_length=300,
        blank=True,
        help_text="The title of the public document the theme's dates and inspectorates come from.",
    )

    class Meta:
        ordering = ["framework", "start_date", "name"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="theme_code_per_framework")
        ]

    def __str__(self) -> str:
        return self.name


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


class JudgementStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    RETURNED = "returned", "Returned"
    SIGNED_OFF = "signed_off", "Signed off"


class Judgement(models.Model):
    """One agency's judgement in one area, recorded by its inspectorate's inspectors."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    agency = models.ForeignKey(PartnerAgency, on_delete=models.PROTECT, related_name="judgements")
    area = models.ForeignKey(JudgementArea, on_delete=models.PROTECT, related_name="judgements")
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    strengths = models.JSONField(default=list, blank=True)
    improvements = models.JSONField(default=list, blank=True)
    evidence_summary = models.TextField(blank=True)
    status = models.CharField(
        max_length=12, choices=JudgementStatus.choices, default=JudgementStatus.NOT_STARTED
    )
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    returned_comment = models.TextField(blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["inspection", "agency__agency_type__order", "agency__name", "area__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "agency", "area"], name="one_judgement_per_agency_area"
            )
        ]


class JudgementRevision(models.Model):
    """Every saved version of a judgement, kept for its history."""

    judgement = models.ForeignKey(Judgement, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    grade = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    strengths = models.JSONField(default=list)
    improvements = models.JSONField(default=list)
    evidence_summary = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=JudgementStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["judgement", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["judgement", "version"], name="revision_once")
        ]


class SharedJudgement(models.Model):
    """A judgement all participating inspectorates make together (the LSCB)."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="shared_judgements"
    )
    area = models.ForeignKey(JudgementArea, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    text = models.TextField(blank=True)
    strengths = models.JSONField(default=list, blank=True)
    improvements = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=0)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inspection", "area"], name="shared_judgement_once")
        ]


class SharedJudgementAgreement(models.Model):
    shared_judgement = models.ForeignKey(
        SharedJudgement, on_delete=models.CASCADE, related_name="agreements"
    )
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agrees = models.BooleanField()
    comment = models.TextField(blank=True)
    judgement_version = models.PositiveIntegerField()
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["shared_judgement", "inspectorate"], name="one_agreement_per_inspectorate"
            )
        ]


class EvidenceSource(models.TextChoices):
    CASE_FILE = "case_file", "Case file"
    INTERVIEW = "interview", "Interview"
    OBSERVATION = "observation", "Observation"
    DOCUMENT = "document", "Document"
    MEETING = "meeting", "Meeting"


class EvidenceRecord(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="evidence")
    agency = models.ForeignKey(PartnerAgency, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=12, choices=EvidenceSource.choices)
    date = models.DateField()
    note = models.TextField()
    areas = models.ManyToManyField(JudgementArea, blank=True, related_name="evidence")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["inspection", "-date", "-id"]


class CaseKind(models.TextChoices):
    TRACKED = "tracked", "Tracked"
    SAMPLED = "sampled", "Sampled"


class CaseSample(models.Model):
    """A child's case, by reference only: there is deliberately no field for a name."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="case_samples"
    )
    reference = models.CharField(max_length=20)
    kind = models.CharField(max_length=8, choices=CaseKind.choices)
    agencies = models.ManyToManyField(PartnerAgency, related_name="+")
    summary = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["inspection", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "reference"], name="case_ref_once")
        ]


class AssessmentOutcome(models.TextChoices):
    MET = "met", "Met"
    PARTLY_MET = "partly_met", "Partly met"
    NOT_MET = "not_met", "Not met"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class CaseAssessment(models.Model):
    case = models.ForeignKey(CaseSample, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.ForeignKey(CaseCriterion, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=16, choices=AssessmentOutcome.choices)
    note = models.TextField(blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "criterion"], name="assessment_once")
        ]


from .planning.models import *  # noqa: E402,F401,F403

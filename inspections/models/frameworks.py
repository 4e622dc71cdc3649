"""Frameworks as data: versions, which inspectorates take part, which agency types are judged
and by whom, judgement areas, case criteria and themes."""

from django.db import models
from django.db.models import F, Q

from agencies.models import AgencyType, Inspectorate


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
    pre_publication_copy_working_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=(
            "Working days before publication that the director of children's services is sent "
            "a copy of the final report; empty means none."
        ),
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

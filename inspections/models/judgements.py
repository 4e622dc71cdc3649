"""What inspectors record: judgements and their revisions, shared judgements, evidence,
and case samples with their assessments."""

from django.conf import settings
from django.db import models

from agencies.models import Grade, Inspectorate, PartnerAgency

from .frameworks import CaseCriterion, JudgementArea
from .inspection import Inspection


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
    line_of_enquiry = models.ForeignKey(
        "inspections.LineOfEnquiry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
        help_text="The theme's key line of enquiry this evidence answers.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Raised by one on every change: a save from an older version is refused (409).
    version = models.PositiveIntegerField(default=0)

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
    # Raised by one on every change of the case's details: a save from an older version is
    # refused (409).
    version = models.PositiveIntegerField(default=0)

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

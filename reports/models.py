"""The combined report: its sections of text, generation jobs, immutable versions, factual
accuracy, publication and the written statement of action.

A `ReportVersion` carries a snapshot of everything it says (plain JSON); its pages and PDFs are
rendered from that alone, so a published report never changes, whatever happens after it.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from agencies.models import Inspectorate, PartnerAgency
from inspections.models import Inspection
from jtai import clock
from jtai.storage import EncryptedMediaStorage

from .opendata import OpenDataJudgement  # noqa: F401 (defined beside its reader, registered here)


class SectionKind(models.TextChoices):
    """The parts of a report a person writes, by report form (`inspections.ReportForm`)."""

    # summary_and_agency: the summary report, then one report per inspected agency
    KEY_FINDINGS = "key_findings", "Key findings"
    PARTNERSHIP_IMPROVEMENTS = (
        "partnership_improvements",
        "What needs to improve across the partnership",
    )
    SHARED_JUDGEMENT = "shared_judgement", "Shared judgement"
    AGENCY = "agency", "Agency report"
    # letter: the letter of findings, ungraded
    ADDRESSEES = "addressees", "Addressees"
    SCOPE = "scope", "The inspection's scope"
    HEADLINE_FINDINGS = "headline_findings", "Headline findings"
    STRENGTHS = "strengths", "Strengths of the partnership"
    IMPROVEMENTS = "improvements", "Areas for improvement"
    CASE_STUDIES = "case_studies", "Case studies"
    STATEMENT_OF_ACTION = "statement_of_action", "Next steps: the written statement of action"


# The section that holds the report's key findings (a letter's headline findings), by form.
KEY_FINDINGS_KEYS = {
    "summary_and_agency": "key-findings",
    "letter": "headline-findings",
}


class SectionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    READY = "ready", "Ready for quality assurance"
    AGREED = "agreed", "Agreed"


class ReportSection(models.Model):
    """One part of the report's text, written by its owner: the overall lead (no
    `inspectorate`) or the lead of `inspectorate` (an agency's report). Saved with optimistic
    concurrency (`version`); every save is kept as a `ReportSectionRevision`."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="report_sections"
    )
    key = models.SlugField(max_length=60, help_text="Stable within the inspection.")
    kind = models.CharField(max_length=30, choices=SectionKind.choices)
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    agency = models.ForeignKey(
        PartnerAgency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    inspectorate = models.ForeignKey(
        Inspectorate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The inspectorate whose lead writes it; empty for the overall lead.",
    )
    text = models.TextField(
        blank=True,
        help_text="Separate paragraphs with a blank line; start a line with '- ' for a list.",
    )
    status = models.CharField(
        max_length=10, choices=SectionStatus.choices, default=SectionStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["inspection", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "key"], name="report_section_once")
        ]

    def __str__(self) -> str:
        return self.title


class ReportSectionAgreement(models.Model):
    """An inspectorate's lead agreeing (quality assurance) the version of a section they read."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="agreements")
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    section_version = models.PositiveIntegerField()
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["section", "inspectorate"], name="one_section_agreement_per_inspectorate"
            )
        ]


class ReportSectionRevision(models.Model):
    """Every saved version of a section; `comment` when the save answers a factual-accuracy
    comment (the correction it made)."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=SectionStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for the text pre-filled when the section was created.",
    )
    at = models.DateTimeField()
    comment = models.ForeignKey(
        "FactualAccuracyComment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
    )

    class Meta:
        ordering = ["section", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["section", "version"], name="section_revision_once")
        ]


class VersionKind(models.TextChoices):
    DRAFT = "draft", "Draft"
    FACTUAL_ACCURACY = "factual_accuracy", "Factual accuracy"
    FINAL = "final", "Final"


class JobStatus(models.TextChoices):
    # Recorded, not yet accepted by the broker (the job row is the outbox): handed to the
    # broker after the request commits, and again by `recover_report_jobs` until it is.
    WAITING = "waiting", "Waiting for the queue"
    QUEUED = "queued", "Queued"
    RENDERING = "rendering", "Rendering"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


ACTIVE_JOB_STATUSES = (JobStatus.WAITING, JobStatus.QUEUED, JobStatus.RENDERING)


class ReportJob(models.Model):
    """One request to generate a version. Workers pick it up by id; it yields one version.

    While a worker renders it, `heartbeat_at` moves every few seconds: a job rendering with an
    old heartbeat lost its worker and is handed on (`reports.tasks.recover_report_jobs`).
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="report_jobs")
    kind = models.CharField(max_length=20, choices=VersionKind.choices)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    waiting_since = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(
        null=True, blank=True, help_text="When the broker last accepted the job."
    )
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="The rendering worker's last sign of life."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="job_progress_percent")
        ]

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_JOB_STATUSES


def _version_upload_to(instance, filename):
    return f"reports/{instance.inspection.reference}/{filename}"


class ReportVersion(models.Model):
    """An immutable generated version of the report (its PDF, hash and content snapshot)."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="report_versions"
    )
    job = models.OneToOneField(
        ReportJob, on_delete=models.PROTECT, null=True, blank=True, related_name="version"
    )
    number = models.PositiveIntegerField(help_text="1, 2, ... across all kinds, per inspection.")
    kind = models.CharField(max_length=20, choices=VersionKind.choices)
    draft_number = models.PositiveIntegerField(null=True, blank=True)
    pdf = models.FileField(
        upload_to=_version_upload_to, storage=EncryptedMediaStorage(), max_length=300
    )
    pdf_sha256 = models.CharField(max_length=64)
    pdf_size = models.PositiveIntegerField(default=0)
    page_count = models.PositiveIntegerField(default=0)
    snapshot = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["inspection", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "number"], name="version_number_once"),
            models.UniqueConstraint(
                fields=["inspection"], condition=Q(kind="final"), name="one_final_version"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs):
        # Immutable once written: a version is a record of what was said.
        if self.pk and not kwargs.pop("force_immutable_update", False):
            raise ValueError("Report versions are immutable.")
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        if self.kind == VersionKind.DRAFT:
            return f"Draft {self.draft_number}"
        if self.kind == VersionKind.FACTUAL_ACCURACY:
            return "Factual accuracy version"
        return "Final version"


class FactualAccuracyRequest(models.Model):
    """The factual-accuracy version sent to the area's leaders, with an expiring link."""

    version = models.ForeignKey(
        ReportVersion, on_delete=models.PROTECT, related_name="factual_accuracy_requests"
    )
    recipients = models.JSONField(default=list, help_text="[{name, role, email}] at sending.")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    comments_due = models.DateField()
    emails_queued_at = models.DateTimeField(
        null=True, blank=True, help_text="When the broker accepted the emails' task."
    )

    class Meta:
        ordering = ["-sent_at"]


class FactualAccuracyLink(models.Model):
    """One recipient's download link of a factual-accuracy request: their own signed token
    (naming this row), working until the request's `expires_at` unless the lead revokes it."""

    request = models.ForeignKey(
        FactualAccuracyRequest, on_delete=models.CASCADE, related_name="links"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    email = models.EmailField()
    emailed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class FactualAccuracyComment(models.Model):
    """A comment from the area on the factual-accuracy version, and the lead's response."""

    class Response(models.TextChoices):
        PENDING = "pending", "Not yet responded"
        ACCEPTED = "accepted", "Accepted: the report was changed"
        PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
        REJECTED = "rejected", "Not accepted: the report stands"

    request = models.ForeignKey(
        FactualAccuracyRequest, on_delete=models.CASCADE, related_name="comments"
    )
    from_name = models.CharField("From", max_length=200)
    section = models.CharField(max_length=200, blank=True)
    comment = models.TextField()
    response = models.CharField(max_length=20, choices=Response.choices, default=Response.PENDING)
    response_note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["recorded_at", "id"]


class PublicationQuerySet(models.QuerySet):
    def public(self, now=None):
        return self.filter(publish_at__lte=now or clock.now())


class Publication(models.Model):
    """The final version, public from `publish_at` (an embargo until then)."""

    inspection = models.OneToOneField(
        Inspection, on_delete=models.PROTECT, related_name="publication"
    )
    version = models.OneToOneField(
        ReportVersion, on_delete=models.PROTECT, related_name="publication"
    )
    slug = models.SlugField(max_length=160, unique=True)
    title = models.CharField(max_length=300)
    publish_at = models.DateTimeField(db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The report's words for the register's search (`reports.search`), filled at publication:
    # plain text everywhere, and its tsvector on PostgreSQL (GIN-indexed by migration 0009).
    search_text = models.TextField(blank=True, default="", editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.publish_at <= clock.now()


class ActionPlanStatus(models.TextChoices):
    AWAITED = "awaited", "Awaited"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned to the area"
    ACCEPTED = "accepted", "Accepted"


class ActionPlan(models.Model):
    """The partnership's written statement of action, due in working days from publication.

    Submitted by the area (its nominated contact, on behalf of the director of children's
    services) or recorded by the team when it arrives by email; evaluated by each participating
    inspectorate's lead. `submission` counts the submissions: a returned plan comes back as the
    next one, and each is evaluated afresh."""

    publication = models.OneToOneField(
        Publication, on_delete=models.CASCADE, related_name="action_plan"
    )
    due_date = models.DateField()
    status = models.CharField(
        max_length=10, choices=ActionPlanStatus.choices, default=ActionPlanStatus.AWAITED
    )
    document = models.FileField(
        upload_to="action-plans/", storage=EncryptedMediaStorage(), blank=True, max_length=300
    )
    document_sha256 = models.CharField(max_length=64, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_on = models.DateField(
        null=True, blank=True, help_text="The date the area submitted it (received, by email)."
    )
    submitted_on_behalf_of = models.CharField(
        max_length=200, blank=True, help_text="The director of children's services, by name."
    )
    submission = models.PositiveSmallIntegerField(
        default=0, help_text="1 for the first submission, 2 after a return, ..."
    )

    def is_overdue(self, today=None) -> bool:
        today = today or clock.today()
        return self.status == ActionPlanStatus.AWAITED and self.due_date < today


class EvaluationOutcome(models.TextChoices):
    ADEQUATE = "adequate", "Adequate"
    NOT_ADEQUATE = "not_adequate", "Not adequate"


class ActionPlanEvaluation(models.Model):
    """One participating inspectorate's evaluation of one submission of the statement."""

    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="evaluations"
    )
    submission = models.PositiveSmallIntegerField()
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=15, choices=EvaluationOutcome.choices)
    comment = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["action_plan", "submission", "inspectorate__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action_plan", "submission", "inspectorate"],
                name="one_action_plan_evaluation_per_inspectorate",
            ),
            models.CheckConstraint(
                condition=Q(outcome="adequate") | ~Q(comment=""),
                name="not_adequate_says_why",
            ),
        ]

    @property
    def is_adequate(self) -> bool:
        return self.outcome == EvaluationOutcome.ADEQUATE


class PrePublicationCopy(models.Model):
    """The final version sent to the director of children's services before publication."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="pre_publication_copies"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    due_on = models.DateField(help_text="The framework's working days before publication.")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who sent it; for the automatic send on the due day, who scheduled publication.",
    )
    sent_at = models.DateTimeField(default=timezone.now)
    automatic = models.BooleanField(
        default=False, help_text="Sent by the daily task on its due day, not by the lead's button."
    )
    pdf_sha256 = models.CharField(
        max_length=64, blank=True, help_text="The attached PDF (the final version's)."
    )

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            # Never twice: the daily task and the lead's button race to the same row.
            models.UniqueConstraint(fields=["publication"], name="pre_publication_copy_once")
        ]

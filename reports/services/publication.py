"""Publication: the final version, public from a moment (now, or an embargo's end), and the
pre-publication copy the director of children's services receives before then."""

from __future__ import annotations

import datetime
import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from agencies.models import AreaContact, ContactRole
from inspections.models import Inspection, Status
from inspections.services.transitions import inspection_transition
from inspections.workdays import subtract_working_days
from jtai import clock
from jtai.exceptions import ApplicationError, ConflictError
from jtai.queue import send_now

from ..assembly import report_title
from ..models import PrePublicationCopy, Publication, ReportVersion, VersionKind
from ..opendata import open_data_record
from ..permissions import require_can_write_report
from ..search import publication_index

logger = logging.getLogger(__name__)


def unique_slug(inspection: Inspection, taken=None) -> str:
    """The report's address: area, framework and month, numbered after the first. `taken`,
    the slugs already used when they are known (a set), spares a query for each candidate."""
    base = (
        f"{inspection.authority.name}-{inspection.framework_version.framework.code}-"
        f"{inspection.window_start:%Y-%m}"
    )
    slug = slugify(base)[:150] or "report"

    def is_taken(candidate: str) -> bool:
        if taken is not None:
            return candidate in taken
        return Publication.objects.filter(slug=candidate).exists()

    candidate, n = slug, 2
    while is_taken(candidate):
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


@transaction.atomic
def publication_create(
    *,
    inspection: Inspection,
    version: ReportVersion,
    by,
    embargo_until: datetime.datetime | None = None,
) -> Publication:
    """The publication of the inspection's final version: public now, or from `embargo_until`.

    Only the record: who may publish and in which state is `report_publish`'s business (the
    lifecycle's after-hook and the demo call this directly).
    """
    if version.inspection_id != inspection.pk:
        raise ApplicationError(
            "The version belongs to another inspection.",
            fields={"version": ["Choose a version of this inspection's report."]},
        )
    if version.kind != VersionKind.FINAL:
        raise ApplicationError(
            "Only the final version can be published.",
            fields={"version": ["Choose the final version."]},
        )
    if Publication.objects.filter(inspection=inspection).exists():
        raise ConflictError("This report has already been published.")
    publication = Publication(
        inspection=inspection,
        version=version,
        slug=unique_slug(inspection),
        title=report_title(inspection),
        publish_at=embargo_until or clock.now(),
        published_by=by,
        created_at=clock.now(),
    )
    publication.full_clean()
    publication.save()
    publication_index(publication, version.snapshot)
    open_data_record(publication)
    # The public PDF carries its publication date: rendered once this commits (until then, and
    # if the broker is away, the public PDF is the final version itself).
    transaction.on_commit(
        partial(send_now, "reports.tasks.render_published_edition", publication.pk)
    )
    return publication


@transaction.atomic
def report_publish(
    *, inspection: Inspection, user, publish_at: datetime.datetime | None = None
) -> Publication:
    """Publish the final version now, or under embargo until `publish_at`."""
    require_can_write_report(user, inspection)
    final = ReportVersion.objects.filter(inspection=inspection, kind=VersionKind.FINAL).first()
    if final is None:
        raise ApplicationError(
            "Generate the final version before publishing.",
            fields={"publish_at": ["There is no final version to publish."]},
        )
    if Publication.objects.filter(inspection=inspection).exists():
        raise ConflictError("This report has already been published.")
    now = clock.now()
    publish_at = publish_at or now
    if publish_at < now - datetime.timedelta(minutes=1):
        raise ApplicationError(
            "The publication time is in the past.",
            fields={"publish_at": ["Publication must be now or in the future."]},
        )
    if inspection.status != Status.FACTUAL_ACCURACY:
        raise ConflictError(
            "Only a report that has been through factual accuracy can be published "
            f"(the inspection is {inspection.status_phrase})."
        )
    publication = publication_create(
        inspection=inspection, version=final, by=user, embargo_until=publish_at
    )
    inspection_transition(
        inspection=inspection,
        verb="publish",
        by=user,
        reason=(
            f"Published under embargo until {timezone.localtime(publish_at):%-d %B %Y %H:%M}."
            if publish_at > now
            else "Published."
        ),
    )
    if inspection.framework_version.action_plan_working_days and publish_at <= now:
        # reports.lifecycle's after-hook creates the action plan, due from `publish_at`. Under
        # embargo the report stays "published" until it is public (`action_plans_ask_due`).
        inspection_transition(inspection=inspection, verb="await_action_plan", by=user)
    return publication


def site_url() -> str:
    """The site's absolute address for links in emails: `SITE_URL`, else the first allowed
    host."""
    configured = getattr(settings, "SITE_URL", "") or ""
    if configured:
        return configured.rstrip("/")
    host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".")
    if host in ("*", ""):
        host = "localhost"
    scheme = "http" if host in ("localhost", "127.0.0.1") else "https"
    return f"{scheme}://{host}"


def pre_publication_copy_due(publication: Publication) -> datetime.date | None:
    """The day the copy is due: the framework's working days before publication (None when
    the framework sends none)."""
    days = publication.inspection.framework_version.pre_publication_copy_working_days
    if days is None:
        return None
    return subtract_working_days(timezone.localdate(publication.publish_at), days)


@transaction.atomic
def pre_publication_copy_send(
    *, publication: Publication, user=None, automatic: bool = False
) -> PrePublicationCopy:
    """Email the final version to the area's director of children's services before the
    report is public: the PDF attached, and the address where it will be published.

    The lead may send it early (`user`); otherwise the daily task sends it on its due day
    (`automatic`, in the name of whoever scheduled publication). Once: the publication row is
    locked while the copy is recorded, so the button and the task cannot both send."""
    inspection = publication.inspection
    if not automatic:
        require_can_write_report(user, inspection)
    Publication.objects.select_for_update().filter(pk=publication.pk).first()
    due = pre_publication_copy_due(publication)
    if due is None:
        raise ApplicationError("This framework sends no pre-publication copy.")
    if publication.is_public:
        raise ConflictError("The report is already published.")
    if PrePublicationCopy.objects.filter(publication=publication).exists():
        raise ConflictError("The pre-publication copy has already been sent.")
    director = (
        AreaContact.objects.filter(authority=inspection.authority, role=ContactRole.DCS)
        .order_by("pk")
        .first()
    )
    if director is None:
        raise ApplicationError(
            "The area has no director of children's services to send the copy to."
        )
    version = publication.version
    copy = PrePublicationCopy(
        publication=publication,
        name=director.name,
        email=director.email,
        due_on=due,
        sent_by=publication.published_by if automatic else user,
        sent_at=clock.now(),
        automatic=automatic,
        pdf_sha256=version.pdf_sha256,
    )
    copy.full_clean()
    copy.save()
    url = site_url() + reverse("reports:detail", args=[publication.slug])
    when = timezone.localtime(publication.publish_at)
    message = EmailMessage(
        subject=f"Pre-publication copy: {publication.title}",
        body=(
            f"Dear {director.name},\n\n"
            f"Attached is the final version of the report of the inspection in "
            f"{inspection.authority.name}. It will be published at {when:%H:%M} on "
            f"{when:%-d %B %Y}, here:\n\n{url}\n\n"
            "Until then it is embargoed: please do not share or publish it.\n"
        ),
        to=[director.email],
    )
    with version.pdf.open("rb") as pdf:
        message.attach(f"{inspection.reference}-final.pdf", pdf.read(), "application/pdf")
    transaction.on_commit(message.send)
    return copy


def action_plans_ask_due() -> list[int]:
    """Ask for the written statement of action on every published inspection whose report
    has become public since (an embargo ended) and whose framework asks for one. Idempotent:
    the scheduler runs it every few minutes."""
    asked = []
    due = Inspection.objects.filter(
        status=Status.PUBLISHED,
        framework_version__action_plan_working_days__isnull=False,
        publication__publish_at__lte=clock.now(),
    ).exclude(framework_version__action_plan_working_days=0)
    for pk in due.values_list("pk", flat=True):
        inspection_transition(inspection=Inspection(pk=pk), verb="await_action_plan", by=None)
        asked.append(pk)
    return asked


def pre_publication_copies_send_due(*, today: datetime.date | None = None) -> list[int]:
    """The daily task's work: send every copy due by `today` (a missed day is caught up) for a
    report not yet public and not yet sent. Each in its own transaction; a copy that cannot go
    (no director on record) is logged and tried again the next day. Returns the copies sent."""
    today = today or clock.today()
    sent = []
    pending = (
        Publication.objects.filter(
            publish_at__gt=clock.now(),
            inspection__framework_version__pre_publication_copy_working_days__isnull=False,
            pre_publication_copies__isnull=True,
        )
        .select_related("inspection__framework_version", "version")
        .order_by("publish_at", "pk")
    )
    for publication in pending:
        due = pre_publication_copy_due(publication)
        if due is None or due > today:
            continue
        try:
            sent.append(pre_publication_copy_send(publication=publication, automatic=True).pk)
        except ConflictError:
            continue  # sent (or published) meanwhile
        except ApplicationError as exc:
            logger.warning(
                "Pre-publication copy for %s not sent: %s", publication.slug, exc.message
            )
    return sent

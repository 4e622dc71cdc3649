"""Publication: the final version, public from a moment (now, or an embargo's end)."""

from __future__ import annotations

import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from inspections.models import Inspection, Status
from inspections.services.transitions import inspection_transition
from jtai import clock
from jtai.exceptions import ApplicationError, ConflictError
from jtai.queue import send_now

from ..assembly import report_title
from ..models import Publication, ReportVersion, VersionKind
from ..permissions import require_can_write_report


def _unique_slug(inspection: Inspection) -> str:
    base = (
        f"{inspection.authority.name}-{inspection.framework_version.framework.code}-"
        f"{inspection.window_start:%Y-%m}"
    )
    slug = slugify(base)[:150] or "report"
    candidate, n = slug, 2
    while Publication.objects.filter(slug=candidate).exists():
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
        slug=_unique_slug(inspection),
        title=report_title(inspection),
        publish_at=embargo_until or clock.now(),
        published_by=by,
        created_at=clock.now(),
    )
    publication.full_clean()
    publication.save()
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
            f"(the inspection is {inspection.get_status_display().lower()})."
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
    if inspection.framework_version.action_plan_working_days:
        # reports.lifecycle's after-hook creates the action plan, due from `publish_at`.
        inspection_transition(inspection=inspection, verb="await_action_plan", by=user)
    return publication

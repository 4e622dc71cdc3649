"""Factual accuracy: the factual-accuracy version sent to the area's leaders with an expiring
link, their comments recorded by the lead, and the report's response to each."""

from __future__ import annotations

import datetime
from functools import partial

from django.db import transaction
from django.db.models import Q

from inspections.models import Status
from inspections.services.transitions import inspection_transition
from inspections.workdays import add_working_days
from jtai import clock
from jtai.exceptions import ApplicationError, ConflictError
from jtai.queue import send_now

from ..models import (
    FactualAccuracyComment,
    FactualAccuracyLink,
    FactualAccuracyRequest,
    ReportSection,
    ReportVersion,
    VersionKind,
)
from ..permissions import require_can_write_report
from .sections import report_section_save, sections_not_agreed

FACTUAL_ACCURACY_LINK_DAYS = 14
FACTUAL_ACCURACY_WORKING_DAYS = 10


@transaction.atomic
def recipients_from_contacts(contacts) -> list[dict]:
    """The recipients `factual_accuracy_send` takes, from the area's contacts chosen (each
    once, in the order chosen)."""
    return [
        {"name": c.name, "role": c.get_role_display(), "email": c.email}
        for c in dict.fromkeys(contacts)
    ]


def factual_accuracy_send(*, version: ReportVersion, user, recipients: list[dict]):
    """Send the factual-accuracy version to the area's leaders: each their own link, which
    works until the request's `expires_at` unless the lead revokes it."""
    inspection = version.inspection
    require_can_write_report(user, inspection)
    if version.kind != VersionKind.FACTUAL_ACCURACY:
        raise ApplicationError("Only the factual accuracy version can be sent to the area.")
    if not recipients:
        raise ApplicationError(
            "The area has no contacts to send the report to.",
            fields={"recipients": ["Choose at least one contact."]},
        )
    if inspection.status == Status.MODERATION:
        waiting = sections_not_agreed(inspection)
        if waiting:
            titles = ", ".join(f"“{s.title}”" for s in waiting)
            raise ApplicationError(
                f"Every section must be agreed before factual accuracy. Not yet agreed: {titles}.",
                fields={"recipients": [f"Not yet agreed: {titles}."]},
            )
    now = clock.now()
    request = FactualAccuracyRequest(
        version=version,
        recipients=recipients,
        sent_by=user,
        sent_at=now,
        expires_at=now + datetime.timedelta(days=FACTUAL_ACCURACY_LINK_DAYS),
        comments_due=add_working_days(clock.today(), FACTUAL_ACCURACY_WORKING_DAYS),
    )
    request.full_clean()
    request.save()
    for recipient in recipients:
        link = FactualAccuracyLink(
            request=request,
            name=recipient.get("name") or "",
            role=recipient.get("role") or "",
            email=recipient.get("email") or "",
        )
        link.full_clean()
        link.save()
    if inspection.status == Status.MODERATION:
        inspection_transition(
            inspection=inspection,
            verb="send_for_factual_accuracy",
            by=user,
            reason=f"Factual accuracy version sent to {len(recipients)} contact(s).",
        )
    # The request is the emails' outbox: sent after commit, or later if the broker is away.
    transaction.on_commit(partial(factual_accuracy_emails_dispatch, request=request))
    return request


def factual_accuracy_emails_dispatch(*, request: FactualAccuracyRequest) -> bool:
    """Hand the request's emails to the broker within a couple of seconds at most; False when
    it cannot be reached (they are sent later by `send_waiting_factual_accuracy_emails`)."""
    if not send_now("reports.tasks.send_factual_accuracy_emails", request.pk):
        return False
    request.emails_queued_at = clock.now()
    FactualAccuracyRequest.objects.filter(pk=request.pk).update(
        emails_queued_at=request.emails_queued_at
    )
    return True


# Emails the broker never accepted are sent again after this; accepted ones that are still not
# sent (the broker's data lost) after the longer delay.
EMAILS_WAITING_GRACE = datetime.timedelta(seconds=5)
EMAILS_LOST_AFTER = datetime.timedelta(minutes=15)


def factual_accuracy_emails_recover(*, now=None) -> list[int]:
    """Send again the emails of requests with links not yet emailed; the requests' ids."""
    now = now or clock.now()
    waiting = (
        FactualAccuracyRequest.objects.filter(
            links__emailed_at__isnull=True, links__revoked_at__isnull=True
        )
        .filter(
            Q(emails_queued_at__isnull=True, sent_at__lt=now - EMAILS_WAITING_GRACE)
            | Q(emails_queued_at__lt=now - EMAILS_LOST_AFTER)
        )
        .distinct()
    )
    return [request.pk for request in waiting if factual_accuracy_emails_dispatch(request=request)]


@transaction.atomic
def factual_accuracy_comment_record(
    *, request: FactualAccuracyRequest, user, from_name: str, section: str, comment: str
) -> FactualAccuracyComment:
    require_can_write_report(user, request.version.inspection)
    errors = {}
    if not (from_name or "").strip():
        errors["from_name"] = ["Enter who the comment is from."]
    if not (comment or "").strip():
        errors["comment"] = ["Enter the comment."]
    if errors:
        raise ApplicationError("The comment could not be recorded.", fields=errors)
    item = FactualAccuracyComment(
        request=request,
        from_name=from_name.strip(),
        section=(section or "").strip(),
        comment=comment.strip(),
        recorded_by=user,
        recorded_at=clock.now(),
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def factual_accuracy_comment_respond(
    *,
    comment: FactualAccuracyComment,
    user,
    response: str,
    note: str,
    section: ReportSection | None = None,
    text: str | None = None,
    version: int | None = None,
) -> FactualAccuracyComment:
    """The report's answer to a comment. Accepting it may apply the correction: `section`
    saved with `text` over `version` (its revision linked to the comment, so the lead's page
    shows what changed). Rejecting it needs the reason."""
    require_can_write_report(user, comment.request.version.inspection)
    responses = FactualAccuracyComment.Response
    valid = [r for r in responses.values if r != responses.PENDING]
    if response not in valid:
        raise ApplicationError(
            "Choose a response.", fields={"response": ["Choose how the report responds."]}
        )
    note = (note or "").strip()
    if response == responses.REJECTED and not note:
        raise ApplicationError(
            "Give the reason the report stands.",
            fields={"response_note": ["Explain why the comment is not accepted."]},
        )
    if section is not None:
        if response == responses.REJECTED:
            raise ApplicationError(
                "A rejected comment does not change the report.",
                fields={"response": ["Accept the comment to change the section."]},
            )
        report_section_save(
            section=section, user=user, version=version, text=text or "", comment=comment
        )
    comment.response = response
    comment.response_note = note
    comment.responded_at = clock.now()
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def factual_accuracy_link_revoke(*, link: FactualAccuracyLink, user) -> FactualAccuracyLink:
    """The lead stops one recipient's link working (a wrong address, someone who left)."""
    require_can_write_report(user, link.request.version.inspection)
    link = FactualAccuracyLink.objects.select_for_update().get(pk=link.pk)
    if link.revoked_at is not None:
        raise ConflictError("This link has already been revoked.")
    link.revoked_at = clock.now()
    link.revoked_by = user
    link.save(update_fields=["revoked_at", "revoked_by"])
    return link

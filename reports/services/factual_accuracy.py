"""Factual accuracy: the factual-accuracy version sent to the area's leaders with an expiring
link, their comments recorded by the lead, and the report's response to each."""

from __future__ import annotations

import datetime

from django.db import transaction

from inspections.models import Status
from inspections.services.transitions import inspection_transition
from inspections.workdays import add_working_days
from jtai import clock
from jtai.exceptions import ApplicationError

from ..models import FactualAccuracyComment, FactualAccuracyRequest, ReportVersion, VersionKind
from ..permissions import require_can_write_report

FACTUAL_ACCURACY_LINK_DAYS = 14
FACTUAL_ACCURACY_WORKING_DAYS = 10


@transaction.atomic
def factual_accuracy_send(*, version: ReportVersion, user, recipients: list[dict]):
    """Send the factual-accuracy version to the area's leaders, with an expiring link."""
    inspection = version.inspection
    require_can_write_report(user, inspection)
    if version.kind != VersionKind.FACTUAL_ACCURACY:
        raise ApplicationError("Only the factual accuracy version can be sent to the area.")
    if not recipients:
        raise ApplicationError(
            "The area has no contacts to send the report to.",
            fields={"recipients": ["Choose at least one contact."]},
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
    if inspection.status == Status.MODERATION:
        inspection_transition(
            inspection=inspection,
            verb="send_for_factual_accuracy",
            by=user,
            reason=f"Factual accuracy version sent to {len(recipients)} contact(s).",
        )
    from ..tasks import send_factual_accuracy_emails

    send_factual_accuracy_emails.delay_on_commit(request.pk)
    return request


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
    *, comment: FactualAccuracyComment, user, response: str, note: str
) -> FactualAccuracyComment:
    require_can_write_report(user, comment.request.version.inspection)
    pending = FactualAccuracyComment.Response.PENDING
    valid = [r for r in FactualAccuracyComment.Response.values if r != pending]
    if response not in valid:
        raise ApplicationError(
            "Choose a response.", fields={"response": ["Choose how the report responds."]}
        )
    comment.response = response
    comment.response_note = (note or "").strip()
    comment.responded_at = clock.now()
    comment.full_clean()
    comment.save()
    return comment

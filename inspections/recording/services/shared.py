"""Writes of the shared judgement: the overall lead's draft and each inspectorate's agreement."""

from django.db import transaction
from django.urls import reverse

from inspections.models import SharedJudgement, SharedJudgementAgreement, TeamMember, TeamRole
from jtai import clock
from jtai.exceptions import ApplicationError, ConflictError
from jtai.notifications import notify
from jtai.queue import enqueue_on_commit

from ..selectors import shared_judgement_is_agreed
from .common import (
    MAX_NOTE_LENGTH,
    StaleVersionError,
    locked_at_version,
    validate_judgement_content,
)

__all__ = [
    "shared_judgement_agreement_record",
    "shared_judgement_is_agreed",  # the rule lives in selectors; moderation and reports ask it here
    "shared_judgement_save",
]


@transaction.atomic
def shared_judgement_save(
    *,
    shared: SharedJudgement,
    user,
    version: int,
    grade: str = "",
    text: str = "",
    strengths=(),
    improvements=(),
) -> tuple[SharedJudgement, int]:
    """The overall lead's draft. Returns the judgement and how many agreements it cleared.

    Any change after agreement clears the agreements: the leads are told by email (after the
    transaction commits) and on the page.
    """
    grade, strengths, improvements, text = validate_judgement_content(
        graded=shared.area.version.graded,
        grade=grade,
        strengths=strengths,
        improvements=improvements,
        summary=text,
        complete=False,
        summary_field="text",
    )
    if not text:
        raise ApplicationError(
            "Enter the shared judgement's text",
            fields={"text": ["Enter the shared judgement's text"]},
        )
    current = locked_at_version(
        shared,
        version=version,
        stale_message=(
            "The shared judgement was changed by someone else after you started editing it."
        ),
    )
    current.grade = grade
    current.text = text
    current.strengths = strengths
    current.improvements = improvements
    current.version = version + 1
    current.drafted_by = user
    current.updated_at = clock.now()
    current.full_clean(exclude=["inspection", "area"])
    current.save()
    cleared, _ = SharedJudgementAgreement.objects.filter(shared_judgement=current).delete()
    if cleared:
        _notify_leads_to_agree_again(current, by=user)
        enqueue_on_commit(
            "inspections.recording.tasks.notify_shared_judgement_changed",
            current.pk,
            current.version,
        )
    return current, cleared


@transaction.atomic
def shared_judgement_agreement_record(
    *, shared: SharedJudgement, user, inspectorate, agrees: bool, version: int, comment: str = ""
) -> SharedJudgementAgreement:
    """A lead agrees (or disagrees, with a comment) with the version of the text they read."""
    comment = (comment or "").strip()
    if agrees is None:
        raise ApplicationError(
            "Select whether you agree", fields={"agrees": ["Select whether you agree"]}
        )
    if not agrees and not comment:
        raise ApplicationError(
            "Explain why you disagree",
            fields={"comment": ["Explain why you disagree, so the overall lead can respond"]},
        )
    if len(comment) > MAX_NOTE_LENGTH:
        raise ApplicationError(
            "The comment is too long",
            fields={"comment": [f"The comment must be {MAX_NOTE_LENGTH} characters or fewer"]},
        )
    current = SharedJudgement.objects.select_for_update().get(pk=shared.pk)
    if current.version == 0:
        raise ConflictError("The shared judgement has not been drafted yet.")
    if current.version != version:
        raise StaleVersionError(
            "The shared judgement changed after you read it: read the new version first.",
            current=current,
        )
    agreement, _ = SharedJudgementAgreement.objects.update_or_create(
        shared_judgement=current,
        inspectorate=inspectorate,
        defaults={
            "by": user,
            "agrees": bool(agrees),
            "comment": comment,
            "judgement_version": current.version,
            "at": clock.now(),
        },
    )
    return agreement


def _notify_leads_to_agree_again(shared: SharedJudgement, *, by) -> None:
    """The leads (but the one who changed it) find it in their notifications; the task emails
    those who want emails at once."""
    leads = TeamMember.objects.filter(
        inspection_id=shared.inspection_id,
        is_active=True,
        role__in=[TeamRole.OVERALL_LEAD, TeamRole.INSPECTORATE_LEAD],
    ).exclude(user=by)
    notify(
        users=[m.user for m in leads.select_related("user")],
        kind="shared-judgement-changed",
        title=(
            f"{shared.inspection.authority.name}: the shared judgement “{shared.area.title}” "
            "changed, agree it again"
        ),
        url=reverse("inspections:recording:shared", args=[shared.inspection_id, shared.pk]),
        emailed=True,
    )

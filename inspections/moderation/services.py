"""Moderation: the overall lead returns judgements with a comment; each inspectorate's lead
signs off their own agencies' completed judgements. Who may do either is decided in
`permissions.py` (403); these functions keep the rules of the data and the state."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from jtai import clock
from jtai.exceptions import ApplicationError, ConflictError
from jtai.notifications import notify

from ..models import Inspection, Judgement, JudgementRevision, JudgementStatus, Status, TeamMember
from ..recording.permissions import LEAD_ROLES
from .permissions import require_return, require_sign_off

RETURNABLE = (JudgementStatus.COMPLETED, JudgementStatus.SIGNED_OFF)


def _revise(judgement: Judgement, user, note: str) -> None:
    judgement.version += 1
    judgement.updated_by = user
    judgement.updated_at = clock.now()
    judgement.save()
    JudgementRevision.objects.create(
        judgement=judgement,
        version=judgement.version,
        grade=judgement.grade,
        strengths=judgement.strengths,
        improvements=judgement.improvements,
        evidence_summary=judgement.evidence_summary,
        status=judgement.status,
        by=user,
        at=judgement.updated_at,
        note=note[:200],
    )


@transaction.atomic
def judgement_return(*, judgement: Judgement, user, comment: str) -> Judgement:
    """Send a judgement back to its inspectors with the lead's comment."""
    judgement = (
        Judgement.objects.select_for_update(of=("self",))
        .select_related("inspection__authority", "agency", "area", "updated_by")
        .get(pk=judgement.pk)
    )
    inspection = judgement.inspection
    require_return(user, inspection, judgement)
    if inspection.status != Status.MODERATION:
        raise ConflictError(
            "Judgements can be returned only while the inspection is in moderation."
        )
    comment = (comment or "").strip()
    if not comment:
        raise ApplicationError(
            "Enter a comment", fields={"comment": ["Enter a comment explaining what to change"]}
        )
    if len(comment) > 4000:
        raise ApplicationError(
            "The comment is too long",
            fields={"comment": ["Comment must be 4,000 characters or fewer"]},
        )
    if judgement.status not in RETURNABLE:
        raise ConflictError("Only a completed or signed-off judgement can be returned.")
    last_editor = judgement.updated_by
    judgement.status = JudgementStatus.RETURNED
    judgement.returned_comment = comment
    judgement.signed_off_by = None
    judgement.signed_off_at = None
    _revise(judgement, user, "Returned in moderation")
    _notify_returned(judgement, last_editor=last_editor, by=user, comment=comment)
    return judgement


def judgement_inspectors(judgement: Judgement) -> list:
    """Who records the judgement: its inspectorate's team members assigned its agency (or,
    when none is, that inspectorate's lead on the team)."""
    members = list(
        TeamMember.objects.filter(
            inspection_id=judgement.inspection_id,
            inspectorate_id=judgement.inspectorate_id,
            is_active=True,
        )
        .select_related("user")
        .prefetch_related("agencies")
    )
    assigned = [
        m.user for m in members if any(a.pk == judgement.agency_id for a in m.agencies.all())
    ]
    return assigned or [m.user for m in members if m.role in LEAD_ROLES]


def _notify_returned(judgement: Judgement, *, last_editor, by, comment: str) -> None:
    people = {u.pk: u for u in [*judgement_inspectors(judgement), last_editor] if u is not None}
    people.pop(by.pk, None)
    notify(
        users=people.values(),
        kind="judgement-returned",
        title=(
            f"{judgement.inspection.authority.name}: your judgement on {judgement.agency.name}, "
            f"“{judgement.area.title}”, was returned in moderation"
        ),
        body=f"{by.display_name} wrote: {comment}",
        url=reverse(
            "inspections:recording:judgement", args=[judgement.inspection_id, judgement.pk]
        ),
    )


def _sign(judgement: Judgement, user, now, note: str) -> None:
    judgement.status = JudgementStatus.SIGNED_OFF
    judgement.signed_off_by = user
    judgement.signed_off_at = now
    _revise(judgement, user, note)


@transaction.atomic
def judgement_sign_off(*, judgement: Judgement, user, version: int | None = None) -> Judgement:
    """The inspectorate's lead signs off one completed judgement of their own agencies, as
    it was when they read it (`version`, from the check page)."""
    judgement = (
        Judgement.objects.select_for_update().select_related("inspection").get(pk=judgement.pk)
    )
    inspection = judgement.inspection
    inspectorate_id = require_sign_off(user, inspection)
    if judgement.inspectorate_id != inspectorate_id:
        raise PermissionDenied("You sign off only your own inspectorate's judgements.")
    if inspection.status != Status.MODERATION:
        raise ConflictError("Judgements are signed off while the inspection is in moderation.")
    if version is not None and version != judgement.version:
        raise ConflictError("The judgement has changed since you read it: check it again.")
    if judgement.status == JudgementStatus.SIGNED_OFF:
        raise ConflictError("This judgement is already signed off.")
    if judgement.status != JudgementStatus.COMPLETED:
        raise ApplicationError(
            "Only a completed judgement can be signed off.",
            fields={"judgement": [f"The judgement is {judgement.get_status_display().lower()}"]},
        )
    _sign(judgement, user, clock.now(), "Signed off in moderation")
    return judgement


@transaction.atomic
def judgements_sign_off(
    *, inspection: Inspection, user, expected: dict[int, int] | None = None
) -> int:
    """The lead signs off every judgement of their inspectorate's agencies (all completed).

    `expected` ({judgement id: version}, from the check page) is exactly what the lead read:
    if any judgement to sign has changed, appeared or gone since, nothing is signed."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    inspectorate_id = require_sign_off(user, inspection)
    if inspection.status != Status.MODERATION:
        raise ConflictError("Judgements are signed off while the inspection is in moderation.")
    judgements = list(
        Judgement.objects.select_for_update()
        .filter(inspection=inspection, inspectorate_id=inspectorate_id)
        .select_related("agency", "area")
    )
    if not judgements:
        raise ConflictError("Your inspectorate has no judgements on this inspection.")
    pending = [j for j in judgements if j.status not in RETURNABLE]
    if pending:
        names = "; ".join(f"{j.agency.name}: {j.area.title}" for j in pending[:5])
        raise ApplicationError(
            f"{len(pending)} judgement{'s are' if len(pending) != 1 else ' is'} not completed "
            f"yet ({names}{'…' if len(pending) > 5 else ''}).",
            fields={"judgements": [f"{len(pending)} not completed"]},
        )
    to_sign = [j for j in judgements if j.status != JudgementStatus.SIGNED_OFF]
    if expected is not None and expected != {j.pk: j.version for j in to_sign}:
        raise ConflictError("The judgements have changed since you checked them: check them again.")
    now = clock.now()
    for judgement in to_sign:
        _sign(judgement, user, now, "Signed off in moderation")
    return len(to_sign)

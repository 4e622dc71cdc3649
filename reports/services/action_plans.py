"""The written statement of action: due in working days from publication, submitted as a PDF
by the area's nominated contact on behalf of the director of children's services (or recorded
by the team when it arrives by email), evaluated by each participating inspectorate's lead
(accepted when all find it adequate, returned to the area when one does not) and closed by an
admin."""

from __future__ import annotations

import hashlib
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from inspections.services.transitions import inspection_transition
from inspections.workdays import add_working_days
from jtai import clock
from jtai.exceptions import ApplicationError, ConflictError

from ..models import (
    ActionPlan,
    ActionPlanEvaluation,
    ActionPlanStatus,
    EvaluationOutcome,
    Publication,
)
from ..permissions import (
    require_can_accept_action_plan,
    require_can_evaluate_action_plan,
    require_can_submit_action_plan,
)

ACTION_PLAN_MAX_BYTES = 10 * 1024 * 1024
TOO_LARGE = "The file must be smaller than 10 MB."
NOT_A_PDF = "The selected file must be a PDF."


def action_plan_due_date(publication: Publication):
    days = publication.inspection.framework_version.action_plan_working_days
    return add_working_days(timezone.localtime(publication.publish_at).date(), days)


def _is_pdf(data: bytes) -> bool:
    """A whole PDF with at least one page: its header alone proves nothing (`%PDF-1.4` then a
    web page is not a PDF)."""
    from pypdf import PdfReader

    if not data.startswith(b"%PDF-"):
        return False
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        return len(reader.pages) > 0
    except Exception:  # a parser fed a hostile file can fail in any way: not a PDF we accept
        return False


def _validate_pdf_upload(document) -> bytes:
    if document is None:
        raise ApplicationError(
            "Choose the written statement of action to upload.",
            fields={"document": ["Select a PDF file."]},
        )
    # The size the upload declares is checked before a byte of it is read.
    if document.size is None or document.size > ACTION_PLAN_MAX_BYTES:
        raise ApplicationError("The file is too large.", fields={"document": [TOO_LARGE]})
    data = document.read(ACTION_PLAN_MAX_BYTES + 1)
    if len(data) > ACTION_PLAN_MAX_BYTES:
        raise ApplicationError("The file is too large.", fields={"document": [TOO_LARGE]})
    if not _is_pdf(data):
        raise ApplicationError("The file is not a PDF.", fields={"document": [NOT_A_PDF]})
    return data


def director_of_childrens_services(inspection) -> str:
    """The name the statement is submitted on behalf of: the area's DCS, when known."""
    from agencies.models import AreaContact, ContactRole

    contact = (
        AreaContact.objects.filter(authority=inspection.authority, role=ContactRole.DCS)
        .order_by("pk")
        .first()
    )
    return contact.name if contact else "The director of children's services"


@transaction.atomic
def action_plan_submit(*, action_plan: ActionPlan, user, document, submitted_on=None) -> ActionPlan:
    """Record the partnership's written statement of action (a PDF), submitted by the area's
    nominated contact on behalf of the director of children's services, or by the team's admin
    or overall lead when it came by email (`submitted_on`: the day it was received; today by
    default). A returned statement comes back as the next submission; one being evaluated
    can no longer be replaced."""
    inspection = action_plan.publication.inspection
    require_can_submit_action_plan(user, inspection)
    today = clock.today()
    submitted_on = submitted_on or today
    if submitted_on > today:
        raise ApplicationError(
            "The date the statement was received cannot be in the future.",
            fields={"submitted_on": ["The date must be today or in the past."]},
        )
    data = _validate_pdf_upload(document)
    plan = ActionPlan.objects.select_for_update().get(pk=action_plan.pk)
    if plan.status == ActionPlanStatus.ACCEPTED:
        raise ConflictError("The written statement of action has already been accepted.")
    if (
        plan.status == ActionPlanStatus.SUBMITTED
        and plan.evaluations.filter(submission=plan.submission).exists()
    ):
        raise ConflictError(
            "The inspectorates are evaluating this statement: it can no longer be replaced."
        )
    if plan.status != ActionPlanStatus.SUBMITTED:
        plan.submission += 1
    plan.document.save(
        f"{inspection.reference}-statement-of-action-{plan.submission}.pdf",
        ContentFile(data),
        save=False,
    )
    plan.document_sha256 = hashlib.sha256(data).hexdigest()
    plan.status = ActionPlanStatus.SUBMITTED
    plan.submitted_by = user
    plan.submitted_at = clock.now()
    plan.submitted_on = submitted_on
    plan.submitted_on_behalf_of = director_of_childrens_services(inspection)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def action_plan_evaluate(
    *, action_plan: ActionPlan, user, outcome: str, comment: str = ""
) -> ActionPlanEvaluation:
    """A participating inspectorate's lead evaluates the submitted statement (adequate or not,
    with comments; a "not adequate" must say why). Editable until every participating
    inspectorate has evaluated it; then the statement is accepted (all adequate) or returned
    to the area with the comments."""
    inspection = action_plan.publication.inspection
    inspectorate = require_can_evaluate_action_plan(user, inspection)
    comment = (comment or "").strip()
    if outcome not in EvaluationOutcome.values:
        raise ApplicationError(
            "Choose whether the statement is adequate.",
            fields={"outcome": ["Select adequate or not adequate."]},
        )
    if outcome == EvaluationOutcome.NOT_ADEQUATE and not comment:
        raise ApplicationError(
            "Say why the statement is not adequate.",
            fields={"comment": ["Enter the comments the area will read."]},
        )
    plan = ActionPlan.objects.select_for_update().get(pk=action_plan.pk)
    if plan.status != ActionPlanStatus.SUBMITTED:
        raise ConflictError("Only a submitted statement of action can be evaluated.")
    evaluation, _ = ActionPlanEvaluation.objects.update_or_create(
        action_plan=plan,
        submission=plan.submission,
        inspectorate=inspectorate,
        defaults={"outcome": outcome, "comment": comment, "by": user, "at": clock.now()},
    )
    evaluation.full_clean()
    participating = set(inspection.inspectorates.values_list("pk", flat=True))
    evaluations = list(plan.evaluations.filter(submission=plan.submission))
    if participating <= {e.inspectorate_id for e in evaluations}:
        adequate = all(e.is_adequate for e in evaluations if e.inspectorate_id in participating)
        plan.status = ActionPlanStatus.ACCEPTED if adequate else ActionPlanStatus.RETURNED
        plan.save(update_fields=["status"])
    action_plan.status = plan.status
    action_plan.submission = plan.submission
    return evaluation


@transaction.atomic
def action_plan_accept(*, action_plan: ActionPlan, user) -> ActionPlan:
    """An admin accepts the statement of action (a submitted one, or one the inspectorates
    found adequate), which closes the inspection."""
    inspection = action_plan.publication.inspection
    require_can_accept_action_plan(user)
    plan = ActionPlan.objects.select_for_update().get(pk=action_plan.pk)
    if plan.status not in (ActionPlanStatus.SUBMITTED, ActionPlanStatus.ACCEPTED):
        raise ConflictError("Only a submitted statement of action can be accepted.")
    plan.status = ActionPlanStatus.ACCEPTED
    plan.save(update_fields=["status"])
    inspection_transition(
        inspection=inspection,
        verb="close",
        by=user,
        reason="Written statement of action accepted.",
    )
    return plan

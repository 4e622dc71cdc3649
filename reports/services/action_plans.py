"""The written statement of action: due in working days from publication, submitted as a PDF,
accepted by an admin (which closes the inspection)."""

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

from ..models import ActionPlan, ActionPlanStatus, Publication
from ..permissions import require_can_accept_action_plan, require_can_record_action_plan

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


@transaction.atomic
def action_plan_submit(*, action_plan: ActionPlan, user, document) -> ActionPlan:
    """Record the partnership's written statement of action (a PDF)."""
    inspection = action_plan.publication.inspection
    require_can_record_action_plan(user, inspection)
    data = _validate_pdf_upload(document)
    plan = ActionPlan.objects.select_for_update().get(pk=action_plan.pk)
    if plan.status == ActionPlanStatus.ACCEPTED:
        raise ConflictError("The written statement of action has already been accepted.")
    plan.document.save(
        f"{inspection.reference}-statement-of-action.pdf", ContentFile(data), save=False
    )
    plan.document_sha256 = hashlib.sha256(data).hexdigest()
    plan.status = ActionPlanStatus.SUBMITTED
    plan.submitted_by = user
    plan.submitted_at = clock.now()
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def action_plan_accept(*, action_plan: ActionPlan, user) -> ActionPlan:
    """An admin accepts the submitted statement of action, which closes the inspection."""
    inspection = action_plan.publication.inspection
    require_can_accept_action_plan(user)
    plan = ActionPlan.objects.select_for_update().get(pk=action_plan.pk)
    if plan.status != ActionPlanStatus.SUBMITTED:
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

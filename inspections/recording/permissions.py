"""Who may read and who may change what inspectors record.

Reading follows the inspection: admins and the inspection's active team read everything
recorded on it; anyone else gets a 404 (selectors scope every query with
`visible_inspections`, so a guessed id never reaches an object). Changing is narrower and is
decided here, once, for pages and API alike.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from inspections.models import (
    CaseSample,
    EvidenceRecord,
    Inspection,
    Judgement,
    JudgementStatus,
    SharedJudgement,
    Status,
    TeamMember,
    TeamRole,
)
from inspections.permissions import team_membership

# While inspectors are gathering and weighing evidence.
RECORDING_STATUSES = (Status.FIELDWORK, Status.EVIDENCE_CLOSED)
# A returned judgement may be corrected while moderation is still open.
RETURNED_EDIT_STATUSES = (Status.FIELDWORK, Status.EVIDENCE_CLOSED, Status.MODERATION)
# The shared judgement is drafted and agreed from fieldwork until moderation ends.
SHARED_STATUSES = (Status.FIELDWORK, Status.EVIDENCE_CLOSED, Status.MODERATION)
LEAD_ROLES = (TeamRole.OVERALL_LEAD, TeamRole.INSPECTORATE_LEAD)


@dataclass(frozen=True)
class Access:
    """The user's standing on one inspection, computed once per request."""

    user: object
    inspection: Inspection
    member: TeamMember | None

    @property
    def is_admin(self) -> bool:
        return bool(self.user.is_admin)

    @property
    def is_lead(self) -> bool:
        return self.member is not None and self.member.role in LEAD_ROLES

    @property
    def is_overall_lead(self) -> bool:
        return self.member is not None and self.member.role == TeamRole.OVERALL_LEAD

    @property
    def inspectorate_id(self) -> int | None:
        return self.member.inspectorate_id if self.member else None

    @property
    def sees_everything(self) -> bool:
        """Leads and admins see every agency on the task list; inspectors their own."""
        return self.is_admin or self.is_lead

    @property
    def is_recording(self) -> bool:
        return self.inspection.status in RECORDING_STATUSES


def access_for(user, inspection: Inspection) -> Access:
    member = None if user.is_admin else team_membership(user, inspection)
    return Access(user=user, inspection=inspection, member=member)


def can_edit_judgement(access: Access, judgement: Judgement) -> bool:
    """An inspector of the judging inspectorate, on the team, while the inspection is recording
    (or the judgement came back from moderation). Admins read but never edit."""
    if access.member is None or access.is_admin:
        return False
    if access.member.inspectorate_id != judgement.inspectorate_id:
        return False
    if judgement.status == JudgementStatus.SIGNED_OFF:
        return False
    status = access.inspection.status
    if judgement.status == JudgementStatus.RETURNED:
        return status in RETURNED_EDIT_STATUSES
    return status in RECORDING_STATUSES


def why_read_only(access: Access, judgement: Judgement) -> str:
    """A sentence for the page when the user may read but not change a judgement."""
    if access.is_admin:
        return "Admins can read judgements but not change them."
    if access.member is None:
        return "You are not on this inspection's team."
    if access.member.inspectorate_id != judgement.inspectorate_id:
        return f"This judgement is recorded by {judgement.inspectorate.short_name} inspectors."
    if judgement.status == JudgementStatus.SIGNED_OFF:
        return "This judgement has been signed off."
    return (
        f"The inspection is {access.inspection.status_phrase}: judgements can no longer be changed."
    )


def can_record_evidence(access: Access) -> bool:
    """Any active team member records evidence and case samples while the inspection records."""
    return access.member is not None and access.is_recording


def can_edit_evidence(access: Access, record: EvidenceRecord) -> bool:
    """The inspector who recorded it, or a lead of the recorder's own inspectorate (the overall
    lead counts as the lead of their inspectorate), while the inspection records. Another
    inspectorate's lead reads it but does not change it."""
    if not can_record_evidence(access):
        return False
    if record.recorded_by_id == access.user.pk:
        return True
    return access.is_lead and access.inspectorate_id == record.recorded_by.inspectorate_id


def can_edit_case(access: Access, case: CaseSample) -> bool:
    """Cases are assessed jointly: any team member while recording."""
    return can_record_evidence(access)


def can_draft_shared(access: Access, shared: SharedJudgement) -> bool:
    """The overall lead drafts the shared judgement."""
    return access.is_overall_lead and access.inspection.status in SHARED_STATUSES


def can_agree_shared(access: Access, shared: SharedJudgement) -> bool:
    """Each participating inspectorate's lead (or the overall lead for Ofsted) agrees."""
    return (
        access.is_lead
        and access.inspection.status in SHARED_STATUSES
        and shared.version > 0
        and access.member.inspectorate_id in {i.pk for i in access.inspection.inspectorates.all()}
    )


# --- refusals, the same sentence from a page and the API (403) ---------------------------------


def require_edit_judgement(access: Access, judgement: Judgement) -> None:
    if not can_edit_judgement(access, judgement):
        raise PermissionDenied(why_read_only(access, judgement))


def require_record_evidence(access: Access) -> None:
    if not can_record_evidence(access):
        raise PermissionDenied("Evidence is recorded by the inspection's team during fieldwork.")


def require_record_case(access: Access) -> None:
    if not can_record_evidence(access):
        raise PermissionDenied("Cases are added by the inspection's team during fieldwork.")


def require_edit_evidence(access: Access, record: EvidenceRecord) -> None:
    if not can_edit_evidence(access, record):
        raise PermissionDenied(
            "An evidence record is changed by the inspector who recorded it or their "
            "inspectorate's lead, during fieldwork."
        )


def require_edit_case(access: Access, case: CaseSample) -> None:
    if not can_edit_case(access, case):
        raise PermissionDenied(
            "Cases are changed and assessed by the inspection's team during fieldwork."
        )


def require_draft_shared(access: Access, shared: SharedJudgement) -> None:
    if not can_draft_shared(access, shared):
        raise PermissionDenied("Only the overall lead drafts the shared judgement.")


def require_agree_shared(access: Access, shared: SharedJudgement) -> None:
    if not can_agree_shared(access, shared):
        raise PermissionDenied("Only each participating inspectorate's lead records its agreement.")

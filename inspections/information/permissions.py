"""Who may see and do what with an inspection's request for information.

- The area's nominated contact sees only the inspections they are nominated for, and there
  only the request: they upload, and see what they have sent; they never download.
- The inspection's team (and admins) see the request and download the files.
- Admins nominate and remove contacts.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from ..models import INACTIVE_STATUSES, CaseSample, Inspection, Status, TrackedCase
from ..permissions import can_manage_programme, is_overall_lead, team_membership

# Uploads are taken from notification until the evidence is closed.
OPEN_FOR_UPLOADS = {Status.NOTIFIED, Status.FIELDWORK}


def is_area_contact(user) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_area_contact", False))


def contact_inspections(user) -> QuerySet[Inspection]:
    """The inspections `user` is the area's nominated contact for."""
    if not is_area_contact(user):
        return Inspection.objects.none()
    return Inspection.objects.filter(area_contacts__user=user).distinct()


def is_contact_for(user, inspection) -> bool:
    return is_area_contact(user) and inspection.area_contacts.filter(user=user).exists()


def can_upload(user, inspection) -> bool:
    return is_contact_for(user, inspection)


def require_can_upload(user, inspection) -> None:
    if not can_upload(user, inspection):
        raise PermissionDenied("Only the area's nominated contact can send files")


def uploads_are_open(inspection) -> bool:
    return inspection.status in OPEN_FOR_UPLOADS


def can_download(user, inspection) -> bool:
    """The team and admins; never the area (the files are theirs already) nor the public."""
    if not user.is_authenticated or is_area_contact(user):
        return False
    return can_manage_programme(user) or team_membership(user, inspection) is not None


def require_can_download(user, inspection) -> None:
    if not can_download(user, inspection):
        raise PermissionDenied("Only the inspection team can download the area's files")


def visible_uploads(user, inspection) -> Q:
    """Which of an inspection's uploads `user` may see listed or download.

    A file the area marked "contains names" is seen only by the overall lead and by the
    inspector assigned to its case (who recorded it in the case sample or selected it for case
    tracking); one not tied to a case, by the lead and admins. The area's contact sees what
    their area sent. Every other file: whoever sees the request.
    """
    if is_area_contact(user) or is_overall_lead(user, inspection):
        return Q()
    assigned = CaseSample.objects.filter(inspection=inspection, recorded_by=user).values(
        "reference"
    )
    tracked = TrackedCase.objects.filter(inspection=inspection, selected_by=user).values(
        "reference"
    )
    visible = Q(contains_names=False)
    visible |= Q(case_reference__in=assigned) & ~Q(case_reference="")
    visible |= Q(case_reference__in=tracked) & ~Q(case_reference="")
    if can_manage_programme(user):
        visible |= Q(case_reference="")
    return visible


def can_nominate(user, inspection=None) -> bool:
    return can_manage_programme(user) and (
        inspection is None or inspection.status not in INACTIVE_STATUSES
    )


def require_can_nominate(user) -> None:
    if not can_manage_programme(user):
        raise PermissionDenied("Only admins can nominate the area's contact")


def sees_late_items(user, inspection) -> bool:
    """Late items are flagged to the overall lead and to admins."""
    if is_area_contact(user):
        return False
    return can_manage_programme(user) or is_overall_lead(user, inspection)

"""Who may do what in fieldwork. Seeing follows the inspection (the recording selectors scope
every read to `visible_inspections`); doing is decided here, for pages and API alike.

- The overall lead selects the deep-dive cohort and keeps the timetable.
- An inspector answers a tracked case's questions only for the agencies their own
  inspectorate judges under the inspection's framework.
- Any team member records the partnership's audit of a case and evaluates it.
"""

from django.core.exceptions import PermissionDenied

from inspections.models import FrameworkAgencyType, Status
from inspections.recording.permissions import RECORDING_STATUSES, Access

# The cohort is chosen from the area's lists after notification, and changed on site.
COHORT_STATUSES = (Status.NOTIFIED, Status.FIELDWORK)
# The timetable is drawn up before the week on site and kept during it.
TIMETABLE_STATUSES = (Status.PLANNED, Status.NOTIFIED, Status.FIELDWORK)


def judging_inspectorates(inspection) -> dict[int, int]:
    """Agency type id -> the id of the inspectorate that judges it under the framework."""
    return dict(
        FrameworkAgencyType.objects.filter(version=inspection.framework_version_id).values_list(
            "agency_type_id", "judged_by_id"
        )
    )


def can_select_cohort(access: Access) -> bool:
    return access.is_overall_lead and access.inspection.status in COHORT_STATUSES


def can_edit_timetable(access: Access) -> bool:
    return access.is_overall_lead and access.inspection.status in TIMETABLE_STATUSES


def can_record_audit(access: Access) -> bool:
    return access.member is not None and access.inspection.status in RECORDING_STATUSES


def can_answer_for(access: Access, agency, judged_by: dict[int, int] | None = None) -> bool:
    """An inspector of the inspectorate that judges the agency, on the team, while recording."""
    if access.member is None or access.inspection.status not in RECORDING_STATUSES:
        return False
    if judged_by is None:
        judged_by = judging_inspectorates(access.inspection)
    return judged_by.get(agency.agency_type_id) == access.member.inspectorate_id


def require_select_cohort(access: Access) -> None:
    if not can_select_cohort(access):
        raise PermissionDenied(
            "The overall lead selects the tracked cases, after notification and during fieldwork."
        )


def require_edit_timetable(access: Access) -> None:
    if not can_edit_timetable(access):
        raise PermissionDenied(
            "The overall lead keeps the timetable, until the week on site is over."
        )


def require_record_audit(access: Access) -> None:
    if not can_record_audit(access):
        raise PermissionDenied(
            "The partnership's audit is recorded and evaluated by the team during fieldwork."
        )


def require_answer_for(access: Access, agency) -> None:
    if not can_answer_for(access, agency):
        raise PermissionDenied(
            f"Questions about {agency.name} are answered by the inspectors of the inspectorate "
            "that judges it, during fieldwork."
        )

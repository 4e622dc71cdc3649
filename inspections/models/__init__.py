"""Frameworks (as data), inspections and their teams, judgements, evidence and case samples,
and programme planning.

Everything a framework means is a row here, not a code branch: a new framework or theme is
configuration. Writes go through the services; reads through the selectors. Django registers
an app's models from this module, so every model of the app is imported here by name,
planning's included (they live with planning, in `inspections.planning.models`).
"""

from .frameworks import (
    FRAMEWORK_STATUS_TAG,
    CaseCriterion,
    Framework,
    FrameworkAgencyType,
    FrameworkInspectorate,
    FrameworkStatus,
    FrameworkVersion,
    JudgementArea,
    Participation,
    ReportForm,
    Theme,
)
from .inspection import (
    INACTIVE_STATUSES,
    CalendarToken,
    Inspection,
    Status,
    TeamMember,
    TeamRole,
    Transition,
)
from .judgements import (
    AssessmentOutcome,
    CaseAssessment,
    CaseKind,
    CaseSample,
    EvidenceRecord,
    EvidenceSource,
    Judgement,
    JudgementRevision,
    JudgementStatus,
    SharedJudgement,
    SharedJudgementAgreement,
)

# isort: split
# Planning's models refer to the ones above (through this module), so they come last.
from ..information.models import InspectionContact, RequestItem, RequestUpload
from ..planning.models import (
    CapacityLeave,
    Concern,
    InspectorateCapacity,
    Programme,
    ProgrammeChoice,
    ProgrammeStatus,
    RunStatus,
    ScheduledSlot,
    ScheduleRun,
    Severity,
    SolverStatus,
)

__all__ = [
    "FRAMEWORK_STATUS_TAG",
    "INACTIVE_STATUSES",
    "AssessmentOutcome",
    "CalendarToken",
    "CapacityLeave",
    "CaseAssessment",
    "CaseCriterion",
    "CaseKind",
    "CaseSample",
    "Concern",
    "EvidenceRecord",
    "EvidenceSource",
    "Framework",
    "FrameworkAgencyType",
    "FrameworkInspectorate",
    "FrameworkStatus",
    "FrameworkVersion",
    "Inspection",
    "InspectionContact",
    "InspectorateCapacity",
    "Judgement",
    "JudgementArea",
    "JudgementRevision",
    "JudgementStatus",
    "Participation",
    "Programme",
    "ProgrammeChoice",
    "ProgrammeStatus",
    "ReportForm",
    "RequestItem",
    "RequestUpload",
    "RunStatus",
    "ScheduleRun",
    "ScheduledSlot",
    "Severity",
    "SharedJudgement",
    "SharedJudgementAgreement",
    "SolverStatus",
    "Status",
    "TeamMember",
    "TeamRole",
    "Theme",
    "Transition",
]

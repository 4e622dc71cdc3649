"""The report API, one module per area: authoring (generation, sections, factual accuracy,
publication, the statement of action), comments, versions, and the public register."""

from .action_plans import (
    ActionPlanAcceptApi,
    ActionPlanApi,
    ActionPlanDocumentApi,
    ActionPlanEvaluateApi,
    ActionPlanSubmitApi,
)
from .authoring import (
    FactualAccuracyCommentRespondApi,
    FactualAccuracyLinkRevokeApi,
    FactualAccuracySendApi,
    InspectionReportsApi,
    PublishApi,
    ReportJobApi,
    ReportSectionAgreeApi,
    ReportSectionApi,
    ReportSectionsApi,
)
from .comments import FactualAccuracyCommentRecordApi, FactualAccuracyRequestListApi
from .register import OverdueActionPlanListApi, PublishedReportApi, PublishedReportListApi
from .versions import ReportJobRetryApi, ReportVersionCompareApi, ReportVersionPdfApi

__all__ = [
    "ActionPlanAcceptApi",
    "ActionPlanApi",
    "ActionPlanDocumentApi",
    "ActionPlanEvaluateApi",
    "ActionPlanSubmitApi",
    "FactualAccuracyCommentRecordApi",
    "FactualAccuracyCommentRespondApi",
    "FactualAccuracyLinkRevokeApi",
    "FactualAccuracyRequestListApi",
    "FactualAccuracySendApi",
    "InspectionReportsApi",
    "OverdueActionPlanListApi",
    "PublishApi",
    "PublishedReportApi",
    "PublishedReportListApi",
    "ReportJobApi",
    "ReportJobRetryApi",
    "ReportSectionAgreeApi",
    "ReportSectionApi",
    "ReportSectionsApi",
    "ReportVersionCompareApi",
    "ReportVersionPdfApi",
]

"""The recording API: judgements, evidence records, case samples and the shared judgement, one
module per resource (see `api_urls.py`).

Input and output serializers are separate; each view calls one service. Objects are found only
through inspections the user may see, so a guessed id is a 404; a reader who may not change an
object gets 403; a stale `version` gets 409 with the current version.
"""

from .cases import CaseAssessmentsApi, CaseDetailApi, InspectionCasesApi, InspectionCaseSummaryApi
from .evidence import EvidenceDetailApi, InspectionEvidenceApi
from .judgements import InspectionJudgementsApi, JudgementDetailApi
from .shared import InspectionSharedApi, SharedAgreementsApi, SharedDetailApi

__all__ = [
    "CaseAssessmentsApi",
    "CaseDetailApi",
    "EvidenceDetailApi",
    "InspectionCaseSummaryApi",
    "InspectionCasesApi",
    "InspectionEvidenceApi",
    "InspectionJudgementsApi",
    "InspectionSharedApi",
    "JudgementDetailApi",
    "SharedAgreementsApi",
    "SharedDetailApi",
]

"""The API for frameworks, inspections, teams, transitions and partner agencies, one module
per resource (see `api_urls.py`).

Input and output serializers are separate; each view calls one service or selector.
Visibility is applied in the queryset (an inspection you may not see is 404); a visible
inspection with a role that may not act is 403; a transition not open from the current state
is 409; bad input is 400 with field errors.
"""

from .frameworks import (
    FrameworkDetailApi,
    FrameworkListApi,
    FrameworkVersionReviseApi,
    ThemeCreateApi,
)
from .inspections import InspectionDetailApi, InspectionListApi, transition_api
from .partner_agencies import PartnerAgencyDetailApi, PartnerAgencyListApi
from .teams import TeamApi, TeamMemberApi

__all__ = [
    "FrameworkDetailApi",
    "FrameworkListApi",
    "FrameworkVersionReviseApi",
    "InspectionDetailApi",
    "InspectionListApi",
    "PartnerAgencyDetailApi",
    "PartnerAgencyListApi",
    "TeamApi",
    "TeamMemberApi",
    "ThemeCreateApi",
    "transition_api",
]

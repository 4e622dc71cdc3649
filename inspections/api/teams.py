"""An inspection's team: list, add, change and remove members (changes by admins)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import PartnerAgency, User
from jtai.api import PaginatedListMixin
from jtai.idempotency import idempotent
from jtai.openapi import CONFLICT

from .. import selectors
from ..models import TeamMember, TeamRole
from ..permissions import require_can_manage_programme
from ..services import teams
from .common import TeamMemberOut

# --- input serializers ----------------------------------------------------------------------


class TeamMemberIn(serializers.Serializer):
    user = serializers.SlugRelatedField(slug_field="username", queryset=User.objects.all())
    role = serializers.ChoiceField(choices=TeamRole.choices)
    agencies = serializers.PrimaryKeyRelatedField(
        queryset=PartnerAgency.objects.all(), many=True, required=False
    )


class TeamMemberUpdateIn(serializers.Serializer):
    role = serializers.ChoiceField(choices=TeamRole.choices, required=False)
    agencies = serializers.PrimaryKeyRelatedField(
        queryset=PartnerAgency.objects.all(), many=True, required=False
    )


# --- views ----------------------------------------------------------------------------------


class TeamApi(PaginatedListMixin, APIView):
    @extend_schema(responses=TeamMemberOut(many=True), summary="An inspection's team")
    def get(self, request, pk):
        inspection = selectors.inspection_detail(request.user, pk)
        return self.paginated_response(
            request, inspection.team.all(), lambda page: TeamMemberOut(page, many=True).data
        )

    @extend_schema(
        request=TeamMemberIn,
        responses={201: TeamMemberOut, 409: CONFLICT},
        summary="Add a team member (admins)",
    )
    @idempotent
    def post(self, request, pk):
        inspection = selectors.inspection_detail(request.user, pk)
        require_can_manage_programme(request.user)
        data = TeamMemberIn(data=request.data)
        data.is_valid(raise_exception=True)
        member = teams.team_member_add(
            inspection=inspection, by=request.user, **data.validated_data
        )
        return Response(TeamMemberOut(member).data, status=status.HTTP_201_CREATED)


class TeamMemberApi(APIView):
    def _member(self, request, pk, member_pk) -> TeamMember:
        inspection = selectors.inspection_detail(request.user, pk)
        member = selectors.team_member_get(inspection, member_pk)
        require_can_manage_programme(request.user)
        return member

    @extend_schema(
        request=TeamMemberUpdateIn,
        responses={200: TeamMemberOut, 409: CONFLICT},
        summary="Change a member (admins)",
    )
    def patch(self, request, pk, member_pk):
        member = self._member(request, pk, member_pk)
        data = TeamMemberUpdateIn(data=request.data)
        data.is_valid(raise_exception=True)
        member = teams.team_member_update(member=member, by=request.user, **data.validated_data)
        return Response(TeamMemberOut(member).data)

    @extend_schema(responses={204: None, 409: CONFLICT}, summary="Remove a member (admins)")
    def delete(self, request, pk, member_pk):
        member = self._member(request, pk, member_pk)
        teams.team_member_remove(member=member, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

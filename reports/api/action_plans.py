"""The written statement of action by API, beyond submitting and evaluating it: reading it
(the area's contact their own, the team theirs) and an admin's acceptance, which closes the
inspection, as the statement's page does."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from jtai.openapi import CONFLICT

from .. import selectors
from ..services import action_plan_accept
from .authoring import ActionPlanOutput, _action_plan, _action_plan_output


class ActionPlanApi(APIView):
    @extend_schema(responses=ActionPlanOutput, summary="The written statement of action")
    def get(self, request, pk):
        return Response(_action_plan_output(_action_plan(request.user, pk)))


class ActionPlanAcceptApi(APIView):
    @extend_schema(
        request=None,
        responses={200: ActionPlanOutput, 409: CONFLICT},
        summary="Accept the statement and close the inspection (admins; 409 unless submitted)",
    )
    def post(self, request, pk):
        plan = selectors.action_plan_for_user(request.user, pk)
        plan = action_plan_accept(action_plan=plan, user=request.user)
        return Response(_action_plan_output(plan))

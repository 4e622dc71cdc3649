"""The written statement of action by API, as its pages: reading it (the area's contact
their own, the team theirs), its submission by the area (or recorded by the team), each
inspectorate's evaluation, the team's download of it, and an admin's acceptance, which closes
the inspection."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from jtai.openapi import CONFLICT

from .. import selectors
from ..models import EvaluationOutcome
from ..selectors import action_plan_evaluations, action_plan_for_user, contact_action_plan
from ..services import action_plan_accept
from ..services.action_plans import action_plan_evaluate, action_plan_submit
from .versions import PDF, FileDownloadApi


class ActionPlanEvaluationOutput(serializers.Serializer):
    submission = serializers.IntegerField()
    inspectorate = serializers.CharField(source="inspectorate.code")
    outcome = serializers.CharField()
    comment = serializers.CharField()
    at = serializers.DateTimeField()


class ActionPlanOutput(serializers.Serializer):
    inspection = serializers.IntegerField(source="publication.inspection_id")
    due_date = serializers.DateField()
    status = serializers.CharField()
    submission = serializers.IntegerField()
    submitted_on = serializers.DateField(allow_null=True)
    submitted_on_behalf_of = serializers.CharField()
    document_sha256 = serializers.CharField()
    document_url = serializers.SerializerMethodField()
    evaluations = ActionPlanEvaluationOutput(many=True, source="evaluation_list")

    def get_document_url(self, plan) -> str | None:
        """The team's download of the submitted statement (a token works), if there is one."""
        if not plan.document:
            return None
        return reverse("api-action-plan-document", args=[plan.publication.inspection_id])


class ActionPlanSubmitInput(serializers.Serializer):
    document = serializers.FileField(help_text="The statement as a PDF, smaller than 10 MB.")
    submitted_on = serializers.DateField(
        required=False, help_text="Recorded by the team: the day it was received (today if empty)."
    )


class ActionPlanEvaluateInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=EvaluationOutcome.choices)
    comment = serializers.CharField(
        allow_blank=True, required=False, default="", help_text="Required when not adequate."
    )


def _action_plan(user, pk):
    """The statement of an inspection the user may see: their own as the area's contact, the
    team's otherwise; 404 for anything else."""
    from inspections.information.permissions import is_area_contact

    if is_area_contact(user):
        return contact_action_plan(user, pk)
    return action_plan_for_user(user, pk)


def _action_plan_output(plan):
    plan.evaluation_list = action_plan_evaluations(plan)
    return ActionPlanOutput(plan).data


class ActionPlanSubmitApi(APIView):
    """The area's nominated contact submits the statement on behalf of the director of
    children's services; an admin or the overall lead records one received by email."""

    @extend_schema(
        request=ActionPlanSubmitInput,
        responses={200: ActionPlanOutput, 409: CONFLICT},
        summary="Submit the written statement of action (PDF)",
    )
    def post(self, request, pk):
        plan = _action_plan(request.user, pk)
        data = ActionPlanSubmitInput(data=request.data)
        data.is_valid(raise_exception=True)
        plan = action_plan_submit(
            action_plan=plan,
            user=request.user,
            document=data.validated_data["document"],
            submitted_on=data.validated_data.get("submitted_on"),
        )
        return Response(_action_plan_output(plan))


class ActionPlanEvaluateApi(APIView):
    """A participating inspectorate's lead evaluates the submitted statement."""

    @extend_schema(
        request=ActionPlanEvaluateInput,
        responses={200: ActionPlanOutput, 409: CONFLICT},
        summary="Evaluate the written statement of action (adequate or not, with comments)",
    )
    def post(self, request, pk):
        plan = action_plan_for_user(request.user, pk)
        data = ActionPlanEvaluateInput(data=request.data)
        data.is_valid(raise_exception=True)
        action_plan_evaluate(action_plan=plan, user=request.user, **data.validated_data)
        plan.refresh_from_db()
        return Response(_action_plan_output(plan))


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


class ActionPlanDocumentApi(FileDownloadApi):
    """The submitted statement for the inspection's team (and admins), as its page serves it."""

    @extend_schema(responses=PDF, summary="The submitted statement of action (PDF)")
    def get(self, request, pk):
        inspection = selectors.inspection_for_team(request.user, pk)
        plan = selectors.action_plan_for(inspection)
        if not plan.document:
            raise Http404("No statement of action has been submitted.")
        name = f"{inspection.reference}-statement-of-action.pdf"
        return self.file_response(request, plan.document, filename=name)

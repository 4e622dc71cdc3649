"""The planning API: programmes, their proposal, schedule runs (202 + a status URL), concerns.

Programmes and runs are for admins (anyone else: 404, as if they did not exist); concerns for
admins and lead inspectors. Bad input is 400 with field errors; a change to an accepted
programme is 409.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import Inspectorate, LocalAuthority
from jtai import fields
from jtai.api import PaginatedListMixin
from jtai.idempotency import idempotent
from jtai.openapi import CONFLICT

from ..api.common import ThemeField, framework_of_version_in
from ..models import FrameworkVersion
from . import permissions, selectors, services
from .models import Severity

# --- output ---------------------------------------------------------------------------------


class CapacityOut(serializers.Serializer):
    inspectorate = serializers.CharField(source="inspectorate.code")
    inspector_count = serializers.IntegerField()
    team_size = serializers.IntegerField()
    max_concurrent = serializers.IntegerField()
    inspectors = serializers.SerializerMethodField()

    def get_inspectors(self, obj) -> list[int]:
        return [u.pk for u in obj.inspectors.all()]


class ProgrammeOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    framework = serializers.CharField(source="framework_version.framework.code")
    framework_version = serializers.IntegerField(source="framework_version_id")
    theme = serializers.CharField(source="theme.code", default=None)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    target_areas = serializers.IntegerField()
    well_performing_share = serializers.IntegerField()
    status = serializers.CharField()
    capacities = CapacityOut(many=True)


class ChoiceOut(serializers.Serializer):
    id = serializers.IntegerField()
    authority = serializers.CharField(source="authority.gss_code")
    authority_name = serializers.CharField(source="authority.name")
    region = serializers.CharField(source="authority.region")
    included = serializers.BooleanField()
    locked = serializers.BooleanField()
    rank = serializers.IntegerField()
    priority = serializers.IntegerField()
    grade = serializers.CharField()
    reason = serializers.CharField()


class SlotOut(serializers.Serializer):
    authority = serializers.CharField(source="authority.gss_code")
    authority_name = serializers.CharField(source="authority.name")
    window_start = serializers.DateField()
    window_end = serializers.DateField()
    priority_rank = serializers.IntegerField()
    team = serializers.DictField()
    inspection = serializers.IntegerField(source="inspection_id", allow_null=True)


class RunOut(serializers.Serializer):
    id = serializers.IntegerField()
    programme = serializers.IntegerField(source="programme_id")
    status = serializers.CharField()
    progress = serializers.IntegerField()
    stage = serializers.CharField()
    solver_status = serializers.CharField()
    gap = serializers.FloatField(allow_null=True)
    explanation = serializers.CharField()
    seconds = serializers.FloatField(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)
    slots = serializers.SerializerMethodField()

    def get_slots(self, run) -> list[dict]:
        if not run.has_schedule:
            return []
        return SlotOut(run.slots.select_related("authority"), many=True).data


class ConcernOut(serializers.Serializer):
    id = serializers.IntegerField()
    inspectorate = serializers.CharField(source="inspectorate.code")
    authority = serializers.CharField(source="authority.gss_code")
    authority_name = serializers.CharField(source="authority.name")
    date = serializers.DateField()
    severity = serializers.CharField()
    summary = serializers.CharField()


# --- input ----------------------------------------------------------------------------------


class CapacityIn(serializers.Serializer):
    inspectorate = serializers.SlugRelatedField(
        slug_field="code", queryset=Inspectorate.objects.all()
    )
    inspector_count = serializers.IntegerField(min_value=0, max_value=1000)
    team_size = serializers.IntegerField(min_value=1, max_value=20, default=2)
    max_concurrent = serializers.IntegerField(min_value=1, max_value=100, default=2)


class ProgrammeIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    framework_version = serializers.PrimaryKeyRelatedField(queryset=FrameworkVersion.objects.all())
    theme = ThemeField(
        framework_of=framework_of_version_in("framework_version"), required=False, allow_null=True
    )
    period_start = fields.DateField()
    period_end = fields.DateField()
    target_areas = serializers.IntegerField(min_value=1, max_value=200)
    well_performing_share = serializers.IntegerField(min_value=0, max_value=100, default=25)
    capacities = CapacityIn(many=True, required=False)


class ChoiceIn(serializers.Serializer):
    action = serializers.ChoiceField(choices=services.CHOICE_ACTIONS)


class RunIn(serializers.Serializer):
    time_limit = serializers.IntegerField(min_value=1, max_value=120, default=20)


class ConcernIn(serializers.Serializer):
    inspectorate = serializers.SlugRelatedField(
        slug_field="code", queryset=Inspectorate.objects.all()
    )
    authority = serializers.SlugRelatedField(
        slug_field="gss_code", queryset=LocalAuthority.objects.all()
    )
    date = fields.DateField()
    severity = serializers.ChoiceField(choices=Severity.choices)
    summary = serializers.CharField(max_length=2000)


# --- views ----------------------------------------------------------------------------------


def _programme(request, pk):
    if not permissions.can_plan(request.user):
        raise Http404
    return get_object_or_404(
        selectors.visible_programmes(request.user).prefetch_related(
            "capacities__inspectorate", "capacities__inspectors"
        ),
        pk=pk,
    )


class ProgrammeListApi(PaginatedListMixin, APIView):
    @extend_schema(responses=ProgrammeOut(many=True), summary="Programmes (admins)")
    def get(self, request):
        if not permissions.can_plan(request.user):
            raise Http404
        qs = (
            selectors.visible_programmes(request.user)
            .prefetch_related("capacities__inspectorate", "capacities__inspectors")
            .order_by("-period_start", "name", "pk")  # the count annotation drops Meta.ordering
        )
        return self.paginated_response(request, qs, lambda page: ProgrammeOut(page, many=True).data)

    @extend_schema(
        request=ProgrammeIn,
        responses={201: ProgrammeOut},
        summary="Create a programme and propose its areas (admins)",
    )
    @idempotent
    def post(self, request):
        if not permissions.can_plan(request.user):
            raise Http404
        data = ProgrammeIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        capacities = {
            c["inspectorate"].code: {
                "inspector_count": c["inspector_count"],
                "team_size": c["team_size"],
                "max_concurrent": c["max_concurrent"],
            }
            for c in values.pop("capacities", [])
        }
        programme = services.programme_create(by=request.user, capacities=capacities, **values)
        services.programme_propose(programme=programme, by=request.user)
        return Response(
            ProgrammeOut(_programme(request, programme.pk)).data, status=status.HTTP_201_CREATED
        )


class ProgrammeDetailApi(APIView):
    @extend_schema(responses=ProgrammeOut, summary="One programme")
    def get(self, request, pk):
        return Response(ProgrammeOut(_programme(request, pk)).data)


class ProposalApi(PaginatedListMixin, APIView):
    @extend_schema(responses=ChoiceOut(many=True), summary="The proposal: every authority")
    def get(self, request, pk):
        programme = _programme(request, pk)
        included = request.query_params.get("included", "")
        region = request.query_params.get("region", "")
        return self.paginated_response(
            request,
            selectors.proposal(programme, included=included, region=region),
            lambda page: ChoiceOut(page, many=True).data,
        )

    @extend_schema(
        request=None, responses=ChoiceOut(many=True), summary="Propose again (locks kept)"
    )
    def post(self, request, pk):
        programme = _programme(request, pk)
        choices = services.programme_propose(programme=programme, by=request.user)
        return Response(ChoiceOut(choices, many=True).data)


class ChoiceApi(APIView):
    @extend_schema(
        request=ChoiceIn,
        responses={200: ChoiceOut, 409: CONFLICT},
        summary="Add, remove, lock or unlock",
    )
    def post(self, request, pk, choice_pk):
        programme = _programme(request, pk)
        choice = get_object_or_404(programme.choices.select_related("authority"), pk=choice_pk)
        data = ChoiceIn(data=request.data)
        data.is_valid(raise_exception=True)
        choice = services.choice_change(choice=choice, by=request.user, **data.validated_data)
        return Response(ChoiceOut(choice).data)


class RunCreateApi(APIView):
    @extend_schema(
        request=RunIn,
        responses={202: RunOut, 409: CONFLICT},
        summary="Run the scheduler: 202, then poll the run's URL (Location)",
    )
    def post(self, request, pk):
        programme = _programme(request, pk)
        data = RunIn(data=request.data)
        data.is_valid(raise_exception=True)
        run = services.schedule_run_request(
            programme=programme, by=request.user, **data.validated_data
        )
        url = reverse("api-programme-run", args=[run.pk])
        run.refresh_from_db()
        return Response(
            {**RunOut(run).data, "status_url": request.build_absolute_uri(url)},
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": url},
        )


def _run(request, pk):
    if not permissions.can_plan(request.user):
        raise Http404
    return get_object_or_404(selectors.visible_runs(request.user), pk=pk)


class RunDetailApi(APIView):
    @extend_schema(responses=RunOut, summary="A schedule run: status, progress, the draft schedule")
    def get(self, request, pk):
        return Response(RunOut(_run(request, pk)).data)


class RunAcceptApi(APIView):
    @extend_schema(request=None, responses=RunOut, summary="Accept: create the planned inspections")
    def post(self, request, pk):
        run = _run(request, pk)
        services.schedule_run_accept(run=run, by=request.user)
        return Response(RunOut(_run(request, pk)).data)


class ConcernListApi(PaginatedListMixin, APIView):
    @extend_schema(responses=ConcernOut(many=True), summary="Concerns (admins and leads)")
    def get(self, request):
        if not permissions.can_record_concerns(request.user):
            raise Http404
        return self.paginated_response(
            request,
            selectors.visible_concerns(request.user),
            lambda page: ConcernOut(page, many=True).data,
        )

    @extend_schema(request=ConcernIn, responses={201: ConcernOut}, summary="Record a concern")
    def post(self, request):
        if not permissions.can_record_concerns(request.user):
            raise Http404
        data = ConcernIn(data=request.data)
        data.is_valid(raise_exception=True)
        concern = services.concern_record(by=request.user, **data.validated_data)
        return Response(ConcernOut(concern).data, status=status.HTTP_201_CREATED)

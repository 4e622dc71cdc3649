"""Frameworks as data: list and detail, themes added and versions revised by admins."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import Inspectorate
from jtai import fields
from jtai.api import PaginatedListMixin

from .. import selectors
from ..models import Framework, FrameworkVersion
from ..permissions import require_can_manage_programme
from ..services import frameworks
from .common import RelatedValues

# --- output serializers ---------------------------------------------------------------------


class InspectorateRuleOut(serializers.Serializer):
    inspectorate = serializers.CharField(source="inspectorate.code")
    participation = serializers.CharField()


class AgencyTypeRuleOut(serializers.Serializer):
    agency_type = serializers.CharField(source="agency_type.code")
    judged_by = serializers.CharField(source="judged_by.code")


class JudgementAreaOut(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    criteria = serializers.CharField()
    order = serializers.IntegerField()
    is_shared = serializers.BooleanField()
    excluded_agency_types = RelatedValues("code")
    grade_descriptors = serializers.DictField(child=serializers.CharField())


class CaseCriterionOut(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()


class FrameworkVersionOut(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    active_from = serializers.DateField()
    active_to = serializers.DateField(allow_null=True)
    graded = serializers.BooleanField()
    aggregate_judgement_allowed = serializers.BooleanField()
    window_days = serializers.IntegerField()
    notice_working_days = serializers.IntegerField(allow_null=True)
    report_form = serializers.CharField()
    action_plan_working_days = serializers.IntegerField(allow_null=True)
    min_tracked_cases = serializers.IntegerField()
    method = serializers.CharField()
    revised_from = serializers.IntegerField(source="revised_from_id", allow_null=True)
    inspectorates = InspectorateRuleOut(source="inspectorate_rules", many=True)
    agency_types = AgencyTypeRuleOut(source="agency_type_rules", many=True)
    judgement_areas = JudgementAreaOut(many=True)
    case_criteria = CaseCriterionOut(many=True)


class ThemeOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    inspectorates = RelatedValues("code")


class FrameworkOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    versions = FrameworkVersionOut(many=True)
    themes = ThemeOut(many=True)


# --- input serializers ----------------------------------------------------------------------


class ThemeIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    start_date = fields.DateField()
    end_date = fields.DateField(required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    inspectorates = serializers.SlugRelatedField(
        slug_field="code", queryset=Inspectorate.objects.all(), many=True, required=False
    )


class FrameworkVersionReviseIn(serializers.Serializer):
    active_from = fields.DateField(required=False)
    active_to = fields.DateField(required=False, allow_null=True)
    # The same bounds as the admin's page (FrameworkVersionForm).
    window_days = serializers.IntegerField(required=False, min_value=1, max_value=60)
    notice_working_days = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=30
    )
    action_plan_working_days = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=200
    )
    min_tracked_cases = serializers.IntegerField(required=False, min_value=0, max_value=100)
    method = serializers.CharField(required=False, allow_blank=True)


# --- views ----------------------------------------------------------------------------------


class FrameworkListApi(PaginatedListMixin, APIView):
    @extend_schema(responses=FrameworkOut(many=True), summary="Frameworks, as data")
    def get(self, request):
        return self.paginated_response(
            request, selectors.framework_list(), lambda page: FrameworkOut(page, many=True).data
        )


class FrameworkDetailApi(APIView):
    @extend_schema(responses=FrameworkOut, summary="One framework with versions and themes")
    def get(self, request, code):
        framework = get_object_or_404(selectors.framework_list(), code=code)
        return Response(FrameworkOut(framework).data)


class ThemeCreateApi(APIView):
    @extend_schema(request=ThemeIn, responses={201: ThemeOut}, summary="Add a theme (admins)")
    def post(self, request, code):
        framework = get_object_or_404(Framework, code=code)
        require_can_manage_programme(request.user)
        data = ThemeIn(data=request.data)
        data.is_valid(raise_exception=True)
        theme = frameworks.theme_create(framework=framework, by=request.user, **data.validated_data)
        return Response(ThemeOut(theme).data, status=status.HTTP_201_CREATED)


class FrameworkVersionReviseApi(APIView):
    @extend_schema(
        request=FrameworkVersionReviseIn,
        responses=FrameworkVersionOut,
        summary="Edit a framework version (admins)",
        description="If a started inspection uses the version, the edit creates a new version "
        "and the inspection keeps its own. The response is the version edited or created.",
    )
    def patch(self, request, pk):
        version = get_object_or_404(FrameworkVersion, pk=pk)
        require_can_manage_programme(request.user)
        data = FrameworkVersionReviseIn(data=request.data)
        data.is_valid(raise_exception=True)
        revised = frameworks.framework_version_revise(
            version=version, by=request.user, **data.validated_data
        )
        return Response(FrameworkVersionOut(revised).data)

"""The public register by API (anyone, published reports only, read-only) and, for admins,
the written statements of action past their due date."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import LocalAuthority, Region
from inspections.api.common import ThemeField, framework_named_by
from inspections.models import Framework
from jtai import clock
from jtai.api import PaginatedListMixin

from .. import permissions, selectors


class RegisterFilter(serializers.Serializer):
    authority = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=LocalAuthority.objects.filter(la_code__isnull=False),
        required=False,
        help_text="The local authority's slug.",
    )
    region = serializers.ChoiceField(choices=Region.choices, required=False)
    framework = serializers.SlugRelatedField(
        slug_field="code", queryset=Framework.objects.all(), required=False
    )
    theme = ThemeField(framework_of=framework_named_by("framework"), required=False)
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


class PublishedReportOutput(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    published_at = serializers.DateTimeField(source="publish_at")
    authority = serializers.CharField(source="inspection.authority.name")
    gss_code = serializers.CharField(source="inspection.authority.gss_code")
    region = serializers.CharField(source="inspection.authority.region")
    framework = serializers.CharField(source="inspection.framework_version.framework.code")
    theme = serializers.CharField(source="inspection.theme.code", allow_null=True, default=None)
    url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    def get_url(self, publication) -> str:
        return reverse("reports:detail", args=[publication.slug])

    def get_pdf_url(self, publication) -> str:
        return reverse("reports:detail-pdf", args=[publication.slug])


class PublishedReportListApi(PaginatedListMixin, APIView):
    """Anyone may read it: only reports whose embargo has passed, newest first."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[RegisterFilter],
        responses=PublishedReportOutput(many=True),
        summary="The public register of published reports",
    )
    def get(self, request):
        filters = RegisterFilter(data=request.query_params)
        filters.is_valid(raise_exception=True)
        publications = selectors.register_publications(**filters.validated_data)
        return self.paginated_response(
            request, publications, lambda page: PublishedReportOutput(page, many=True).data
        )


class PublishedReportApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=PublishedReportOutput, summary="One published report")
    def get(self, request, slug):
        publication = selectors.public_publications().filter(slug=slug).first()
        if publication is None:  # embargoed or unknown: the same answer
            raise Http404("No such report")
        return Response(PublishedReportOutput(publication).data)


class OverdueActionPlanOutput(serializers.Serializer):
    inspection = serializers.IntegerField(source="publication.inspection_id")
    reference = serializers.CharField(source="publication.inspection.reference")
    authority = serializers.CharField(source="publication.inspection.authority.name")
    due_date = serializers.DateField()
    status = serializers.CharField()
    days_overdue = serializers.SerializerMethodField()

    def get_days_overdue(self, plan) -> int:
        return (self.context["today"] - plan.due_date).days


class OverdueActionPlanListApi(PaginatedListMixin, APIView):
    @extend_schema(
        responses=OverdueActionPlanOutput(many=True),
        summary="Written statements of action past their due date (admins)",
    )
    def get(self, request):
        permissions.require_can_see_overdue_action_plans(request.user)
        today = clock.today()
        plans = selectors.overdue_action_plans(request.user, today)
        return self.paginated_response(
            request,
            plans,
            lambda page: OverdueActionPlanOutput(page, many=True, context={"today": today}).data,
        )

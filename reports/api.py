"""Report API: queue a generation (202 with a status URL), read a job, list versions."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from jtai.api import PaginatedListMixin
from jtai.openapi import CONFLICT

from .models import ReportJob, VersionKind
from .selectors import (
    factual_accuracy_link_for_user,
    inspection_for_team,
    job_for_user,
    versions_for,
)
from .services import factual_accuracy_link_revoke, report_job_create


class GenerateInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=VersionKind.choices)


class JobOutput(serializers.ModelSerializer):
    status_url = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()

    class Meta:
        model = ReportJob
        fields = [
            "id",
            "kind",
            "status",
            "progress",
            "error",
            "attempts",
            "created_at",
            "started_at",
            "finished_at",
            "status_url",
            "version",
        ]

    def get_status_url(self, job) -> str:
        return reverse("api-report-job", args=[job.pk])

    def get_version(self, job) -> dict | None:
        version = getattr(job, "version", None)
        if version is None:
            return None
        return VersionOutput(version).data


class VersionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    kind = serializers.CharField()
    label = serializers.CharField()
    pdf_sha256 = serializers.CharField()
    page_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    pdf_url = serializers.SerializerMethodField()

    def get_pdf_url(self, version) -> str:
        return reverse("reports:version-pdf", args=[version.inspection_id, version.pk])


class InspectionReportsApi(PaginatedListMixin, APIView):
    @extend_schema(responses=VersionOutput(many=True), summary="Report versions, newest first")
    def get(self, request, pk):
        inspection = inspection_for_team(request.user, pk)
        return self.paginated_response(
            request, versions_for(inspection), lambda page: VersionOutput(page, many=True).data
        )

    @extend_schema(
        request=GenerateInput,
        responses={202: JobOutput, 409: CONFLICT},
        summary="Queue a generation: 202, then poll the job's URL (Location)",
    )
    def post(self, request, pk):
        inspection = inspection_for_team(request.user, pk)
        data = GenerateInput(data=request.data)
        data.is_valid(raise_exception=True)
        job = report_job_create(
            inspection=inspection, user=request.user, kind=data.validated_data["kind"]
        )
        body = JobOutput(job).data
        return Response(
            body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["status_url"]}
        )


class ReportJobApi(APIView):
    @extend_schema(responses=JobOutput, summary="A generation job: status, progress, the version")
    def get(self, request, pk):
        job = job_for_user(request.user, pk)
        return Response(JobOutput(job).data)


class FactualAccuracyLinkOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()
    email = serializers.EmailField()
    revoked_at = serializers.DateTimeField(allow_null=True)


class FactualAccuracyLinkRevokeApi(APIView):
    """Revoke one recipient's factual-accuracy link (the overall lead's; 409 when already)."""

    @extend_schema(request=None, responses=FactualAccuracyLinkOutput)
    def post(self, request, pk):
        link = factual_accuracy_link_for_user(request.user, pk)
        link = factual_accuracy_link_revoke(link=link, user=request.user)
        return Response(FactualAccuracyLinkOutput(link).data)

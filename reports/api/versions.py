"""A report's versions by API: a version's PDF (with a token as with a session), two versions
compared, and a failed generation queued again; each through what the pages use."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from jtai.exceptions import ConflictError
from jtai.openapi import CONFLICT
from jtai.storage import private_file_response

from .. import selectors
from ..comparison import version_comparison
from ..services import report_job_retry
from .authoring import JobOutput, VersionOutput


class FileDownloadApi(APIView):
    """A stored file by API: token or session, never in a shared cache (`Cache-Control:
    private, no-store`), refused (409) when it fails its integrity check."""

    def perform_content_negotiation(self, request, force=False):
        # A client asks for the file (`Accept: application/pdf`); errors are still JSON.
        return super().perform_content_negotiation(request, force=True)

    def file_response(self, request, file, *, filename: str):
        response = private_file_response(
            request, file, filename=filename, content_type="application/pdf"
        )
        if response.status_code == 409:
            raise ConflictError("The stored file failed its integrity check: it is not served.")
        return response


PDF = {(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)}


class ReportVersionPdfApi(FileDownloadApi):
    """A version's PDF for the team: the `pdf_url` of a version."""

    @extend_schema(responses=PDF, summary="A version's PDF")
    def get(self, request, pk, version_pk):
        inspection = selectors.inspection_for_team(request.user, pk)
        version = selectors.version_for(inspection, version_pk)
        name = f"{inspection.reference}-{version.label.lower().replace(' ', '-')}.pdf"
        return self.file_response(request, version.pdf, filename=name)


class CompareFilter(serializers.Serializer):
    a = serializers.IntegerField(help_text="A version's id.")
    b = serializers.IntegerField(help_text="Another version's id (either order).")


class SectionChangeOutput(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    segments = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()),
        help_text='Word runs in order: {"op": "equal" | "insert" | "delete", "text": ...}.',
    )


class ComparisonOutput(serializers.Serializer):
    older = VersionOutput()
    newer = VersionOutput()
    sections = SectionChangeOutput(many=True)
    lines = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()),
        help_text='The unified diff: {"kind": "add" | "del" | "hunk" | "same", "line": ...}.',
    )


class ReportVersionCompareApi(APIView):
    @extend_schema(
        parameters=[CompareFilter],
        responses=ComparisonOutput,
        summary="Two versions of the report compared, as the compare page shows them",
    )
    def get(self, request, pk):
        inspection = selectors.inspection_for_team(request.user, pk)
        query = CompareFilter(data=request.query_params)
        query.is_valid(raise_exception=True)
        a, b = query.validated_data["a"], query.validated_data["b"]
        known = set(selectors.versions_for(inspection).values_list("pk", flat=True))
        unknown = {
            name: ["Not a version of this report."]
            for name, value in (("a", a), ("b", b))
            if value not in known
        }
        if unknown:
            raise serializers.ValidationError(unknown)
        comparison = version_comparison(inspection, a, b)
        return Response(
            ComparisonOutput(
                {
                    "older": comparison.older,
                    "newer": comparison.newer,
                    "sections": [
                        {
                            "key": change.key,
                            "title": change.title,
                            "segments": [{"op": op, "text": text} for op, text in change.segments],
                        }
                        for change in comparison.sections
                    ],
                    "lines": [{"kind": kind, "line": line} for kind, line in comparison.lines],
                }
            ).data
        )


class ReportJobRetryApi(APIView):
    @extend_schema(
        request=None,
        responses={200: JobOutput, 409: CONFLICT},
        summary="Queue a failed or stalled generation again (409 otherwise)",
    )
    def post(self, request, pk):
        job = selectors.job_for_user(request.user, pk)
        job = report_job_retry(job=job, user=request.user)
        return Response(JobOutput(job).data)

"""Judgements: the inspection's list, one judgement, and saving it (a stale version gets 409)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.views import APIView

from agencies.models import Grade
from inspections.models import Judgement
from jtai.api import PaginatedListMixin

from .. import selectors, services
from ..permissions import can_edit_judgement, require_edit_judgement
from .common import CONFLICT, ERROR_RESPONSES, MAX_VERSION, AreaOutput, RecordDetailApi


class AgencyOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    agency_type = serializers.CharField(source="agency_type.code")


class JudgementOutput(serializers.Serializer):
    id = serializers.IntegerField()
    inspection = serializers.IntegerField(source="inspection_id")
    agency = AgencyOutput()
    area = AreaOutput()
    inspectorate = serializers.CharField(source="inspectorate.code")
    grade = serializers.CharField()
    strengths = serializers.ListField(child=serializers.CharField())
    improvements = serializers.ListField(child=serializers.CharField())
    evidence_summary = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    updated_at = serializers.DateTimeField(allow_null=True)
    returned_comment = serializers.CharField()
    can_edit = serializers.BooleanField()


class JudgementInput(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=0, max_value=MAX_VERSION, help_text="The version you started editing from."
    )
    grade = serializers.ChoiceField(
        choices=[("", "No grade"), *Grade.choices], required=False, allow_blank=True
    )
    strengths = serializers.ListField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=True), required=False
    )
    improvements = serializers.ListField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=True), required=False
    )
    evidence_summary = serializers.CharField(required=False, allow_blank=True)
    complete = serializers.BooleanField(
        required=False, default=False, help_text="Mark as completed (else a draft)."
    )


def _judgement_output(judgement, access):
    judgement.can_edit = can_edit_judgement(access, judgement)
    return JudgementOutput(judgement).data


class InspectionJudgementsApi(PaginatedListMixin, APIView):
    @extend_schema(
        responses={200: JudgementOutput(many=True), 404: ERROR_RESPONSES[404]},
        summary="The inspection's judgements (leads and admins: all; inspectors: their own)",
    )
    def get(self, request, pk):
        access = selectors.access_to(request.user, pk)
        return self.paginated_response(
            request,
            selectors.judgements_for(access),
            lambda page: [_judgement_output(j, access) for j in page],
        )


@extend_schema_view(
    get=extend_schema(responses={200: JudgementOutput, 404: ERROR_RESPONSES[404]}),
    put=extend_schema(
        request=JudgementInput,
        responses={200: JudgementOutput, **ERROR_RESPONSES, **CONFLICT},
        summary="Save a judgement as a draft or completed; a stale version gets 409",
    ),
)
class JudgementDetailApi(RecordDetailApi):
    model = Judgement
    input_serializer = JudgementInput
    output_serializer = JudgementOutput
    read = staticmethod(selectors.judgement_for)
    require_edit = staticmethod(require_edit_judgement)
    check_read_object = True

    def output(self, judgement, access):
        return _judgement_output(judgement, access)

    def save(self, request, judgement, values):
        services.judgement_save(
            judgement=judgement,
            user=request.user,
            version=values["version"],
            grade=values.get("grade", judgement.grade),
            strengths=values.get("strengths", judgement.strengths),
            improvements=values.get("improvements", judgement.improvements),
            evidence_summary=values.get("evidence_summary", judgement.evidence_summary),
            complete=values["complete"],
        )

    @extend_schema(
        request=JudgementInput,
        responses={200: JudgementOutput, **ERROR_RESPONSES, **CONFLICT},
        summary="As PUT: fields left out keep their saved values",
    )
    def patch(self, request, pk):
        return self.put(request, pk)


class RevisionOutput(serializers.Serializer):
    version = serializers.IntegerField()
    grade = serializers.CharField()
    strengths = serializers.ListField(child=serializers.CharField())
    improvements = serializers.ListField(child=serializers.CharField())
    evidence_summary = serializers.CharField()
    status = serializers.CharField()
    by = serializers.CharField(source="by.display_name")
    at = serializers.DateTimeField()
    note = serializers.CharField()
    changes = serializers.DictField(
        help_text="What this version changed from the one before: `grade_from`, `grade_to` "
        "(the grades as shown), "
        "`strengths` and `improvements` ({added, removed}), and `summary` as word runs "
        '({"op": "equal" | "insert" | "delete", "text": ...}).'
    )


def _revision_output(revision, diff) -> dict:
    revision.changes = {
        "grade_from": diff.grade_from,
        "grade_to": diff.grade_to,
        "strengths": {"added": diff.strengths.added, "removed": diff.strengths.removed},
        "improvements": {"added": diff.improvements.added, "removed": diff.improvements.removed},
        "summary": [{"op": op, "text": text} for op, text in diff.summary],
    }
    return RevisionOutput(revision).data


class JudgementHistoryApi(PaginatedListMixin, APIView):
    @extend_schema(
        responses={200: RevisionOutput(many=True), 404: ERROR_RESPONSES[404]},
        summary="Every saved version of a judgement, newest first, with what each changed",
    )
    def get(self, request, pk):
        judgement, access = selectors.object_and_access(request.user, Judgement, pk)
        judgement = selectors.judgement_for(access, judgement.pk)
        return self.paginated_response(
            request,
            selectors.revision_history(judgement),
            lambda page: [_revision_output(revision, diff) for revision, diff in page],
        )

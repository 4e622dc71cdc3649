"""The recording API: judgements, evidence records, case samples and the shared judgement.

Input and output serializers are separate; each view calls one service. Objects are found only
through inspections the user may see, so a guessed id is a 404; a reader who may not change an
object gets 403; a stale `version` gets 409 with the current version.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import Grade
from inspections.models import (
    AssessmentOutcome,
    CaseKind,
    CaseSample,
    EvidenceRecord,
    EvidenceSource,
    Judgement,
    SharedJudgement,
)

from . import selectors, services
from .permissions import (
    can_edit_judgement,
    require_agree_shared,
    require_draft_shared,
    require_edit_case,
    require_edit_evidence,
    require_edit_judgement,
    require_record_case,
    require_record_evidence,
)

ERROR_RESPONSES = {
    400: OpenApiResponse(description="Not valid: {detail, errors: {field: [messages]}}"),
    403: OpenApiResponse(description="You may read this but not change it"),
    404: OpenApiResponse(description="No such object, or not visible to you"),
}
MAX_VERSION = 2**31 - 1
CONFLICT = {409: OpenApiResponse(description="Stale version: someone saved a newer one")}


class Pagination(PageNumberPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


# ---------------------------------------------------------------------------------------------
# Judgements


class AgencyOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    agency_type = serializers.CharField(source="agency_type.code")


class AreaOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()


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


class InspectionJudgementsApi(APIView):
    @extend_schema(
        operation_id="inspection_judgements_list",
        responses={200: JudgementOutput(many=True), 404: ERROR_RESPONSES[404]},
        summary="The inspection's judgements (leads and admins: all; inspectors: their own)",
    )
    def get(self, request, pk):
        access = selectors.access_to(request.user, pk)
        judgements = list(selectors.judgements_for(access))
        return Response([_judgement_output(j, access) for j in judgements])


class JudgementDetailApi(APIView):
    def _get(self, request, pk):
        judgement, access = selectors.object_and_access(request.user, Judgement, pk)
        judgement = selectors.judgement_for(access, judgement.pk)
        return judgement, access

    @extend_schema(responses={200: JudgementOutput, 404: ERROR_RESPONSES[404]})
    def get(self, request, pk):
        judgement, access = self._get(request, pk)
        return Response(_judgement_output(judgement, access))

    @extend_schema(
        request=JudgementInput,
        responses={200: JudgementOutput, **ERROR_RESPONSES, **CONFLICT},
        summary="Save a judgement as a draft or completed; a stale version gets 409",
    )
    def put(self, request, pk):
        judgement, access = self._get(request, pk)
        require_edit_judgement(access, judgement)
        data = JudgementInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        saved = services.judgement_save(
            judgement=judgement,
            user=request.user,
            version=values["version"],
            grade=values.get("grade", judgement.grade),
            strengths=values.get("strengths", judgement.strengths),
            improvements=values.get("improvements", judgement.improvements),
            evidence_summary=values.get("evidence_summary", judgement.evidence_summary),
            complete=values["complete"],
        )
        saved = selectors.judgement_for(access, saved.pk)
        return Response(_judgement_output(saved, access))

    @extend_schema(
        request=JudgementInput,
        responses={200: JudgementOutput, **ERROR_RESPONSES, **CONFLICT},
        summary="As PUT: fields left out keep their saved values",
    )
    def patch(self, request, pk):
        return self.put(request, pk)


# ---------------------------------------------------------------------------------------------
# Evidence records


class EvidenceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    inspection = serializers.IntegerField(source="inspection_id")
    agency = serializers.IntegerField(source="agency_id")
    source = serializers.CharField()
    date = serializers.DateField()
    note = serializers.CharField()
    areas = serializers.SerializerMethodField()
    recorded_by = serializers.CharField(source="recorded_by.display_name")
    created_at = serializers.DateTimeField()

    def get_areas(self, obj) -> list[str]:
        return [a.code for a in obj.areas.all()]


class EvidenceInput(serializers.Serializer):
    agency = serializers.IntegerField()
    source = serializers.ChoiceField(choices=EvidenceSource.choices)
    date = serializers.DateField()
    note = serializers.CharField(max_length=services.MAX_NOTE_LENGTH)
    areas = serializers.ListField(
        child=serializers.SlugField(), required=False, help_text="Judgement area codes."
    )


def _area_ids(inspection, codes) -> list:
    from inspections.models import JudgementArea

    found = dict(
        JudgementArea.objects.filter(
            version=inspection.framework_version_id, code__in=codes
        ).values_list("code", "pk")
    )
    unknown = [c for c in codes if c not in found]
    if unknown:
        from jtai.exceptions import ApplicationError

        raise ApplicationError(
            "Unknown judgement area", fields={"areas": [f"Unknown area: {', '.join(unknown)}"]}
        )
    return list(found.values())


class InspectionEvidenceApi(APIView):
    @extend_schema(
        operation_id="inspection_evidence_list",
        responses={200: EvidenceOutput(many=True), 404: ERROR_RESPONSES[404]},
    )
    def get(self, request, pk):
        access = selectors.access_to(request.user, pk)
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.evidence_for(access), request, view=self)
        return paginator.get_paginated_response(EvidenceOutput(page, many=True).data)

    @extend_schema(
        operation_id="inspection_evidence_create",
        request=EvidenceInput,
        responses={201: EvidenceOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        access = selectors.access_to(request.user, pk)
        require_record_evidence(access)
        data = EvidenceInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["areas"] = _area_ids(access.inspection, values.get("areas", []))
        record = services.evidence_record_create(
            inspection=access.inspection, user=request.user, **values
        )
        record = selectors.evidence_record_for(access, record.pk)
        return Response(EvidenceOutput(record).data, status=status.HTTP_201_CREATED)


class EvidenceDetailApi(APIView):
    @extend_schema(responses={200: EvidenceOutput, 404: ERROR_RESPONSES[404]})
    def get(self, request, pk):
        record, access = selectors.object_and_access(request.user, EvidenceRecord, pk)
        return Response(EvidenceOutput(selectors.evidence_record_for(access, record.pk)).data)

    @extend_schema(request=EvidenceInput, responses={200: EvidenceOutput, **ERROR_RESPONSES})
    def put(self, request, pk):
        record, access = selectors.object_and_access(request.user, EvidenceRecord, pk)
        require_edit_evidence(access, record)
        data = EvidenceInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["areas"] = _area_ids(access.inspection, values.get("areas", []))
        services.evidence_record_update(record=record, **values)
        return Response(EvidenceOutput(selectors.evidence_record_for(access, record.pk)).data)


# ---------------------------------------------------------------------------------------------
# Case samples


class AssessmentOutput(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.code")
    outcome = serializers.CharField()
    note = serializers.CharField()


class CaseOutput(serializers.Serializer):
    id = serializers.IntegerField()
    inspection = serializers.IntegerField(source="inspection_id")
    reference = serializers.CharField()
    kind = serializers.CharField()
    agencies = serializers.SerializerMethodField()
    summary = serializers.CharField()
    assessments = AssessmentOutput(many=True)

    def get_agencies(self, obj) -> list[int]:
        return [a.pk for a in obj.agencies.all()]


class CaseInput(serializers.Serializer):
    reference = serializers.CharField(
        max_length=20, help_text=f"A case reference: {services.CASE_REFERENCE_HINT}."
    )
    kind = serializers.ChoiceField(choices=CaseKind.choices)
    agencies = serializers.ListField(child=serializers.IntegerField())
    summary = serializers.CharField(required=False, allow_blank=True)


class AssessmentInput(serializers.Serializer):
    criterion = serializers.SlugField()
    outcome = serializers.ChoiceField(
        choices=[("", "Not assessed"), *AssessmentOutcome.choices], allow_blank=True
    )
    note = serializers.CharField(required=False, allow_blank=True)


class AssessmentsInput(serializers.Serializer):
    assessments = AssessmentInput(many=True)


class CaseSummaryOutput(serializers.Serializer):
    total = serializers.IntegerField()
    tracked = serializers.IntegerField()
    sampled = serializers.IntegerField()
    min_tracked = serializers.IntegerField()
    tracked_needed = serializers.IntegerField()
    criteria = serializers.ListField(child=serializers.DictField())


class InspectionCasesApi(APIView):
    @extend_schema(
        operation_id="inspection_case_samples_list",
        responses={200: CaseOutput(many=True), 404: ERROR_RESPONSES[404]},
    )
    def get(self, request, pk):
        access = selectors.access_to(request.user, pk)
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.cases_for(access), request, view=self)
        return paginator.get_paginated_response(CaseOutput(page, many=True).data)

    @extend_schema(
        operation_id="inspection_case_samples_create",
        request=CaseInput,
        responses={201: CaseOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        access = selectors.access_to(request.user, pk)
        require_record_case(access)
        data = CaseInput(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.case_sample_create(
            inspection=access.inspection, user=request.user, **data.validated_data
        )
        return Response(
            CaseOutput(selectors.case_for(access, case.pk)).data, status=status.HTTP_201_CREATED
        )


class InspectionCaseSummaryApi(APIView):
    @extend_schema(
        operation_id="inspection_case_samples_summary",
        responses={200: CaseSummaryOutput, 404: ERROR_RESPONSES[404]},
        summary="Counts by kind and outcomes per case criterion",
    )
    def get(self, request, pk):
        access = selectors.access_to(request.user, pk)
        return Response(selectors.case_sample_summary(access.inspection))


class CaseDetailApi(APIView):
    @extend_schema(responses={200: CaseOutput, 404: ERROR_RESPONSES[404]})
    def get(self, request, pk):
        case, access = selectors.object_and_access(request.user, CaseSample, pk)
        return Response(CaseOutput(selectors.case_for(access, case.pk)).data)

    @extend_schema(request=CaseInput, responses={200: CaseOutput, **ERROR_RESPONSES})
    def put(self, request, pk):
        case, access = selectors.object_and_access(request.user, CaseSample, pk)
        require_edit_case(access, case)
        data = CaseInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_sample_update(case=case, **data.validated_data)
        return Response(CaseOutput(selectors.case_for(access, case.pk)).data)


class CaseAssessmentsApi(APIView):
    @extend_schema(
        request=AssessmentsInput,
        responses={200: CaseOutput, **ERROR_RESPONSES},
        summary="Record the case's outcome per criterion (an empty outcome removes it)",
    )
    def put(self, request, pk):
        case, access = selectors.object_and_access(request.user, CaseSample, pk)
        require_edit_case(access, case)
        data = AssessmentsInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_assessments_record(
            case=case,
            user=request.user,
            assessments={
                a["criterion"]: {"outcome": a["outcome"], "note": a.get("note", "")}
                for a in data.validated_data["assessments"]
            },
        )
        return Response(CaseOutput(selectors.case_for(access, case.pk)).data)


# ---------------------------------------------------------------------------------------------
# The shared judgement


class AgreementOutput(serializers.Serializer):
    inspectorate = serializers.CharField(source="inspectorate.code")
    agrees = serializers.BooleanField()
    comment = serializers.CharField()
    by = serializers.CharField(source="by.display_name")
    judgement_version = serializers.IntegerField()
    at = serializers.DateTimeField()


class SharedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    inspection = serializers.IntegerField(source="inspection_id")
    area = AreaOutput()
    grade = serializers.CharField()
    text = serializers.CharField()
    strengths = serializers.ListField(child=serializers.CharField())
    improvements = serializers.ListField(child=serializers.CharField())
    version = serializers.IntegerField()
    is_agreed = serializers.BooleanField()
    agreements = serializers.SerializerMethodField()

    def get_agreements(self, obj) -> list[dict]:
        current = [r["agreement"] for r in selectors.shared_agreement_rows(obj) if r["agreement"]]
        return AgreementOutput(current, many=True).data


class SharedInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=0, max_value=MAX_VERSION)
    grade = serializers.ChoiceField(
        choices=[("", "No grade"), *Grade.choices], required=False, allow_blank=True
    )
    text = serializers.CharField(allow_blank=True)
    strengths = serializers.ListField(child=serializers.CharField(allow_blank=True), required=False)
    improvements = serializers.ListField(
        child=serializers.CharField(allow_blank=True), required=False
    )


class AgreementInput(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, max_value=MAX_VERSION, help_text="The version you read and judge."
    )
    agrees = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True)


def _shared_output(shared):
    return SharedOutput(shared).data


class InspectionSharedApi(APIView):
    @extend_schema(
        operation_id="inspection_shared_judgements_list",
        responses={200: SharedOutput(many=True), 404: ERROR_RESPONSES[404]},
    )
    def get(self, request, pk):
        access = selectors.access_to(request.user, pk)
        return Response([_shared_output(s) for s in selectors.shared_judgements_for(access)])


class SharedDetailApi(APIView):
    def _get(self, request, pk):
        shared, access = selectors.object_and_access(request.user, SharedJudgement, pk)
        return selectors.shared_judgement_for(access, shared.pk), access

    @extend_schema(responses={200: SharedOutput, 404: ERROR_RESPONSES[404]})
    def get(self, request, pk):
        shared, _ = self._get(request, pk)
        return Response(_shared_output(shared))

    @extend_schema(
        request=SharedInput,
        responses={200: SharedOutput, **ERROR_RESPONSES, **CONFLICT},
        summary="The overall lead's draft; clears earlier agreements and tells the leads",
    )
    def put(self, request, pk):
        shared, access = self._get(request, pk)
        require_draft_shared(access, shared)
        data = SharedInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        services.shared_judgement_save(
            shared=shared,
            user=request.user,
            version=values["version"],
            grade=values.get("grade", shared.grade),
            text=values["text"],
            strengths=values.get("strengths", shared.strengths),
            improvements=values.get("improvements", shared.improvements),
        )
        return Response(_shared_output(selectors.shared_judgement_for(access, shared.pk)))


class SharedAgreementsApi(APIView):
    @extend_schema(
        request=AgreementInput,
        responses={201: AgreementOutput, **ERROR_RESPONSES, **CONFLICT},
        summary="Your inspectorate agrees (or disagrees, with a comment) with a version",
    )
    def post(self, request, pk):
        shared, access = selectors.object_and_access(request.user, SharedJudgement, pk)
        shared = selectors.shared_judgement_for(access, shared.pk)
        require_agree_shared(access, shared)
        data = AgreementInput(data=request.data)
        data.is_valid(raise_exception=True)
        agreement = services.shared_judgement_agreement_record(
            shared=shared,
            user=request.user,
            inspectorate=access.member.inspectorate,
            **data.validated_data,
        )
        return Response(AgreementOutput(agreement).data, status=status.HTTP_201_CREATED)

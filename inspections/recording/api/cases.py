"""Case samples: the list, the summary, adding or changing a case, and its assessment."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from inspections.models import AssessmentOutcome, CaseKind, CaseSample
from jtai.api import PaginatedListMixin

from .. import access as access_records
from .. import selectors, services
from ..permissions import require_edit_case, require_record_case
from .common import CONFLICT, ERROR_RESPONSES, MAX_VERSION, RecordDetailApi


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
    version = serializers.IntegerField()

    def get_agencies(self, obj) -> list[int]:
        return [a.pk for a in obj.agencies.all()]


class CaseInput(serializers.Serializer):
    reference = serializers.CharField(
        max_length=20, help_text=f"A case reference: {services.CASE_REFERENCE_HINT}."
    )
    kind = serializers.ChoiceField(choices=CaseKind.choices)
    agencies = serializers.ListField(child=serializers.IntegerField())
    summary = serializers.CharField(required=False, allow_blank=True)


class CaseUpdateInput(CaseInput):
    version = serializers.IntegerField(
        min_value=0, max_value=MAX_VERSION, help_text="The version you started editing from."
    )


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


class InspectionCasesApi(PaginatedListMixin, APIView):
    @extend_schema(
        responses={200: CaseOutput(many=True), 404: ERROR_RESPONSES[404]},
    )
    def get(self, request, pk):
        access = selectors.access_to(request.user, pk)
        return self.paginated_response(
            request, selectors.cases_for(access), lambda page: CaseOutput(page, many=True).data
        )

    @extend_schema(
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
        responses={200: CaseSummaryOutput, 404: ERROR_RESPONSES[404]},
        summary="Counts by kind and outcomes per case criterion",
    )
    def get(self, request, pk):
        access = selectors.access_to(request.user, pk)
        return Response(selectors.case_sample_summary(access.inspection))


@extend_schema_view(
    get=extend_schema(responses={200: CaseOutput, 404: ERROR_RESPONSES[404]}),
    put=extend_schema(
        request=CaseUpdateInput,
        responses={200: CaseOutput, **ERROR_RESPONSES, **CONFLICT},
        summary="Change a case's details; a stale version gets 409",
    ),
)
class CaseDetailApi(RecordDetailApi):
    model = CaseSample
    input_serializer = CaseUpdateInput
    output_serializer = CaseOutput
    read = staticmethod(selectors.case_for)
    require_edit = staticmethod(require_edit_case)

    def record_read(self, request, case, access):
        access_records.case_read(request, case, access.inspection)

    def save(self, request, case, values):
        services.case_sample_update(case=case, **values)


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

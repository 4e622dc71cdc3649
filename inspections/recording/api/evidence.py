"""Evidence records: the inspection's list, adding one, reading and changing one."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from inspections.models import EvidenceRecord, EvidenceSource, JudgementArea
from jtai.api import PaginatedListMixin
from jtai.exceptions import ApplicationError

from .. import access as access_records
from .. import selectors, services
from ..permissions import require_edit_evidence, require_record_evidence
from .common import CONFLICT, ERROR_RESPONSES, MAX_VERSION, RecordDetailApi


class EvidenceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    inspection = serializers.IntegerField(source="inspection_id")
    agency = serializers.IntegerField(source="agency_id")
    source = serializers.CharField()
    date = serializers.DateField()
    note = serializers.CharField()
    areas = serializers.SerializerMethodField()
    line_of_enquiry = serializers.IntegerField(source="line_of_enquiry_id", allow_null=True)
    recorded_by = serializers.CharField(source="recorded_by.display_name")
    created_at = serializers.DateTimeField()
    version = serializers.IntegerField()

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
    line_of_enquiry = serializers.IntegerField(
        required=False, allow_null=True, help_text="The id of one of the theme's lines of enquiry."
    )


class EvidenceUpdateInput(EvidenceInput):
    version = serializers.IntegerField(
        min_value=0, max_value=MAX_VERSION, help_text="The version you started editing from."
    )


def _area_ids(inspection, codes) -> list:
    found = dict(
        JudgementArea.objects.filter(
            version=inspection.framework_version_id, code__in=codes
        ).values_list("code", "pk")
    )
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ApplicationError(
            "Unknown judgement area", fields={"areas": [f"Unknown area: {', '.join(unknown)}"]}
        )
    return list(found.values())


class InspectionEvidenceApi(PaginatedListMixin, APIView):
    @extend_schema(
        responses={200: EvidenceOutput(many=True), 404: ERROR_RESPONSES[404]},
    )
    def get(self, request, pk):
        access = selectors.access_to(request.user, pk)
        return self.paginated_response(
            request,
            selectors.evidence_for(access),
            lambda page: EvidenceOutput(page, many=True).data,
        )

    @extend_schema(
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


@extend_schema_view(
    get=extend_schema(responses={200: EvidenceOutput, 404: ERROR_RESPONSES[404]}),
    put=extend_schema(
        request=EvidenceUpdateInput,
        responses={200: EvidenceOutput, **ERROR_RESPONSES, **CONFLICT},
        summary="Change an evidence record; a stale version gets 409",
    ),
)
class EvidenceDetailApi(RecordDetailApi):
    model = EvidenceRecord
    input_serializer = EvidenceUpdateInput
    output_serializer = EvidenceOutput
    read = staticmethod(selectors.evidence_record_for)
    require_edit = staticmethod(require_edit_evidence)

    def record_read(self, request, record, access):
        access_records.evidence_read(request, record, access.inspection)

    def save(self, request, record, values):
        values = dict(values)
        values["areas"] = _area_ids(record.inspection, values.get("areas", []))
        services.evidence_record_update(record=record, **values)

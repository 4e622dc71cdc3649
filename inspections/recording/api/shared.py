"""The shared judgement: the list, the overall lead's draft and each inspectorate's agreement."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import Grade
from inspections.models import SharedJudgement
from jtai.api import PaginatedListMixin

from .. import selectors, services
from ..permissions import require_agree_shared, require_draft_shared
from .common import CONFLICT, ERROR_RESPONSES, MAX_VERSION, AreaOutput, RecordDetailApi


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


class InspectionSharedApi(PaginatedListMixin, APIView):
    @extend_schema(
        responses={200: SharedOutput(many=True), 404: ERROR_RESPONSES[404]},
    )
    def get(self, request, pk):
        access = selectors.access_to(request.user, pk)
        return self.paginated_response(
            request,
            selectors.shared_judgements_for(access),
            lambda page: [_shared_output(s) for s in page],
        )


@extend_schema_view(
    get=extend_schema(responses={200: SharedOutput, 404: ERROR_RESPONSES[404]}),
    put=extend_schema(
        request=SharedInput,
        responses={200: SharedOutput, **ERROR_RESPONSES, **CONFLICT},
        summary="The overall lead's draft; clears earlier agreements and tells the leads",
    ),
)
class SharedDetailApi(RecordDetailApi):
    model = SharedJudgement
    input_serializer = SharedInput
    output_serializer = SharedOutput
    read = staticmethod(selectors.shared_judgement_for)
    require_edit = staticmethod(require_draft_shared)
    check_read_object = True

    def save(self, request, shared, values):
        services.shared_judgement_save(
            shared=shared,
            user=request.user,
            version=values["version"],
            grade=values.get("grade", shared.grade),
            text=values["text"],
            strengths=values.get("strengths", shared.strengths),
            improvements=values.get("improvements", shared.improvements),
        )


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

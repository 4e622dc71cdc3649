"""The reference data API: local authorities and inspectorates (read only, signed-in users)."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from . import selectors
from .importers import GSS_CODE
from .models import (
    AgencyType,
    IlacsOutcome,
    Inspectorate,
    InspectorateName,
    LocalAuthority,
    Region,
)


class LocalAuthorityFilterSerializer(serializers.Serializer):
    """The list's query parameters; a bad value is a 400 naming the parameter."""

    gss_code = serializers.RegexField(
        GSS_CODE.pattern.replace("^[ENSW]", "^[ENSWensw]"),
        required=False,
        help_text="Exact GSS code, e.g. E08000016.",
        error_messages={"invalid": "Enter a GSS code: a letter and 8 digits, e.g. E08000016."},
    )
    region = serializers.ChoiceField(
        choices=Region.choices, required=False, allow_blank=True, help_text="Ofsted region code."
    )
    search = serializers.CharField(
        required=False,
        max_length=100,
        allow_blank=True,
        help_text="Part of the name, or a whole GSS code, DfE LA code, URN or register code.",
    )
    current = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: authorities existing today; false: former authorities; absent: both.",
    )


class NeighbourSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    gss_code = serializers.CharField(source="neighbour.gss_code")
    name = serializers.CharField(source="neighbour.name")


class IlacsOutcomeOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = IlacsOutcome
        fields = IlacsOutcome.FACTS


class AuthorityLinkSerializer(serializers.Serializer):
    gss_code = serializers.CharField()
    name = serializers.CharField()


class LocalAuthorityOutputSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="la_type")
    type_name = serializers.CharField(source="get_la_type_display")
    region_name = serializers.CharField(source="get_region_display")
    is_current = serializers.BooleanField()
    successors = AuthorityLinkSerializer(many=True)
    predecessors = AuthorityLinkSerializer(many=True)
    statistical_neighbours = NeighbourSerializer(many=True, source="ranked_neighbours")
    latest_ilacs_outcome = serializers.SerializerMethodField()

    class Meta:
        model = LocalAuthority
        fields = [
            "gss_code",
            "code",
            "name",
            "official_name",
            "slug",
            "type",
            "type_name",
            "la_code",
            "ofsted_urn",
            "region",
            "region_name",
            "start_date",
            "end_date",
            "is_current",
            "population_0_25",
            "successors",
            "predecessors",
            "statistical_neighbours",
            "latest_ilacs_outcome",
        ]

    @extend_schema_field(IlacsOutcomeOutputSerializer(allow_null=True))
    def get_latest_ilacs_outcome(self, authority):
        outcome = selectors.latest_ilacs_outcome(authority)
        return IlacsOutcomeOutputSerializer(outcome).data if outcome else None


class AgencyTypeOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgencyType
        fields = ["code", "name", "is_custodial", "is_partnership"]


class InspectorateNameOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = InspectorateName
        fields = ["name", "short_name", "valid_from", "valid_to", "source"]


class InspectorateOutputSerializer(serializers.ModelSerializer):
    agency_types = AgencyTypeOutputSerializer(many=True)
    names = InspectorateNameOutputSerializer(many=True)

    class Meta:
        model = Inspectorate
        fields = [
            "code",
            "name",
            "short_name",
            "names",
            "description",
            "agency_types",
        ]


class LocalAuthorityListApi(GenericAPIView):
    serializer_class = LocalAuthorityOutputSerializer
    filter_backends: list = []

    @extend_schema(
        parameters=[LocalAuthorityFilterSerializer],
        responses=LocalAuthorityOutputSerializer(many=True),
        summary="List local authorities",
    )
    def get(self, request):
        filters = LocalAuthorityFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = selectors.local_authority_list(**filters.validated_data)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class LocalAuthorityDetailApi(GenericAPIView):
    serializer_class = LocalAuthorityOutputSerializer
    filter_backends: list = []

    @extend_schema(
        parameters=[OpenApiParameter("gss_code", str, OpenApiParameter.PATH)],
        summary="One local authority, by GSS code",
    )
    def get(self, request, gss_code: str):
        authority = selectors.local_authority_get(gss_code=gss_code)
        if authority is None:
            raise Http404
        return Response(self.get_serializer(authority).data)


class InspectorateListApi(GenericAPIView):
    serializer_class = InspectorateOutputSerializer
    filter_backends: list = []

    @extend_schema(
        responses=InspectorateOutputSerializer(many=True), summary="The five inspectorates"
    )
    def get(self, request):
        page = self.paginate_queryset(selectors.inspectorate_list())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

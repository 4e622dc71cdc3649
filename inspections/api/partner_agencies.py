"""Partner agencies: list (by area), detail, and add or change (admins)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies import selectors as agency_selectors
from agencies import services as agency_services
from agencies.models import AgencyType, LocalAuthority, PartnerAgency
from jtai.api import PaginatedListMixin
from jtai.idempotency import idempotent

from ..permissions import require_can_manage_programme
from .common import RelatedValues


class PartnerAgencyOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    agency_type = serializers.CharField(source="agency_type.code")
    authorities = RelatedValues("gss_code")
    is_active = serializers.BooleanField()


class PartnerAgencyIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    agency_type = serializers.SlugRelatedField(slug_field="code", queryset=AgencyType.objects.all())
    authorities = serializers.SlugRelatedField(
        slug_field="gss_code", queryset=LocalAuthority.objects.all(), many=True
    )
    is_active = serializers.BooleanField(required=False, default=True)


class PartnerAgencyUpdateIn(PartnerAgencyIn):
    name = serializers.CharField(max_length=200, required=False)
    agency_type = serializers.SlugRelatedField(
        slug_field="code", queryset=AgencyType.objects.all(), required=False
    )
    authorities = serializers.SlugRelatedField(
        slug_field="gss_code", queryset=LocalAuthority.objects.all(), many=True, required=False
    )
    is_active = serializers.BooleanField(required=False)


class PartnerAgencyListApi(PaginatedListMixin, APIView):
    @extend_schema(
        parameters=[OpenApiParameter("authority", str, description="GSS code")],
        responses=PartnerAgencyOut(many=True),
        summary="Partner agencies",
    )
    def get(self, request):
        qs = agency_selectors.partner_agency_list(
            authority_gss_code=request.query_params.get("authority", "")
        )
        return self.paginated_response(
            request, qs, lambda page: PartnerAgencyOut(page, many=True).data
        )

    @extend_schema(
        request=PartnerAgencyIn, responses={201: PartnerAgencyOut}, summary="Add (admins)"
    )
    @idempotent
    def post(self, request):
        require_can_manage_programme(request.user)
        data = PartnerAgencyIn(data=request.data)
        data.is_valid(raise_exception=True)
        agency = agency_services.partner_agency_create(by=request.user, **data.validated_data)
        return Response(PartnerAgencyOut(agency).data, status=status.HTTP_201_CREATED)


class PartnerAgencyDetailApi(APIView):
    @extend_schema(responses=PartnerAgencyOut, summary="One partner agency")
    def get(self, request, pk):
        return Response(PartnerAgencyOut(get_object_or_404(PartnerAgency, pk=pk)).data)

    @extend_schema(
        request=PartnerAgencyUpdateIn, responses=PartnerAgencyOut, summary="Change (admins)"
    )
    def patch(self, request, pk):
        agency = get_object_or_404(PartnerAgency, pk=pk)
        require_can_manage_programme(request.user)
        data = PartnerAgencyUpdateIn(data=request.data)
        data.is_valid(raise_exception=True)
        agency = agency_services.partner_agency_update(
            agency=agency, by=request.user, **data.validated_data
        )
        return Response(PartnerAgencyOut(agency).data)

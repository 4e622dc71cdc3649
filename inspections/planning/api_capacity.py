"""A programme's capacity by API: change an inspectorate's capacity, list and record leave.
The same services as the programme's pages; programmes are for admins (404 otherwise) and an
accepted programme no longer changes (409)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import User
from jtai import fields
from jtai.api import PaginatedListMixin
from jtai.idempotency import idempotent
from jtai.openapi import CONFLICT

from . import services
from .api import CapacityOut, _programme
from .models import CapacityLeave


class CapacityUpdateIn(serializers.Serializer):
    inspector_count = fields.IntegerField(min_value=0, max_value=1000)
    team_size = fields.IntegerField(min_value=1, max_value=20)
    max_concurrent = fields.IntegerField(min_value=1, max_value=100)


class LeaveOut(serializers.Serializer):
    id = serializers.IntegerField()
    inspectorate = serializers.CharField(source="capacity.inspectorate.code")
    user = serializers.IntegerField(source="user_id", allow_null=True)
    headcount = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()


class LeaveIn(serializers.Serializer):
    inspectorate = serializers.CharField(help_text="The inspectorate's code.")
    user = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(),
        required=False,
        allow_null=True,
        help_text="A named inspector; empty for unnamed planning places.",
    )
    headcount = fields.IntegerField(min_value=1, max_value=100, required=False, default=1)
    start = fields.DateField()
    end = fields.DateField()


def _capacities(programme):
    return programme.capacities.select_related("inspectorate").prefetch_related("inspectors")


class CapacityApi(APIView):
    """One inspectorate's capacity in the programme, named by the inspectorate's code."""

    @extend_schema(
        request=CapacityUpdateIn,
        responses={200: CapacityOut, 409: CONFLICT},
        summary="Change an inspectorate's capacity (admins; 409 once accepted)",
    )
    def put(self, request, pk, inspectorate):
        programme = _programme(request, pk)
        capacity = get_object_or_404(_capacities(programme), inspectorate__code=inspectorate)
        data = CapacityUpdateIn(data=request.data)
        data.is_valid(raise_exception=True)
        capacity = services.capacity_set(
            programme=programme,
            inspectorate=capacity.inspectorate,
            inspectors=list(capacity.inspectors.all()),
            by=request.user,
            **data.validated_data,
        )
        return Response(CapacityOut(_capacities(programme).get(pk=capacity.pk)).data)


class LeaveListApi(PaginatedListMixin, APIView):
    @extend_schema(responses=LeaveOut(many=True), summary="The programme's recorded leave")
    def get(self, request, pk):
        programme = _programme(request, pk)
        leave = (
            CapacityLeave.objects.filter(capacity__programme=programme)
            .select_related("capacity__inspectorate")
            .order_by("start", "pk")
        )
        return self.paginated_response(request, leave, lambda page: LeaveOut(page, many=True).data)

    @extend_schema(
        request=LeaveIn,
        responses={201: LeaveOut, 409: CONFLICT},
        summary="Record leave for a named inspector or unnamed places (admins; 409 once accepted)",
    )
    @idempotent
    def post(self, request, pk):
        programme = _programme(request, pk)
        data = LeaveIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        capacity = _capacities(programme).filter(inspectorate__code=values.pop("inspectorate"))
        if not capacity.exists():
            raise serializers.ValidationError(
                {"inspectorate": ["Not an inspectorate of this programme."]}
            )
        user = values.get("user")
        leave = services.leave_record(
            capacity=capacity.get(),
            user=user,
            headcount=1 if user else values["headcount"],
            start=values["start"],
            end=values["end"],
            by=request.user,
        )
        return Response(LeaveOut(leave).data, status=status.HTTP_201_CREATED)

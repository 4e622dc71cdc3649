"""Calendars as JSON: the programme calendar (inspections week by week, with their clashes)
and the user's own schedule, read by the selectors the calendar pages use."""

from __future__ import annotations

import datetime

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from jtai import clock, fields
from jtai.api import PaginatedListMixin

from .. import programme_calendar, selectors

MONTH = "%Y-%m"


class CalendarFilterIn(serializers.Serializer):
    start = serializers.RegexField(
        r"^\d{4}-\d{2}$",
        required=False,
        help_text="The first month, like 2026-01 (this month when absent).",
        error_messages={"invalid": "Enter the first month as year and month, like 2026-01"},
    )
    months = fields.IntegerField(min_value=1, max_value=24, required=False, default=12)

    def validate_start(self, value: str) -> datetime.date:
        try:
            month = datetime.date.fromisoformat(f"{value}-01")
        except ValueError:
            message = self.fields["start"].error_messages["invalid"]
            raise serializers.ValidationError(message) from None
        fields.DateField().run_validators(month)  # within the dates the service accepts
        return month


class CalendarEntryOut(serializers.Serializer):
    inspection = serializers.IntegerField(source="inspection.pk")
    reference = serializers.CharField(source="inspection.reference")
    authority = serializers.CharField(source="inspection.authority_name")
    framework = serializers.CharField(source="inspection.framework_code")
    status = serializers.CharField(source="inspection.status")
    window_start = serializers.DateField(source="inspection.window_start")
    window_end = serializers.DateField(source="inspection.window_end")
    clashes = serializers.ListField(child=serializers.CharField())
    christmas = serializers.BooleanField(help_text="The window runs over Christmas.")


class CalendarOut(serializers.Serializer):
    start = serializers.DateField(help_text="The Monday of the first week.")
    end = serializers.DateField(help_text="The Sunday of the last week.")
    problem_count = serializers.IntegerField()
    entries = CalendarEntryOut(many=True, source="rows")


class ScheduleEntryOut(serializers.Serializer):
    inspection = serializers.IntegerField(source="inspection_id")
    reference = serializers.CharField(source="inspection.reference")
    authority = serializers.CharField(source="inspection.authority.name")
    framework = serializers.CharField(source="inspection.framework_version.framework.code")
    status = serializers.CharField(source="inspection.status")
    role = serializers.CharField()
    inspectorate = serializers.CharField(source="inspectorate.code")
    window_start = serializers.DateField()
    window_end = serializers.DateField()


class CalendarApi(APIView):
    @extend_schema(
        parameters=[CalendarFilterIn],
        responses=CalendarOut,
        summary="The programme calendar: the inspections you may see, with their clashes",
    )
    def get(self, request):
        query = CalendarFilterIn(data=request.query_params)
        query.is_valid(raise_exception=True)
        first = query.validated_data.get("start") or clock.today().replace(day=1)
        calendar = programme_calendar.programme_calendar(
            request.user, first_month=first, months=query.validated_data["months"]
        )
        return Response(CalendarOut(calendar).data)


class MyScheduleApi(PaginatedListMixin, APIView):
    @extend_schema(
        responses=ScheduleEntryOut(many=True),
        summary="Your places on inspection teams, soonest first (as your schedule page)",
    )
    def get(self, request):
        return self.paginated_response(
            request,
            selectors.inspector_schedule(request.user),
            lambda page: ScheduleEntryOut(page, many=True).data,
        )

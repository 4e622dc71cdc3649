"""Inspections: the list you may see, scheduling, changes to a planned inspection, and one
endpoint per lifecycle verb."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import Inspectorate, LocalAuthority, Region
from jtai import fields
from jtai.api import PaginatedListMixin, VersionedResource
from jtai.idempotency import idempotent

from .. import lifecycle, selectors
from ..models import Framework, Status
from ..permissions import require_can_manage_programme
from ..services import scheduling, transitions
from .common import (
    InspectionDetailOut,
    InspectionOut,
    ThemeField,
    framework_named_by,
    inspection_detail_data,
)

# --- input serializers ----------------------------------------------------------------------


class InspectionCreateIn(serializers.Serializer):
    authority = serializers.SlugRelatedField(
        slug_field="gss_code", queryset=LocalAuthority.objects.all()
    )
    framework = serializers.SlugRelatedField(slug_field="code", queryset=Framework.objects.all())
    theme = ThemeField(
        framework_of=framework_named_by("framework"), required=False, allow_null=True
    )
    window_start = fields.DateField()
    optional_inspectorates = serializers.SlugRelatedField(
        slug_field="code", queryset=Inspectorate.objects.all(), many=True, required=False
    )

    def validate(self, data):
        theme = data.get("theme")
        if theme is not None and theme.framework_id != data["framework"].pk:
            raise serializers.ValidationError(
                {"theme": [f"{theme.name} is not a theme of the {data['framework'].name}"]}
            )
        return data


class InspectionUpdateIn(serializers.Serializer):
    version = fields.IntegerField(help_text="The version you read (or send If-Match).")
    window_start = fields.DateField(required=False)
    theme = ThemeField(required=False, allow_null=True)  # in context["framework"]
    optional_inspectorates = serializers.SlugRelatedField(
        slug_field="code", queryset=Inspectorate.objects.all(), many=True, required=False
    )


class InspectionFilterIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    framework = serializers.SlugRelatedField(
        slug_field="code", queryset=Framework.objects.all(), required=False
    )
    theme = ThemeField(framework_of=framework_named_by("framework"), required=False)
    region = serializers.ChoiceField(choices=Region.choices, required=False)
    date_from = fields.DateField(required=False)
    date_to = fields.DateField(required=False)


class TransitionIn(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    version = fields.IntegerField(
        required=False, help_text="The version you read: a stale one is a 409 (optional)."
    )


# --- views ----------------------------------------------------------------------------------


class InspectionListApi(PaginatedListMixin, APIView):
    @extend_schema(
        parameters=[InspectionFilterIn],
        responses=InspectionOut(many=True),
        summary="Inspections you may see",
    )
    def get(self, request):
        filters = InspectionFilterIn(data=request.query_params)
        filters.is_valid(raise_exception=True)
        qs = selectors.inspection_list(request.user, **filters.validated_data)
        return self.paginated_response(
            request, qs, lambda page: InspectionOut(page, many=True).data
        )

    @extend_schema(
        request=InspectionCreateIn,
        responses={
            201: inline_serializer(
                "ScheduledOut",
                {
                    "inspection": InspectionDetailOut(),
                    "warnings": serializers.ListField(child=serializers.CharField()),
                },
            )
        },
        summary="Schedule an inspection (admins)",
    )
    @idempotent
    def post(self, request):
        require_can_manage_programme(request.user)
        data = InspectionCreateIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        framework = values.pop("framework")
        version = selectors.framework_version_for(framework, values["window_start"])
        if version is None:
            latest = selectors.latest_version(framework)
            version = latest  # the service explains which period the window misses
        scheduled = scheduling.inspection_schedule(
            framework_version=version, by=request.user, **values
        )
        return Response(
            {
                "inspection": inspection_detail_data(request, scheduled.inspection.pk),
                "warnings": scheduled.warnings,
            },
            status=status.HTTP_201_CREATED,
        )


class InspectionDetailApi(VersionedResource, APIView):
    def current_version(self, request, pk) -> int:
        return selectors.inspection_detail(request.user, pk).lock_version

    @extend_schema(responses=InspectionDetailOut, summary="One inspection")
    def get(self, request, pk):
        return Response(inspection_detail_data(request, pk))

    @extend_schema(
        request=InspectionUpdateIn,
        responses={200: InspectionDetailOut},
        summary="Change a planned inspection (admins; 409 once notified or with a stale lock)",
    )
    def patch(self, request, pk):
        inspection = selectors.inspection_detail(request.user, pk)
        require_can_manage_programme(request.user)
        data = InspectionUpdateIn(
            data=request.data, context={"framework": inspection.framework_version.framework}
        )
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        scheduling.inspection_update(
            inspection=inspection, by=request.user, lock_version=values.pop("version"), **values
        )
        return Response(inspection_detail_data(request, pk))


def transition_api(verb: str):
    rule = lifecycle.TRANSITIONS[verb]

    class TransitionApi(VersionedResource, APIView):
        version_required_methods = frozenset()
        version_checked_methods = frozenset({"POST"})

        def current_version(self, request, pk) -> int:
            return selectors.inspection_detail(request.user, pk).lock_version

        @extend_schema(
            request=TransitionIn,
            responses={200: InspectionDetailOut},
            summary=rule.label,
            description=(
                f"From {', '.join(rule.sources)} to {rule.target}. "
                + ("A reason is required. " if rule.reason_required else "")
                + "400: field errors; 403: your role may not; 404: not visible; "
                "409: not allowed from the current state or a stale version."
            ),
        )
        def post(self, request, pk):
            inspection = selectors.inspection_detail(request.user, pk)
            data = TransitionIn(data=request.data)
            data.is_valid(raise_exception=True)
            values = dict(data.validated_data)
            transitions.inspection_transition(
                inspection=inspection,
                verb=verb,
                by=request.user,
                reason=values["reason"],
                lock_version=values.get("version"),
            )
            return Response(inspection_detail_data(request, pk))

    TransitionApi.__name__ = TransitionApi.__qualname__ = f"Inspection{verb.title()}Api"
    return TransitionApi

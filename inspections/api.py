"""The API for frameworks, inspections, teams, transitions and partner agencies.

Input and output serializers are separate; each view calls one service or selector.
Visibility is applied in the queryset (an inspection you may not see is 404); a visible
inspection with a role that may not act is 403; a transition not open from the current state
is 409; bad input is 400 with field errors.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies import selectors as agency_selectors
from agencies import services as agency_services
from agencies.models import (
    AgencyType,
    Inspectorate,
    LocalAuthority,
    PartnerAgency,
    Region,
    User,
)
from jtai.api import PaginatedListMixin
from jtai.openapi import CONFLICT

from . import lifecycle, selectors
from .models import Framework, FrameworkVersion, Status, TeamMember, TeamRole, Theme
from .permissions import actor_roles, require_can_manage_programme
from .services import frameworks, scheduling, teams, transitions

# --- output serializers ---------------------------------------------------------------------


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class RelatedValues(serializers.Field):
    """A related manager shown as a list of one attribute of each object (codes, ids)."""

    def __init__(self, attribute: str = "code", **kwargs):
        self.attribute = attribute
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, manager):
        return [getattr(obj, self.attribute) for obj in manager.all()]


@extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
class RelatedIds(RelatedValues):
    def __init__(self, **kwargs):
        super().__init__("pk", **kwargs)


class InspectorateRuleOut(serializers.Serializer):
    inspectorate = serializers.CharField(source="inspectorate.code")
    participation = serializers.CharField()


class AgencyTypeRuleOut(serializers.Serializer):
    agency_type = serializers.CharField(source="agency_type.code")
    judged_by = serializers.CharField(source="judged_by.code")


class JudgementAreaOut(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    criteria = serializers.CharField()
    order = serializers.IntegerField()
    is_shared = serializers.BooleanField()
    excluded_agency_types = RelatedValues("code")
    grade_descriptors = serializers.DictField(child=serializers.CharField())


class CaseCriterionOut(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()


class FrameworkVersionOut(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    active_from = serializers.DateField()
    active_to = serializers.DateField(allow_null=True)
    graded = serializers.BooleanField()
    aggregate_judgement_allowed = serializers.BooleanField()
    window_days = serializers.IntegerField()
    notice_working_days = serializers.IntegerField(allow_null=True)
    report_form = serializers.CharField()
    action_plan_working_days = serializers.IntegerField(allow_null=True)
    min_tracked_cases = serializers.IntegerField()
    method = serializers.CharField()
    revised_from = serializers.IntegerField(source="revised_from_id", allow_null=True)
    inspectorates = InspectorateRuleOut(source="inspectorate_rules", many=True)
    agency_types = AgencyTypeRuleOut(source="agency_type_rules", many=True)
    judgement_areas = JudgementAreaOut(many=True)
    case_criteria = CaseCriterionOut(many=True)


class ThemeOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    inspectorates = RelatedValues("code")


class FrameworkOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    versions = FrameworkVersionOut(many=True)
    themes = ThemeOut(many=True)


class AuthorityRefOut(serializers.Serializer):
    gss_code = serializers.CharField()
    name = serializers.CharField()
    region = serializers.CharField()


class AgencyRefOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    agency_type = serializers.CharField(source="agency_type.code")


class InspectionOut(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    authority = AuthorityRefOut()
    framework = serializers.CharField(source="framework_version.framework.code")
    framework_version = serializers.IntegerField(source="framework_version.version")
    framework_version_id = serializers.IntegerField()
    theme = serializers.CharField(source="theme.code", allow_null=True, default=None)
    window_start = serializers.DateField()
    window_end = serializers.DateField()
    notification_date = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=Status.choices)
    status_reason = serializers.CharField()
    action_plan_due_date = serializers.DateField(allow_null=True)
    lock_version = serializers.IntegerField()


class TeamMemberOut(serializers.Serializer):
    id = serializers.IntegerField()
    user = serializers.IntegerField(source="user_id")
    username = serializers.CharField(source="user.username")
    name = serializers.CharField(source="user.display_name")
    inspectorate = serializers.CharField(source="inspectorate.code")
    role = serializers.ChoiceField(choices=TeamRole.choices)
    agencies = RelatedIds()


class TransitionOut(serializers.Serializer):
    verb = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    by = serializers.CharField(source="by.username", allow_null=True, default=None)
    at = serializers.DateTimeField()
    reason = serializers.CharField()


class InspectionDetailOut(InspectionOut):
    has_custodial_establishment = serializers.BooleanField()
    inspectorates = RelatedValues("code")
    agencies = AgencyRefOut(many=True)
    team = TeamMemberOut(many=True)
    transitions = TransitionOut(many=True)
    next_steps = serializers.SerializerMethodField()

    def get_next_steps(self, inspection) -> list[str]:
        user = self.context["request"].user
        roles = actor_roles(user, inspection)
        return [rule.verb for rule in lifecycle.next_steps(inspection.status, roles)]


class PartnerAgencyOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    agency_type = serializers.CharField(source="agency_type.code")
    authorities = RelatedValues("gss_code")
    is_active = serializers.BooleanField()


# --- input serializers ----------------------------------------------------------------------


class InspectionCreateIn(serializers.Serializer):
    authority = serializers.SlugRelatedField(
        slug_field="gss_code", queryset=LocalAuthority.objects.all()
    )
    framework = serializers.SlugRelatedField(slug_field="code", queryset=Framework.objects.all())
    theme = serializers.SlugRelatedField(
        slug_field="code", queryset=Theme.objects.all(), required=False, allow_null=True
    )
    window_start = serializers.DateField()
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
    lock_version = serializers.IntegerField()
    window_start = serializers.DateField(required=False)
    theme = serializers.SlugRelatedField(
        slug_field="code", queryset=Theme.objects.all(), required=False, allow_null=True
    )
    optional_inspectorates = serializers.SlugRelatedField(
        slug_field="code", queryset=Inspectorate.objects.all(), many=True, required=False
    )


class InspectionFilterIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    framework = serializers.SlugRelatedField(
        slug_field="code", queryset=Framework.objects.all(), required=False
    )
    theme = serializers.SlugRelatedField(
        slug_field="code", queryset=Theme.objects.all(), required=False
    )
    region = serializers.ChoiceField(choices=Region.choices, required=False)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)


class TeamMemberIn(serializers.Serializer):
    user = serializers.SlugRelatedField(slug_field="username", queryset=User.objects.all())
    role = serializers.ChoiceField(choices=TeamRole.choices)
    agencies = serializers.PrimaryKeyRelatedField(
        queryset=PartnerAgency.objects.all(), many=True, required=False
    )


class TeamMemberUpdateIn(serializers.Serializer):
    role = serializers.ChoiceField(choices=TeamRole.choices, required=False)
    agencies = serializers.PrimaryKeyRelatedField(
        queryset=PartnerAgency.objects.all(), many=True, required=False
    )


class TransitionIn(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    lock_version = serializers.IntegerField(required=False)


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


class ThemeIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    inspectorates = serializers.SlugRelatedField(
        slug_field="code", queryset=Inspectorate.objects.all(), many=True, required=False
    )


class FrameworkVersionReviseIn(serializers.Serializer):
    active_from = serializers.DateField(required=False)
    active_to = serializers.DateField(required=False, allow_null=True)
    window_days = serializers.IntegerField(required=False, min_value=1)
    notice_working_days = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    action_plan_working_days = serializers.IntegerField(
        required=False, allow_null=True, min_value=1
    )
    min_tracked_cases = serializers.IntegerField(required=False, min_value=0)
    method = serializers.CharField(required=False, allow_blank=True)


# --- helpers --------------------------------------------------------------------------------


def _detail(request, pk) -> dict:
    inspection = selectors.inspection_detail(request.user, pk)
    return InspectionDetailOut(inspection, context={"request": request}).data


# --- views ----------------------------------------------------------------------------------


class FrameworkListApi(PaginatedListMixin, APIView):
    @extend_schema(responses=FrameworkOut(many=True), summary="Frameworks, as data")
    def get(self, request):
        return self.paginated_response(
            request, selectors.framework_list(), lambda page: FrameworkOut(page, many=True).data
        )


class FrameworkDetailApi(APIView):
    @extend_schema(responses=FrameworkOut, summary="One framework with versions and themes")
    def get(self, request, code):
        framework = get_object_or_404(selectors.framework_list(), code=code)
        return Response(FrameworkOut(framework).data)


class ThemeCreateApi(APIView):
    @extend_schema(request=ThemeIn, responses={201: ThemeOut}, summary="Add a theme (admins)")
    def post(self, request, code):
        framework = get_object_or_404(Framework, code=code)
        require_can_manage_programme(request.user)
        data = ThemeIn(data=request.data)
        data.is_valid(raise_exception=True)
        theme = frameworks.theme_create(framework=framework, by=request.user, **data.validated_data)
        return Response(ThemeOut(theme).data, status=status.HTTP_201_CREATED)


class FrameworkVersionReviseApi(APIView):
    @extend_schema(
        request=FrameworkVersionReviseIn,
        responses=FrameworkVersionOut,
        summary="Edit a framework version (admins)",
        description="If a started inspection uses the version, the edit creates a new version "
        "and the inspection keeps its own. The response is the version edited or created.",
    )
    def patch(self, request, pk):
        version = get_object_or_404(FrameworkVersion, pk=pk)
        require_can_manage_programme(request.user)
        data = FrameworkVersionReviseIn(data=request.data)
        data.is_valid(raise_exception=True)
        revised = frameworks.framework_version_revise(
            version=version, by=request.user, **data.validated_data
        )
        return Response(FrameworkVersionOut(revised).data)


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
                "inspection": _detail(request, scheduled.inspection.pk),
                "warnings": scheduled.warnings,
            },
            status=status.HTTP_201_CREATED,
        )


class InspectionDetailApi(APIView):
    @extend_schema(responses=InspectionDetailOut, summary="One inspection")
    def get(self, request, pk):
        return Response(_detail(request, pk))

    @extend_schema(
        request=InspectionUpdateIn,
        responses={200: InspectionDetailOut},
        summary="Change a planned inspection (admins; 409 once notified or with a stale lock)",
    )
    def patch(self, request, pk):
        inspection = selectors.inspection_detail(request.user, pk)
        require_can_manage_programme(request.user)
        data = InspectionUpdateIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        scheduling.inspection_update(inspection=inspection, by=request.user, **values)
        return Response(_detail(request, pk))


class TeamApi(PaginatedListMixin, APIView):
    @extend_schema(responses=TeamMemberOut(many=True), summary="An inspection's team")
    def get(self, request, pk):
        inspection = selectors.inspection_detail(request.user, pk)
        return self.paginated_response(
            request, inspection.team.all(), lambda page: TeamMemberOut(page, many=True).data
        )

    @extend_schema(
        request=TeamMemberIn,
        responses={201: TeamMemberOut, 409: CONFLICT},
        summary="Add a team member (admins)",
    )
    def post(self, request, pk):
        inspection = selectors.inspection_detail(request.user, pk)
        require_can_manage_programme(request.user)
        data = TeamMemberIn(data=request.data)
        data.is_valid(raise_exception=True)
        member = teams.team_member_add(
            inspection=inspection, by=request.user, **data.validated_data
        )
        return Response(TeamMemberOut(member).data, status=status.HTTP_201_CREATED)


class TeamMemberApi(APIView):
    def _member(self, request, pk, member_pk) -> TeamMember:
        inspection = selectors.inspection_detail(request.user, pk)
        member = selectors.team_member_get(inspection, member_pk)
        require_can_manage_programme(request.user)
        return member

    @extend_schema(
        request=TeamMemberUpdateIn,
        responses={200: TeamMemberOut, 409: CONFLICT},
        summary="Change a member (admins)",
    )
    def patch(self, request, pk, member_pk):
        member = self._member(request, pk, member_pk)
        data = TeamMemberUpdateIn(data=request.data)
        data.is_valid(raise_exception=True)
        member = teams.team_member_update(member=member, by=request.user, **data.validated_data)
        return Response(TeamMemberOut(member).data)

    @extend_schema(responses={204: None, 409: CONFLICT}, summary="Remove a member (admins)")
    def delete(self, request, pk, member_pk):
        member = self._member(request, pk, member_pk)
        teams.team_member_remove(member=member, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def transition_api(verb: str):
    rule = lifecycle.TRANSITIONS[verb]

    class TransitionApi(APIView):
        @extend_schema(
            request=TransitionIn,
            responses={200: InspectionDetailOut},
            summary=rule.label,
            description=(
                f"From {', '.join(rule.sources)} to {rule.target}. "
                + ("A reason is required. " if rule.reason_required else "")
                + "400: field errors; 403: your role may not; 404: not visible; "
                "409: not allowed from the current state or a stale lock_version."
            ),
        )
        def post(self, request, pk):
            inspection = selectors.inspection_detail(request.user, pk)
            data = TransitionIn(data=request.data)
            data.is_valid(raise_exception=True)
            transitions.inspection_transition(
                inspection=inspection, verb=verb, by=request.user, **data.validated_data
            )
            return Response(_detail(request, pk))

    TransitionApi.__name__ = TransitionApi.__qualname__ = f"Inspection{verb.title()}Api"
    return TransitionApi


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

"""What the inspection API's resources share: related-value fields and the inspection's
output, which scheduling, updates and transitions all answer with."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import lifecycle, selectors
from ..models import Status, TeamRole
from ..permissions import actor_roles


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


def inspection_detail_data(request, pk) -> dict:
    """The inspection as its detail endpoint shows it (404 if the user may not see it)."""
    inspection = selectors.inspection_detail(request.user, pk)
    return InspectionDetailOut(inspection, context={"request": request}).data

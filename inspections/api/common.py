"""What the inspection API's resources share: related-value fields and the inspection's
output, which scheduling, updates and transitions all answer with."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.core.exceptions import MultipleObjectsReturned
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from jtai.bounds import parse_id

from .. import selectors
from ..models import Framework, Status, TeamRole, Theme
from ..next_steps import next_steps_for


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


def framework_named_by(field_name: str = "framework") -> Callable[[Mapping], Framework | None]:
    """The framework an input names by its code in `field_name`, for `ThemeField`."""

    def find(data: Mapping) -> Framework | None:
        code = data.get(field_name)
        return Framework.objects.filter(code=code).first() if isinstance(code, str) else None

    return find


def framework_of_version_in(field_name: str) -> Callable[[Mapping], Framework | None]:
    """The framework of the framework version an input names by its id in `field_name`."""

    def find(data: Mapping) -> Framework | None:
        value = data.get(field_name)
        pk = parse_id(str(value)) if isinstance(value, (int, str)) else None
        return Framework.objects.filter(versions__pk=pk).first() if pk else None

    return find


class ThemeField(serializers.SlugRelatedField):
    """A theme by its code.

    Codes are unique within a framework only. A code one framework uses is that theme, as
    always (the service then checks it belongs to the inspection's framework); a code several
    frameworks use is the theme of the framework in `context["framework"]`, or of the one
    `framework_of(input)` finds, and a 400 when neither settles it.
    """

    default_error_messages = {
        "ambiguous": "More than one framework has the theme {value}: name the framework too"
    }

    def __init__(self, *, framework_of: Callable[[Mapping], Framework | None] | None = None, **kw):
        self.framework_of = framework_of
        kw.setdefault("queryset", Theme.objects.all())
        super().__init__(slug_field="code", **kw)

    def _framework(self) -> Framework | None:
        framework = self.context.get("framework")
        if framework is None and self.framework_of is not None:
            data = getattr(self.parent, "initial_data", None)
            framework = self.framework_of(data) if isinstance(data, Mapping) else None
        return framework

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except MultipleObjectsReturned:
            framework = self._framework()
            theme = (
                self.get_queryset().filter(framework=framework, code=data).first()
                if framework is not None
                else None
            )
            if theme is None:
                self.fail("ambiguous", value=data)
            return theme


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
    version = serializers.IntegerField(
        source="lock_version", help_text="Send it back (or as If-Match) with a change."
    )


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


class BlockerOut(serializers.Serializer):
    text = serializers.CharField()
    href = serializers.CharField(help_text="Where to settle it (a page path), or empty.")


class StepBlockersOut(serializers.Serializer):
    verb = serializers.CharField()
    blockers = BlockerOut(many=True)


class InspectionDetailOut(InspectionOut):
    has_custodial_establishment = serializers.BooleanField()
    inspectorates = RelatedValues("code")
    agencies = AgencyRefOut(many=True)
    team = TeamMemberOut(many=True)
    transitions = TransitionOut(many=True)
    next_steps = serializers.SerializerMethodField()
    blockers = serializers.SerializerMethodField()

    def _steps(self, inspection):
        cache = self.context.setdefault("_steps", {})
        if inspection.pk not in cache:
            user = self.context["request"].user
            cache[inspection.pk] = next_steps_for(user, [inspection])[inspection.pk]
        return cache[inspection.pk]

    def get_next_steps(self, inspection) -> list[str]:
        return [step.verb for step in self._steps(inspection)]

    @extend_schema_field(StepBlockersOut(many=True))
    def get_blockers(self, inspection) -> list[dict]:
        """For each next step, what stops it now (empty when it can be taken)."""
        return [
            {
                "verb": step.verb,
                "blockers": [{"text": b.text, "href": b.href} for b in step.blockers],
            }
            for step in self._steps(inspection)
        ]


def inspection_detail_data(request, pk) -> dict:
    """The inspection as its detail endpoint shows it (404 if the user may not see it)."""
    inspection = selectors.inspection_detail(request.user, pk)
    return InspectionDetailOut(inspection, context={"request": request}).data

"""Forms for the scheduling questions, the inspection page's actions, teams, partner
agencies and themes. They validate what a person can get wrong on one page; the services
hold the rules, and `jtai.forms.service_errors` puts their field errors back on these forms."""

from __future__ import annotations

import datetime

from django import forms

from agencies.models import AgencyType, Inspectorate, LocalAuthority, PartnerAgency, Region, User
from jtai import clock
from jtai.forms import GovukDateField, ListedModelChoiceField, date_example

from . import availability, selectors, workdays
from .models import Framework, Participation, Status, TeamRole, Theme


class AuthorityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class AuthorityForm(forms.Form):
    autocomplete = True  # the page loads GOV.UK's accessible autocomplete for this select

    authority = AuthorityChoiceField(
        label="Which local authority area will be inspected?",
        queryset=LocalAuthority.objects.none(),
        empty_label="Choose a local authority",
        error_messages={
            "required": "Select the local authority",
            "invalid_choice": "Select a local authority from the list",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = (
            LocalAuthority.objects.current().with_childrens_services().order_by("name")
        )
        self.fields["authority"].widget.attrs["data-autocomplete"] = "true"


class FrameworkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class FrameworkForm(forms.Form):
    framework = FrameworkChoiceField(
        label="Which kind of inspection is it?",
        queryset=Framework.objects.order_by("name"),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the kind of inspection"},
    )


class ThemeForm(forms.Form):
    theme = forms.ModelChoiceField(
        label="Which theme will the inspection look at?",
        queryset=Theme.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select a theme"},
    )

    def __init__(self, *args, framework: Framework, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["theme"]
        field.queryset = framework.themes.order_by("-start_date")
        field.label_from_instance = lambda theme: (
            f"{theme.name} (from {theme.start_date:%B %Y}"
            + (f" to {theme.end_date:%B %Y})" if theme.end_date else ")")
        )


def working_monday_example() -> str:
    """The next working Monday from today, as a hint's example."""
    day = clock.today() + datetime.timedelta(days=1)
    while day.weekday() != 0 or not workdays.is_working_day(day):
        day += datetime.timedelta(days=1)
    return f"A working Monday, for example {date_example(day)}"


class WindowForm(forms.Form):
    window_start = GovukDateField(
        label="When does the inspection window start?",
        error_messages={"required": "Enter the date the window starts"},
    )


class InspectoratesForm(forms.Form):
    optional_inspectorates = forms.ModelMultipleChoiceField(
        label="Which optional inspectorates will take part?",
        queryset=Inspectorate.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The framework's required inspectorates always take part. Select all that apply.",
    )

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        ids = version.inspectorate_rules.filter(participation=Participation.OPTIONAL).values_list(
            "inspectorate_id", flat=True
        )
        field = self.fields["optional_inspectorates"]
        field.queryset = Inspectorate.objects.filter(pk__in=ids)
        field.label_from_instance = lambda i: i.name


class InspectionFilterForm(forms.Form):
    """The inspections list's filters (a GET form: it only narrows the list)."""

    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *Status.choices]
    )
    framework = ListedModelChoiceField(
        label="Framework",
        required=False,
        queryset=Framework.objects.order_by("name"),
        empty_label="Any framework",
    )
    theme = ListedModelChoiceField(
        label="Theme",
        required=False,
        queryset=Theme.objects.order_by("-start_date"),
        empty_label="Any theme",
    )
    region = forms.ChoiceField(
        label="Ofsted region", required=False, choices=[("", "All regions"), *Region.choices]
    )
    date_from = GovukDateField(label="Window on or after", required=False)
    date_to = GovukDateField(label="Window on or before", required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "The end of the range must be after its start")
        return data


class TransitionForm(forms.Form):
    reason = forms.CharField(
        label="Reason", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, rule=None, **kwargs):
        super().__init__(*args, **kwargs)
        if rule is not None:
            self.fields["reason"].label = rule.reason_label
            self.fields["reason"].required = rule.reason_required
            self.fields["reason"].error_messages["required"] = "Enter a reason"


class InspectorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        inspectorate = user.inspectorate.short_name if user.inspectorate else "No inspectorate"
        return f"{user.display_name} ({inspectorate})"


class AgencyChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, agency):
        return f"{agency.name} ({agency.agency_type.name})"


class TeamMemberForm(forms.Form):
    user = InspectorChoiceField(
        label="Who is joining the team?",
        queryset=User.objects.none(),
        empty_label="Choose an inspector",
        error_messages={"required": "Select an inspector"},
    )
    role = forms.ChoiceField(
        label="Role",
        choices=TeamRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a role"},
    )
    agencies = AgencyChoices(
        label="Agencies they inspect",
        queryset=PartnerAgency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Only agencies their inspectorate judges under this framework.",
    )

    def __init__(self, *args, inspection, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = inspection.agencies.select_related("agency_type").order_by(
            "agency_type__order", "name"
        )
        # agency type -> the inspectorate judging it: the agencies follow the inspector's
        # inspectorate (on the page as data for the script; the service checks it again).
        self.judged_by = selectors.judging_inspectorate_ids(inspection.framework_version)
        self.availability: dict = {}
        if member is None:
            candidates = (
                User.objects.filter(is_active=True, inspectorate__in=inspection.inspectorates.all())
                .exclude(team_memberships__inspection=inspection)
                .select_related("inspectorate")
                .order_by("inspectorate__order", "last_name", "first_name")
            )
            self.availability = availability.busy_between(
                candidates,
                inspection.window_start,
                inspection.window_end,
                exclude_inspection_pk=inspection.pk,
            )
            field = self.fields["user"]
            field.queryset = candidates
            field.label_from_instance = self._inspector_label
        else:
            del self.fields["user"]
            judged = [t for t, i in self.judged_by.items() if i == member.inspectorate_id]
            agencies = agencies.filter(agency_type__in=judged)
        self.fields["agencies"].queryset = agencies

    def _inspector_label(self, user) -> str:
        inspectorate = user.inspectorate.short_name if user.inspectorate else "No inspectorate"
        found = self.availability.get(user.pk)
        free = "free" if found is None or found.free else "not free"
        return f"{user.display_name} ({inspectorate}): {free}"

    def agency_inspectorates(self) -> dict[str, int | None]:
        """agency id -> the inspectorate that judges it, for the page's script."""
        return {
            str(a.pk): self.judged_by.get(a.agency_type_id)
            for a in self.fields["agencies"].queryset
        }

    def inspector_inspectorates(self) -> dict[str, int | None]:
        """inspector id -> their inspectorate, for the page's script."""
        return {str(pk): a.user.inspectorate_id for pk, a in self.availability.items()}


class PartnerAgencyForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the agency's name"}
    )
    agency_type = forms.ModelChoiceField(
        label="Type of agency",
        queryset=AgencyType.objects.order_by("order"),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the type of agency"},
    )
    authorities = forms.ModelMultipleChoiceField(
        label="Local authority areas it serves",
        queryset=LocalAuthority.objects.none(),
        help_text="A police force or health trust often serves several areas. "
        "Hold Ctrl (or Cmd) to select more than one.",
        error_messages={"required": "Select at least one local authority"},
    )
    is_active = forms.BooleanField(label="The agency is active", required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["authorities"]
        field.queryset = LocalAuthority.objects.current().with_childrens_services()
        field.label_from_instance = lambda a: a.name
        field.widget.attrs["size"] = 10


class ThemeCreateForm(forms.Form):
    name = forms.CharField(
        label="Theme", max_length=200, error_messages={"required": "Enter the theme"}
    )
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    start_date = GovukDateField(
        label="First inspections from",
        error_messages={"required": "Enter the date the theme starts"},
    )
    end_date = GovukDateField(label="Last inspections by", required=False)
    inspectorates = forms.ModelMultipleChoiceField(
        label="Inspectorates taking part",
        queryset=Inspectorate.objects.order_by("order"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty for the framework's usual inspectorates.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Themes start with a school year: the next 1 September, from the clock.
        today = clock.today()
        september = datetime.date(today.year + (today >= datetime.date(today.year, 9, 1)), 9, 1)
        self.fields["start_date"].help_text = f"For example {date_example(september)}"
        self.fields["inspectorates"].label_from_instance = lambda i: i.name

    def clean(self):
        data = super().clean()
        if (
            data.get("start_date")
            and data.get("end_date")
            and data["end_date"] < data["start_date"]
        ):
            self.add_error("end_date", "The last date must be after the first")
        return data


class InspectionChangeForm(forms.Form):
    window_start = GovukDateField(
        label="When does the inspection window start?",
        help_text="A working Monday",
        error_messages={"required": "Enter the date the window starts"},
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)


class FrameworkVersionForm(forms.Form):
    """The settings of a framework version an admin may change (a version in use is copied)."""

    active_from = GovukDateField(
        label="In use from", error_messages={"required": "Enter the date it is in use from"}
    )
    active_to = GovukDateField(label="In use until", required=False)
    window_days = forms.IntegerField(
        label="Window length in days",
        min_value=1,
        max_value=60,
        help_text="Calendar days from the window's first Monday to its last day",
        error_messages={"required": "Enter the window length"},
    )
    notice_working_days = forms.IntegerField(
        label="Notice in working days",
        required=False,
        min_value=1,
        max_value=30,
        help_text="Leave empty for an unannounced inspection",
    )
    action_plan_working_days = forms.IntegerField(
        label="Written statement of action due, in working days after publication",
        required=False,
        min_value=1,
        max_value=200,
        help_text="Leave empty if the framework does not ask for one",
    )
    min_tracked_cases = forms.IntegerField(
        label="Tracked cases at least", min_value=0, max_value=100
    )
    method = forms.CharField(
        label="Method, for the report annex",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("active_from")
            and data.get("active_to")
            and data["active_to"] < data["active_from"]
        ):
            self.add_error("active_to", "The end of the period must be after its start")
        return data

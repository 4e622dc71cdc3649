"""Forms for the planning pages. Every field validates on the server and keeps what was typed."""

from __future__ import annotations

import datetime

from django import forms

from agencies.models import Grade, Inspectorate, LocalAuthority, Region
from jtai import clock
from jtai.bounds import validate_date_in_range
from jtai.forms import GovukDateInput, date_example

from ..models import FrameworkVersion, Theme
from .models import Severity
from .selectors import REASON_FILTERS

DEFAULT_COUNTS = {"ofsted": 12, "cqc": 8, "hmicfrs": 8, "hmiprobation": 8, "hmiprisons": 3}
DEFAULT_CONCURRENT = {"ofsted": 4, "cqc": 4, "hmicfrs": 4, "hmiprobation": 4, "hmiprisons": 2}


class ProgrammeForm(forms.Form):
    name = forms.CharField(
        label="Programme name", max_length=200, error_messages={"required": "Enter a name"}
    )
    framework_version = forms.ModelChoiceField(
        label="Framework",
        queryset=FrameworkVersion.objects.select_related("framework").order_by(
            "framework__name", "-version"
        ),
        empty_label="Choose a framework",
        error_messages={"required": "Choose a framework"},
    )
    theme = forms.ModelChoiceField(
        label="Theme (optional)",
        queryset=Theme.objects.select_related("framework").order_by(
            "framework__name", "start_date"
        ),
        required=False,
        empty_label="No theme",
    )
    period_start = forms.DateField(
        label="Programme starts",
        widget=GovukDateInput,
        validators=[validate_date_in_range],
        error_messages={"required": "Enter the date the programme starts"},
    )
    period_end = forms.DateField(
        label="Programme ends",
        widget=GovukDateInput,
        validators=[validate_date_in_range],
        error_messages={"required": "Enter the date the programme ends"},
    )
    target_areas = forms.IntegerField(
        label="Number of areas to inspect",
        min_value=1,
        max_value=200,
        initial=25,
        error_messages={"required": "Enter the number of areas"},
    )
    well_performing_share = forms.IntegerField(
        label="Share of well-performing areas (%)",
        help_text="Areas graded good or outstanding, so that good practice is shared.",
        min_value=0,
        max_value=100,
        initial=25,
        error_messages={"required": "Enter a percentage"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Examples from the clock: the next 1 April, and the October of the year after.
        today = clock.today()
        start = datetime.date(today.year + (today >= datetime.date(today.year, 4, 1)), 4, 1)
        end = datetime.date(start.year + 1, 10, 31)
        self.fields["period_start"].help_text = f"For example, {date_example(start)}"
        self.fields["period_end"].help_text = f"For example, {date_example(end)}"
        # Themes can share a name (domestic abuse in 2016 and 2024): say when each ran.
        self.fields["theme"].label_from_instance = lambda t: (
            f"{t.name} ({t.start_date:%B %Y} to {t.end_date:%B %Y})"
            if t.end_date
            else f"{t.name} (from {t.start_date:%B %Y})"
        )
        self.inspectorates = list(Inspectorate.objects.order_by("order"))
        for i in self.inspectorates:
            self.fields[f"count_{i.code}"] = forms.IntegerField(
                label=f"{i.short_name}: inspectors available",
                min_value=0,
                max_value=1000,
                initial=DEFAULT_COUNTS.get(i.code, 4),
                help_text="Named inspectors of this inspectorate are used first.",
            )
            self.fields[f"concurrent_{i.code}"] = forms.IntegerField(
                label=f"{i.short_name}: most inspections at once",
                min_value=1,
                max_value=100,
                initial=DEFAULT_CONCURRENT.get(i.code, 2),
            )

    def capacity_fields(self):
        return [(self[f"count_{i.code}"], self[f"concurrent_{i.code}"]) for i in self.inspectorates]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end <= start:
            self.add_error("period_end", "The programme must end after it starts")
        return data

    def capacities(self) -> dict:
        return {
            i.code: {
                "inspector_count": self.cleaned_data[f"count_{i.code}"],
                "max_concurrent": self.cleaned_data[f"concurrent_{i.code}"],
                "inspectors": list(i.people.filter(is_active=True).exclude(role="admin")),
            }
            for i in self.inspectorates
        }


class ConcernForm(forms.Form):
    inspectorate = forms.ModelChoiceField(
        queryset=Inspectorate.objects.order_by("order"),
        empty_label="Choose an inspectorate",
        error_messages={"required": "Choose the inspectorate with the concern"},
    )
    authority = forms.ModelChoiceField(
        label="Local authority",
        queryset=LocalAuthority.objects.current().with_childrens_services().order_by("name"),
        empty_label="Choose a local authority",
        error_messages={"required": "Choose the local authority"},
    )
    date = forms.DateField(
        label="Date of the concern",
        widget=GovukDateInput,
        validators=[validate_date_in_range],
        error_messages={"required": "Enter the date of the concern"},
    )
    severity = forms.ChoiceField(
        choices=Severity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how serious the concern is"},
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Describe the concern"},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].help_text = f"For example, {date_example(clock.today())}"
        if user is not None and not user.is_admin and user.inspectorate_id:
            self.fields["inspectorate"].queryset = Inspectorate.objects.filter(
                pk=user.inspectorate_id
            )
            self.fields["inspectorate"].initial = user.inspectorate_id

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > clock.today():
            raise forms.ValidationError("The date of the concern must be today or in the past")
        return date


class LeaveForm(forms.Form):
    """Leave for a named inspector, or for a number of unnamed planning places."""

    capacity = forms.ModelChoiceField(
        label="Inspectorate",
        queryset=None,
        empty_label="Choose an inspectorate",
        error_messages={"required": "Choose the inspectorate"},
    )
    user = forms.ModelChoiceField(
        label="Inspector (optional)",
        queryset=None,
        required=False,
        empty_label="Unnamed inspectors",
        help_text="Leave empty to take unnamed planning places away.",
    )
    headcount = forms.IntegerField(
        label="Number of unnamed inspectors away",
        min_value=1,
        max_value=100,
        initial=1,
        required=False,
    )
    start = forms.DateField(
        label="First day away",
        widget=GovukDateInput,
        validators=[validate_date_in_range],
        error_messages={"required": "Enter the first day away"},
    )
    end = forms.DateField(
        label="Last day away",
        widget=GovukDateInput,
        validators=[validate_date_in_range],
        error_messages={"required": "Enter the last day away"},
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        from agencies.models import User

        capacities = programme.capacities.select_related("inspectorate")
        self.fields["capacity"].queryset = capacities
        self.fields["capacity"].label_from_instance = lambda c: c.inspectorate.short_name
        self.fields["user"].queryset = (
            User.objects.filter(pk__in=capacities.values("inspectors"))
            .select_related("inspectorate")
            .order_by("last_name", "username")
        )
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.display_name} ({u.inspectorate.short_name})"
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The last day must be on or after the first day")
        capacity, user = data.get("capacity"), data.get("user")
        if capacity and user and user.inspectorate_id != capacity.inspectorate_id:
            self.add_error("user", f"Choose an inspector from {capacity.inspectorate.short_name}")
        return data


class CapacityForm(forms.Form):
    inspector_count = forms.IntegerField(
        label="Inspectors available",
        min_value=0,
        max_value=1000,
        help_text="Named inspectors count towards this; the rest are planning places.",
        error_messages={"required": "Enter the number of inspectors"},
    )
    team_size = forms.IntegerField(
        label="Inspectors per inspection",
        min_value=1,
        max_value=20,
        help_text="A lead and inspectors.",
        error_messages={"required": "Enter the number of inspectors per inspection"},
    )
    max_concurrent = forms.IntegerField(
        label="Most inspections at once",
        min_value=1,
        max_value=100,
        error_messages={"required": "Enter the most inspections at once"},
    )


class ActionForm(forms.Form):
    """A button that asks a service to act (propose again, run the scheduler, accept): no
    fields; the service's refusal lands on it as a form error."""


PROPOSAL_PAGE_SIZE = 25


class ProposalFilterForm(forms.Form):
    """The proposal's search and filters, read from the query string."""

    optional_suffix = False  # every filter may be left empty: "(optional)" would be noise

    q = forms.CharField(label="Search by area", max_length=100, required=False)
    included = forms.ChoiceField(
        label="In or out",
        required=False,
        choices=[("", "All areas"), ("in", "In the programme"), ("out", "Left out")],
        error_messages={"invalid_choice": "Choose in, out or all areas"},
    )
    region = forms.ChoiceField(
        label="Ofsted region",
        required=False,
        choices=[("", "All regions"), *Region.choices],
        error_messages={"invalid_choice": "Choose a region from the list"},
    )
    grade = forms.ChoiceField(
        label="Latest ILACS grade",
        required=False,
        choices=[("", "Any grade"), *Grade.choices, ("none", "No grade")],
        error_messages={"invalid_choice": "Choose a grade from the list"},
    )
    reason = forms.ChoiceField(
        label="Reason",
        required=False,
        choices=[("", "Any reason"), *((k, label) for k, (label, _) in REASON_FILTERS.items())],
        error_messages={"invalid_choice": "Choose a reason from the list"},
    )

    def filters(self) -> dict[str, str]:
        """The valid filters (all empty when the form is not valid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"].strip(),
            "included": data["included"],
            "region": data["region"],
            "grade": data["grade"],
            "reason": data["reason"],
        }


class ProposalBulkForm(forms.Form):
    """Several areas of the proposal, and what to do with them."""

    ACTIONS = {
        "add": "Add",
        "remove": "Remove",
        "lock": "Lock",
        "unlock": "Unlock",
    }

    choices = forms.ModelMultipleChoiceField(
        label="Areas",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one area",
            "invalid_choice": "Select areas from this proposal",
            "invalid_pk_value": "Select areas from this proposal",
        },
    )
    action = forms.ChoiceField(
        label="Action",
        choices=list(ACTIONS.items()),
        error_messages={"required": "Choose an action", "invalid_choice": "Choose an action"},
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    return_query = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choices"].queryset = programme.choices.select_related("authority").order_by(
            "rank"
        )

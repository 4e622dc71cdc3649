import datetime

from django import forms
from django.utils import timezone

from agencies.models import Grade, LocalAuthority, Region
from inspections.models import Framework, Theme
from jtai import clock
from jtai.forms import GovukDateField, ListedModelChoiceField, date_example

from .models import FactualAccuracyComment, VersionKind


class KeyFindingsForm(forms.Form):
    key_findings = forms.CharField(
        label="Key findings",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="What inspectors found across agencies. Leave a blank line between paragraphs.",
    )


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which version do you want to generate?",
        choices=VersionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which version to generate"},
    )


class DiffForm(forms.Form):
    a = forms.TypedChoiceField(label="Compare", coerce=int)
    b = forms.TypedChoiceField(label="with", coerce=int)

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        # In local time, as the versions table shows them (not UTC: an hour out in summer).
        choices = [
            (v.pk, f"{v.label} ({timezone.localtime(v.created_at):%-d %b %Y %H:%M})")
            for v in versions
        ]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices


class FactualAccuracySendForm(forms.Form):
    contacts = forms.MultipleChoiceField(
        label="Who should check the draft?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one contact"},
        help_text="Each contact gets an email with a download link that expires after 14 days.",
    )

    def __init__(self, *args, contacts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.contact_objects = {str(c.pk): c for c in contacts}
        self.fields["contacts"].choices = [
            (str(c.pk), f"{c.name}, {c.get_role_display()}") for c in contacts
        ]


class CommentForm(forms.Form):
    from_name = forms.CharField(label="Who is the comment from?", max_length=200)
    section = forms.CharField(label="Section of the report", max_length=200, required=False)
    comment = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_name"].error_messages["required"] = "Enter who the comment is from"
        self.fields["comment"].error_messages["required"] = "Enter the comment"


class RespondForm(forms.Form):
    response = forms.ChoiceField(
        label="Response",
        choices=[c for c in FactualAccuracyComment.Response.choices if c[0] != "pending"],
        widget=forms.RadioSelect,
        error_messages={"required": "Select a response"},
    )
    response_note = forms.CharField(
        label="Note for the area (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PublishForm(forms.Form):
    when = forms.ChoiceField(
        label="When should the report be published?",
        choices=[("now", "Now"), ("later", "At a set date and time (embargoed until then)")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select when to publish"},
    )
    date = GovukDateField(
        label="Date",
        required=False,
    )
    time = forms.TimeField(
        label="Time",
        required=False,
        help_text="24-hour clock, for example 00:01",
        widget=forms.TimeInput(format="%H:%M"),
        error_messages={"invalid": "Enter a time like 09:30"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An example a week ahead, from the clock (a publication date is in the future).
        ahead = clock.today() + datetime.timedelta(days=7)
        self.fields["date"].help_text = f"For example, {date_example(ahead)}"

    def clean(self):
        data = super().clean()
        if data.get("when") == "later":
            day, time = data.get("date"), data.get("time")
            if not day and "date" not in self.errors:
                self.add_error("date", "Enter the publication date")
            if time is None and "time" not in self.errors:
                self.add_error("time", "Enter the publication time")
            if day and time is not None:
                moment = timezone.make_aware(datetime.datetime.combine(day, time))
                if moment <= clock.now():
                    self.add_error("date", "The publication date must be in the future")
                data["publish_at"] = moment
        else:
            data["publish_at"] = None
        return data


class ActionPlanForm(forms.Form):
    document = forms.FileField(
        label="Upload the written statement of action",
        help_text="A PDF, smaller than 10 MB.",
        error_messages={"required": "Select a PDF file"},
    )


class RetryForm(forms.Form):
    """Try a failed or stalled generation again (no fields: a refusal shows on the form)."""


class RevokeLinkForm(forms.Form):
    """Revoke a recipient's factual-accuracy link (no fields: a refusal shows on the form)."""


class AcceptActionPlanForm(forms.Form):
    """Accept the submitted statement of action (no fields: a refusal shows on the form)."""


class RegisterFilterForm(forms.Form):
    q = forms.CharField(
        label="Search reports",
        required=False,
        max_length=200,
        strip=True,
        help_text="For example, a place, an agency or a word in the report",
        error_messages={"max_length": "Search words must be 200 characters or fewer"},
    )
    authority = forms.ModelChoiceField(
        label="Local authority",
        queryset=LocalAuthority.objects.filter(la_code__isnull=False),
        required=False,
        to_field_name="slug",
        empty_label="All local authorities",
    )
    region = forms.ChoiceField(
        label="Region", choices=[("", "All regions"), *Region.choices], required=False
    )
    framework = ListedModelChoiceField(
        label="Inspection type",
        queryset=Framework.objects.all(),
        required=False,
        to_field_name="code",
        empty_label="All types",
    )
    theme = ListedModelChoiceField(
        label="Theme",
        queryset=Theme.objects.all(),
        required=False,
        to_field_name="code",
        empty_label="All themes",
    )
    year = forms.TypedChoiceField(label="Year published", required=False, coerce=int)
    grade = forms.ChoiceField(
        label="Grade of a judgement",
        required=False,
        choices=[("", "Any grade"), *Grade.choices, ("not_graded", "Not graded (letters)")],
    )

    FILTERS = ("authority", "region", "framework", "theme", "year", "grade")
    CHOICE_ERRORS = {
        "authority": "Select a local authority from the list",
        "region": "Select a region from the list",
        "framework": "Select an inspection type from the list",
        "theme": "Select a theme of the inspection type chosen from the list",
        "year": "Select a year from the list",
        "grade": "Select a grade from the list",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = clock.today().year
        self.fields["year"].choices = [("", "All years")] + [
            (y, str(y)) for y in range(this_year, 2014, -1)
        ]
        for name, message in self.CHOICE_ERRORS.items():
            self.fields[name].error_messages["invalid_choice"] = message

    def selected(self) -> list[tuple[str, str, str]]:
        """(field, its label, the chosen value's label) for each filter applied: the
        "selected filters" a reader can remove one by one."""
        chosen = []
        for name in ("q", *self.FILTERS):
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            field = self.fields[name]
            if name == "q":
                shown = f"\u201c{value}\u201d"
            elif hasattr(field, "queryset"):
                shown = str(value)
            else:
                shown = dict((str(k), v) for k, v in field.choices).get(str(value), str(value))
            chosen.append((name, field.label, shown))
        return chosen


class SectionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label="Text",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=(
            "Leave a blank line between paragraphs. Start a line with “- ” for a bulleted list. "
            "Published reports never identify a child: no names or case references."
        ),
    )
    ready = forms.BooleanField(label="Ready for the inspectorates' leads to agree", required=False)
    comment = forms.TypedChoiceField(
        label="This change answers a factual-accuracy comment (optional)",
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, comments=(), **kwargs):
        super().__init__(*args, **kwargs)
        if comments:
            self.fields["comment"].choices = [("", "No: not in answer to a comment")] + [
                (c.pk, f"{c.from_name}: {c.comment[:80]}") for c in comments
            ]
        else:
            del self.fields["comment"]


class AgreeSectionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

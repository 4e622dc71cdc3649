"""The fieldwork pages' forms. The services decide the rules; the forms parse what was typed."""

from contextlib import contextmanager

from django import forms

from inspections.models import AuditEvaluation, PlanType, SessionKind
from inspections.recording.forms import case_reference_field
from inspections.recording.services.cases import case_reference_errors
from jtai.exceptions import ApplicationError
from jtai.forms import GovukDateField, date_example, day_in_window


class AreaListForm(forms.Form):
    area_list = forms.CharField(
        label="The area's list of children",
        help_text="Paste the area's child-level list, one child a line: case reference, age, "
        "plan (for example: HAR-0042, 12, child protection). References only: never names.",
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        error_messages={"required": "Paste the area's list of children"},
    )


class TrackedCaseForm(forms.Form):
    reference = case_reference_field()
    age = forms.IntegerField(
        label="Age in years",
        min_value=0,
        max_value=25,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter the child's age in years",
            "invalid": "Enter the child's age as a whole number of years",
            "min_value": "Enter an age of 0 or more",
            "max_value": "Enter an age of 25 or less",
        },
    )
    plan_type = forms.ChoiceField(
        label="Plan",
        choices=PlanType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the child's plan"},
    )

    def clean_reference(self):
        reference = (self.cleaned_data.get("reference") or "").strip()
        errors = case_reference_errors(reference)
        if errors:
            raise forms.ValidationError(errors)
        return reference


class CaseAnswersForm(forms.Form):
    """One answer per question of the theme's case-tracking tool, for one agency."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q_{question.code}"] = forms.CharField(
                label=question.text,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    @classmethod
    def initial_for(cls, answers) -> dict:
        return {f"q_{a.question.code}": a.answer for a in answers}

    def answers(self) -> dict[str, str]:
        return {q.code: self.cleaned_data.get(f"q_{q.code}") or "" for q in self.questions}

    @contextmanager
    def errors_by_question(self):
        """The service names a question by its code; on this form its field is `q_<code>`."""
        try:
            yield
        except ApplicationError as error:
            raise ApplicationError(
                error.message,
                fields={
                    (f"q_{code}" if f"q_{code}" in self.fields else code): problems
                    for code, problems in error.fields.items()
                },
            ) from error


class AuditForm(forms.Form):
    partnership_audit = forms.CharField(
        label="The partnership's audit of this case",
        help_text="What the area's own multi-agency audit of the case found.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    evaluation = forms.ChoiceField(
        label="Your evaluation of the audit",
        choices=[("", "Not evaluated yet"), *AuditEvaluation.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comment on the audit",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SessionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of session",
        choices=SessionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of session"},
    )
    title = forms.CharField(
        label="Title",
        help_text="For example, 'Interview with the head of the MASH'. Leave empty to use the "
        "kind of session.",
        max_length=200,
        required=False,
    )
    date = GovukDateField(
        label="Date",
        error_messages={"required": "Enter the date of the session"},
    )
    start_time = forms.TimeField(
        label="Starts at",
        help_text="24-hour clock, for example 09:30",
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter the time the session starts",
            "invalid": "Enter the start time on the 24-hour clock, like 09:30",
        },
    )
    end_time = forms.TimeField(
        label="Ends at",
        help_text="24-hour clock, for example 10:30",
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter the time the session ends",
            "invalid": "Enter the end time on the 24-hour clock, like 10:30",
        },
    )
    room = forms.CharField(label="Room", max_length=120, required=False)
    attendees = forms.ModelMultipleChoiceField(
        label="Team members attending",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    external_attendees = forms.CharField(
        label="Other attendees",
        help_text="Job titles, one a line (for example: Director of children's services). "
        "Never names of children or family members.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, team, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        example = day_in_window(inspection.window_start, inspection.window_end)
        self.fields[
            "date"
        ].help_text = f"A day of the inspection's window, for example {date_example(example)}"
        self.fields["attendees"].queryset = team
        self.fields["attendees"].label_from_instance = lambda m: (
            f"{m.user.display_name} ({m.inspectorate.short_name}, {m.get_role_display().lower()})"
        )

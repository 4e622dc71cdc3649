"""The browser forms of recording. They parse what was typed; the services decide validity."""

from contextlib import contextmanager

from django import forms

from agencies.models import Grade
from inspections.models import (
    AssessmentOutcome,
    CaseKind,
    EvidenceSource,
    JudgementArea,
    LineOfEnquiry,
)
from jtai.exceptions import ApplicationError
from jtai.forms import GovukDateField, date_example, day_in_window

from .services.cases import case_reference_errors

ITEMS_HINT = "Write each item on a new line."


def items_text(items) -> str:
    return "\n".join(items or [])


def items_from_text(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class JudgementForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    grade = forms.ChoiceField(
        label="Grade", choices=Grade.choices, required=False, widget=forms.RadioSelect
    )
    strengths = forms.CharField(
        label="Key strengths",
        help_text=ITEMS_HINT
        + " To mark the judgement as completed, enter at least one key strength or area for"
        " improvement.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    improvements = forms.CharField(
        label="Areas for improvement",
        help_text=ITEMS_HINT
        + " To mark the judgement as completed, enter at least one area for improvement or key"
        " strength.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    evidence_summary = forms.CharField(
        label="Evidence summary",
        help_text=(
            "The evidence the judgement rests on: cases, interviews, observations, documents."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, graded: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.graded = graded
        # Empty is fine in a draft, but completing needs one of them: not "(optional)".
        for name in ("strengths", "improvements"):
            self.fields[name].optional_suffix = False
        if not graded:
            del self.fields["grade"]
            self.fields["strengths"].label = "Findings: what the agency does well"
            self.fields["improvements"].label = "Findings: what the agency must improve"

    @classmethod
    def initial_for(cls, judgement) -> dict:
        return {
            "version": judgement.version,
            "grade": judgement.grade,
            "strengths": items_text(judgement.strengths),
            "improvements": items_text(judgement.improvements),
            "evidence_summary": judgement.evidence_summary,
        }


class SharedJudgementForm(JudgementForm):
    text = forms.CharField(
        label="The shared judgement",
        help_text="What the inspectorates found together about the safeguarding board.",
        error_messages={"required": "Enter the shared judgement's text"},
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    field_order = ["version", "grade", "text", "strengths", "improvements"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["evidence_summary"]
        self.fields["strengths"].help_text = ITEMS_HINT

    @classmethod
    def initial_for(cls, shared) -> dict:
        return {
            "version": shared.version,
            "grade": shared.grade,
            "text": shared.text,
            "strengths": items_text(shared.strengths),
            "improvements": items_text(shared.improvements),
        }


class AgreementForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    agrees = forms.TypedChoiceField(
        label="Does your inspectorate agree with this version of the shared judgement?",
        choices=[("yes", "Yes, we agree"), ("no", "No, we disagree")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether your inspectorate agrees"},
    )
    comment = forms.CharField(
        label="Comment",
        help_text="Needed if you disagree: say what should change.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


# Versions are 32-bit in the API too: a larger number typed into the page is not a version.
MAX_VERSION = 2**31 - 1


class EditVersionMixin:
    """The hidden `version` a change starts from, when the form changes a saved record
    (`versioned=True`); a form that adds one has no version."""

    def _keep_version(self, versioned: bool) -> None:
        if not versioned:
            del self.fields["version"]


class EvidenceForm(EditVersionMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_VERSION)
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=None,
        empty_label="Select an agency",
        error_messages={"required": "Select the agency the evidence is about"},
    )
    source = forms.ChoiceField(
        label="Source",
        choices=EvidenceSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the evidence comes from"},
    )
    date = GovukDateField(
        label="Date",
        error_messages={"required": "Enter the date of the evidence"},
    )
    note = forms.CharField(
        label="Note",
        help_text="What you found. Refer to children by case reference only, never by name.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter a note of the evidence"},
    )
    areas = forms.ModelMultipleChoiceField(
        label="Judgement areas this evidence informs",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    line_of_enquiry = forms.ModelChoiceField(
        label="Line of enquiry this evidence answers",
        queryset=None,
        required=False,
        empty_label="None",
    )

    def __init__(self, *args, inspection, agencies, versioned: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self._keep_version(versioned)
        example = day_in_window(inspection.window_start, inspection.window_end)
        self.fields["date"].help_text = f"For example, {date_example(example)}"
        self.fields["agency"].queryset = agencies
        self.fields["areas"].queryset = JudgementArea.objects.filter(
            version=inspection.framework_version_id
        ).order_by("order")
        self.fields["line_of_enquiry"].queryset = LineOfEnquiry.objects.filter(
            theme=inspection.theme_id
        )


def case_reference_field() -> forms.CharField:
    """A case reference, never a name: the one field every form that names a case uses."""
    return forms.CharField(
        label="Case reference",
        help_text="Two to four capital letters, a hyphen and digits, for example HAR-0042. "
        "Never enter a child's name.",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Enter the case reference"},
    )


class CaseSampleForm(EditVersionMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_VERSION)
    reference = case_reference_field()
    kind = forms.ChoiceField(
        label="Is this a tracked or a sampled case?",
        choices=CaseKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the case is tracked or sampled"},
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies involved",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label="Summary",
        help_text="Why the case was chosen. Do not include names or other identifying details.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, agencies, versioned: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self._keep_version(versioned)
        self.fields["agencies"].queryset = agencies

    def clean_reference(self):
        # Checked here too, so every problem shows at once, not only after the other fields.
        reference = (self.cleaned_data.get("reference") or "").strip()
        errors = case_reference_errors(reference)
        if errors:
            raise forms.ValidationError(errors)
        return reference

    def clean_agencies(self):
        agencies = self.cleaned_data.get("agencies")
        if not agencies:
            raise forms.ValidationError("Select the agencies involved in the case")
        return agencies


OUTCOME_CHOICES = [("", "Not assessed yet"), *AssessmentOutcome.choices]


class CaseAssessmentForm(forms.Form):
    """One outcome and note per case criterion of the framework."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"outcome_{criterion.code}"] = forms.ChoiceField(
                label=criterion.text,
                choices=OUTCOME_CHOICES,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
            )
            self.fields[f"note_{criterion.code}"] = forms.CharField(
                label="Note",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @classmethod
    def initial_for(cls, case) -> dict:
        initial = {}
        for assessment in case.assessments.all():
            initial[f"outcome_{assessment.criterion.code}"] = assessment.outcome
            initial[f"note_{assessment.criterion.code}"] = assessment.note
        return initial

    def assessments(self) -> dict[str, dict]:
        return {
            c.code: {
                "outcome": self.cleaned_data.get(f"outcome_{c.code}") or "",
                "note": self.cleaned_data.get(f"note_{c.code}") or "",
            }
            for c in self.criteria
        }

    @contextmanager
    def errors_by_criterion(self):
        """The service names a criterion by its code; on this form its field is
        `outcome_<code>`. Use inside `jtai.forms.service_errors(form)`."""
        try:
            yield
        except ApplicationError as error:
            raise ApplicationError(
                error.message,
                fields={f"outcome_{code}": problems for code, problems in error.fields.items()},
            ) from error

    def pairs(self):
        """(outcome field, note field) per criterion, for the template."""
        return [(self[f"outcome_{c.code}"], self[f"note_{c.code}"]) for c in self.criteria]

from django import forms


class LegalHoldForm(forms.Form):
    reason = forms.CharField(
        label="Why must the inspection's records be kept?",
        help_text="For example, the claim, complaint or investigation that needs them.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter why the records must be kept"},
    )

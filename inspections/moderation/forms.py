from django import forms


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="What should the inspector change?",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The inspector sees this comment on the judgement.",
        error_messages={"required": "Enter a comment explaining what to change"},
    )


class SignOffForm(forms.Form):
    """The version of the judgement the lead read on the check page."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

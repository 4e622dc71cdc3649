from django import forms

from .models import Region


class AuthoritySearchForm(forms.Form):
    """The filters of the local authorities page (a GET form: it only narrows the list)."""

    q = forms.CharField(
        label="Name or code",
        required=False,
        max_length=100,
        help_text="For example Barnsley, E08000016 (GSS code) or 370 (DfE LA code)",
    )
    region = forms.ChoiceField(
        label="Ofsted region",
        required=False,
        choices=[("", "All regions"), *Region.choices],
        error_messages={"invalid_choice": "Select an Ofsted region from the list"},
    )
    include_former = forms.BooleanField(
        label="Include former authorities (replaced in the reorganisations since 2019)",
        required=False,
    )

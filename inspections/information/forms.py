from django import forms

from .checks import ACCEPTED


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text=f"A {ACCEPTED} file. Refer to children by reference only, never by name.",
        error_messages={"required": "Choose a file to upload", "empty": "The file is empty"},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.csv,.xlsx,.docx"}),
    )
    contains_names = forms.BooleanField(
        label="This file contains children's names",
        required=False,
        help_text="Only the lead inspector and the inspector looking at the case will see it.",
    )
    case_reference = forms.CharField(
        label="Case reference (optional)",
        required=False,
        max_length=20,
        help_text="If the file is about one case, its reference, like HAR-0042.",
    )


class NominateForm(forms.Form):
    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter a first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": "Enter a last name"}
    )
    email = forms.EmailField(
        label="Email address",
        help_text="The request for information is sent to this address.",
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk",
        },
    )

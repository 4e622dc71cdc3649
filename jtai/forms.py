"""Form pieces shared by every app: the GOV.UK date input and the sign-in form."""

import datetime

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class GovukDateInput(forms.MultiWidget):
    """GOV.UK's date input: three boxes named `<name>_day`, `<name>_month`, `<name>_year`.

    `{% govuk_field %}` renders it; what the user typed comes back as typed when the form
    fails, and an impossible date (31 February) fails the field's validation.
    """

    def __init__(self, attrs=None):
        widgets = {
            "day": forms.TextInput(attrs={"inputmode": "numeric"}),
            "month": forms.TextInput(attrs={"inputmode": "numeric"}),
            "year": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = (
            (data.get(f"{name}_{part}") or "").strip() for part in ("day", "month", "year")
        )
        if not (day or month or year):
            return None
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            # Not a real date: hand the field something it will refuse as invalid.
            return f"{day}-{month}-{year}-invalid"

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}_{part}" in data for part in ("day", "month", "year"))


class GovukDateField(forms.DateField):
    """A date field entered with the GOV.UK date input."""

    widget = GovukDateInput
    default_error_messages = {"invalid": "Enter a real date"}


class LoginForm(AuthenticationForm):
    """Django's sign-in form with the GOV.UK wording for a failed sign-in."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account is inactive",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        )
        self.fields["username"].widget.attrs.pop("autofocus", None)

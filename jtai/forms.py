"""Form pieces shared by every app: the GOV.UK date input, the sign-in form, and the one way a
page hands a form to a service and shows the rules it broke."""

import datetime
from contextlib import contextmanager

from django import forms
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render

from . import clock
from .bounds import validate_date_in_range
from .exceptions import ApplicationError


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
    """A date field entered with the GOV.UK date input, between `EARLIEST_DATE` and
    `LATEST_DATE` (`jtai.bounds`)."""

    widget = GovukDateInput
    default_validators = [validate_date_in_range]
    default_error_messages = {"invalid": "Enter a real date"}


def date_example(day: datetime.date) -> str:
    """A date as the GOV.UK date input takes it, for a hint ("27 3 2027"): examples come from
    the clock or the record in hand, never a fixed year."""
    return f"{day.day} {day.month} {day.year}"


def day_in_window(start: datetime.date, end: datetime.date) -> datetime.date:
    """Today if it falls in the window, otherwise the window's nearer end: a likely example."""
    return min(max(clock.today(), start), end)


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


# --- one way from a form to a service ---------------------------------------------------------


def add_service_errors(form: forms.Form, error: ApplicationError, *, default_field=None) -> None:
    """Put every message of a service's `ApplicationError` on the form.

    Field errors go to their field when the form has it, otherwise to `default_field`
    (`None`: the error summary); the error's message goes to `default_field` when it named no
    field. Nothing is dropped: a message for a field the form does not show still reaches the
    person.
    """
    if not error.fields:
        form.add_error(default_field, error.message)
        return
    for field, field_messages in error.fields.items():
        target = field if field in form.fields else default_field
        for message in field_messages:
            form.add_error(target, message)


@contextmanager
def service_errors(form: forms.Form, *, default_field=None):
    """Run a service call for a form; a broken rule lands on the form instead of escaping.

        if request.method == "POST" and form.is_valid():
            with service_errors(form, default_field="user"):
                member = services.team_member_add(...)
                return redirect(...)
        return render_form(request, "inspections/team.html", context, form)

    Errors that are not `ApplicationError` (permission, not found) pass through untouched.
    """
    try:
        yield
    except ApplicationError as error:
        add_service_errors(form, error, default_field=default_field)


@contextmanager
def service_errors_as_messages(request):
    """Run a service call for a button that has no form (remove, sign off, propose again): a
    broken rule becomes an error message on the page the view then redirects to.

        with service_errors_as_messages(request):
            teams.team_member_remove(member=member, by=request.user)
            messages.success(request, "...")
        return redirect(...)
    """
    try:
        yield
    except ApplicationError as error:
        field_messages = [message for messages_ in error.fields.values() for message in messages_]
        for message in field_messages or [error.message]:
            messages.error(request, message)


def render_form(request, template: str, context: dict, *forms_: forms.Form):
    """Render a page of forms: 400 when any bound form has errors (what was typed is kept)."""
    failed = any(form is not None and form.is_bound and form.errors for form in forms_)
    return render(request, template, context, status=400 if failed else 200)


class ListedModelChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices read with one ordinary query. Django's own iterator streams them through
    a server-side cursor, which on PostgreSQL costs three round trips (declare, fetch, close)
    for a list of a dozen names on every page that shows the field."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in list(self.queryset):
            yield self.choice(obj)


class ListedModelChoiceField(forms.ModelChoiceField):
    """A `ModelChoiceField` whose short list of choices is read in one query."""

    iterator = ListedModelChoiceIterator

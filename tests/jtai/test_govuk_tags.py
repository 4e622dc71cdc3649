"""The GOV.UK form tags and the pagination include render the Design System's markup."""

import datetime
import re

from django import forms
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

from jtai.forms import GovukDateField


class ExampleForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As it appears on your badge")
    email = forms.EmailField(label="Email address", required=False)
    count = forms.IntegerField(label="Number of cases")
    secret = forms.CharField(label="Password", widget=forms.PasswordInput)
    notes = forms.CharField(label="Notes", widget=forms.Textarea)
    region = forms.ChoiceField(label="Region", choices=[("", "Choose"), ("ne", "North East")])
    grade = forms.ChoiceField(
        label="Grade",
        widget=forms.RadioSelect,
        choices=[("outstanding", "Outstanding"), ("good", "Good")],
    )
    agencies = forms.MultipleChoiceField(
        label="Agencies",
        widget=forms.CheckboxSelectMultiple,
        choices=[("police", "Police"), ("health", "Health")],
    )
    agree = forms.BooleanField(label="I agree")
    visit = GovukDateField(label="Date of visit", help_text="For example, 27 3 2026")

    def clean(self):
        super().clean()
        raise forms.ValidationError("Something is wrong with the whole form")


def render(source, **context):
    return Template("{% load govuk %}" + source).render(Context(context))


def test_text_input_has_label_hint_and_keeps_the_typed_value():
    form = ExampleForm(data={"name": "Ann <Smith>"})
    html = render("{% govuk_field form.name %}", form=form)
    assert '<label class="govuk-label" for="id_name">Full name</label>' in html
    assert '<div id="id_name-hint" class="govuk-hint">As it appears on your badge</div>' in html
    assert 'value="Ann &lt;Smith&gt;"' in html
    assert 'class="govuk-input"' in html
    assert 'aria-describedby="id_name-hint"' in html
    assert "govuk-form-group--error" not in html


def test_inline_error_has_hidden_prefix_and_error_classes():
    form = ExampleForm(data={"count": "lots"})
    form.is_valid()
    html = render("{% govuk_field form.count classes='govuk-input--width-5' %}", form=form)
    assert "govuk-form-group govuk-form-group--error" in html
    assert (
        '<p id="id_count-error" class="govuk-error-message">'
        '<span class="govuk-visually-hidden">Error:</span> Enter a whole number.</p>'
    ) in html
    assert 'class="govuk-input govuk-input--error govuk-input--width-5"' in html
    assert 'aria-describedby="id_count-error"' in html
    assert 'value="lots"' in html


def test_optional_field_says_so_and_email_keeps_its_type():
    html = render("{% govuk_field form.email %}", form=ExampleForm())
    assert "Email address (optional)" in html
    assert 'type="email"' in html


def test_password_is_never_echoed():
    form = ExampleForm(data={"secret": "hunter2"})
    form.is_valid()
    html = render("{% govuk_field form.secret %}", form=form)
    assert 'type="password"' in html
    assert "hunter2" not in html


def test_textarea_and_select_keep_values():
    form = ExampleForm(data={"notes": "Line one\nLine two", "region": "ne"})
    html = render("{% govuk_field form.notes %}{% govuk_field form.region %}", form=form)
    assert 'class="govuk-textarea"' in html
    assert "Line one\nLine two</textarea>" in html
    assert 'class="govuk-select"' in html
    assert '<option value="ne" selected>North East</option>' in html


def test_page_heading_label_and_size():
    html = render(
        "{% govuk_field form.name label_class='govuk-label--l' is_page_heading=True %}",
        form=ExampleForm(),
    )
    assert (
        '<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" '
        'for="id_name">Full name</label></h1>'
    ) in html


def test_radios_in_a_fieldset_keep_the_choice():
    form = ExampleForm(data={"grade": "good"})
    form.is_valid()
    html = render("{% govuk_field form.grade label_class='govuk-label--m' %}", form=form)
    assert '<fieldset class="govuk-fieldset">' in html
    assert "govuk-fieldset__legend govuk-fieldset__legend--m" in html
    assert 'data-module="govuk-radios"' in html
    assert re.search(r'id="id_grade_1" name="grade" type="radio" value="good" checked', html)
    assert 'value="outstanding" checked' not in html


def test_radios_page_heading_is_in_the_legend():
    html = render("{% govuk_field form.grade is_page_heading=True %}", form=ExampleForm())
    assert '<h1 class="govuk-fieldset__heading">Grade</h1>' in html
    assert "govuk-fieldset__legend--l" in html


def test_checkboxes_keep_every_ticked_box_and_show_errors():
    form = ExampleForm(data={"agencies": ["police", "health"]})
    form.is_valid()
    html = render("{% govuk_field form.agencies %}", form=form)
    assert 'data-module="govuk-checkboxes"' in html
    assert 'type="checkbox" value="police" checked' in html
    assert 'type="checkbox" value="health" checked' in html

    empty = ExampleForm(data={})
    empty.is_valid()
    html = render("{% govuk_field form.agencies %}", form=empty)
    assert "govuk-form-group--error" in html
    assert 'aria-describedby="id_agencies-error"' in html


def test_single_checkbox():
    form = ExampleForm(data={"agree": "on"})
    form.is_valid()
    html = render("{% govuk_field form.agree %}", form=form)
    assert 'class="govuk-checkboxes__input"' in html
    assert "checked" in html
    assert (
        '<label class="govuk-label govuk-checkboxes__label" for="id_agree">I agree</label>' in html
    )


def test_date_input_keeps_what_was_typed_and_refuses_impossible_dates():
    form = ExampleForm(data={"visit_day": "31", "visit_month": "2", "visit_year": "2026"})
    assert not form.is_valid()
    assert form.errors["visit"] == ["Enter a real date"]
    html = render("{% govuk_field form.visit %}", form=form)
    assert 'role="group"' in html
    assert 'name="visit_day" type="text" inputmode="numeric" value="31"' in html
    assert 'name="visit_month" type="text" inputmode="numeric" value="2"' in html
    assert 'name="visit_year" type="text" inputmode="numeric" value="2026"' in html
    assert "govuk-input--error" in html
    assert '<label class="govuk-label govuk-date-input__label" for="id_visit_0">Day</label>' in html


def test_date_input_parses_a_real_date_and_shows_initial():
    form = ExampleForm(data={"visit_day": "3", "visit_month": "11", "visit_year": "2026"})
    form.is_valid()
    assert form.cleaned_data["visit"] == datetime.date(2026, 11, 3)

    unbound = ExampleForm(initial={"visit": datetime.date(2026, 1, 9)})
    html = render("{% govuk_field form.visit %}", form=unbound)
    assert 'name="visit_day" type="text" inputmode="numeric" value="9"' in html
    assert 'name="visit_year" type="text" inputmode="numeric" value="2026"' in html


def test_error_summary_links_to_each_field_and_lists_non_field_errors():
    form = ExampleForm(data={"count": "x"})
    form.is_valid()
    html = render("{% govuk_error_summary form %}", form=form)
    assert 'data-module="govuk-error-summary"' in html
    assert "There is a problem" in html
    assert '<a href="#id_name">Something is wrong with the whole form</a>' in html
    assert '<a href="#id_count">Enter a whole number.</a>' in html
    assert '<a href="#id_grade_0">This field is required.</a>' in html
    assert '<a href="#id_visit_0">This field is required.</a>' in html


def test_error_summary_is_empty_without_errors():
    assert render("{% govuk_error_summary form %}", form=ExampleForm()).strip() == ""
    assert render("{% govuk_error_summary form %}", form=None).strip() == ""


def _page(number, count=200, per_page=10):
    return Paginator(list(range(count)), per_page).page(number)


def test_pagination_keeps_other_query_parameters():
    request = RequestFactory().get("/local-authorities/", {"q": "york", "region": "ne", "page": 5})
    html = Template('{% include "includes/pagination.html" %}').render(
        Context({"page_obj": _page(5), "request": request})
    )
    assert 'class="govuk-pagination"' in html
    assert 'href="?q=york&amp;region=ne&amp;page=4" rel="prev"' in html
    assert 'href="?q=york&amp;region=ne&amp;page=6" rel="next"' in html
    assert 'aria-current="page">5</a>' in html
    assert "govuk-pagination__item--ellipses" in html
    assert 'aria-label="Page 20"' in html


def test_pagination_hidden_for_one_page_and_edges():
    request = RequestFactory().get("/")
    single = Template('{% include "includes/pagination.html" %}').render(
        Context({"page_obj": _page(1, count=5), "request": request})
    )
    assert single.strip() == ""
    first = Template('{% include "includes/pagination.html" %}').render(
        Context({"page_obj": _page(1), "request": request})
    )
    assert "Previous" not in first
    assert 'href="?page=2" rel="next"' in first

"""Small display helpers for reference data: grades as GOV.UK tags, inspectorates' names as
they were on a date."""

from django import template
from django.utils.html import format_html

from agencies.models import Grade
from agencies.selectors import inspectorate_name_on

register = template.Library()

GRADE_COLOURS = {
    Grade.OUTSTANDING: "govuk-tag--green",
    Grade.GOOD: "govuk-tag--teal",
    Grade.REQUIRES_IMPROVEMENT: "govuk-tag--yellow",
    Grade.INADEQUATE: "govuk-tag--red",
}


@register.simple_tag
def grade_tag(grade: str, not_judged: str = "Not judged"):
    """A grade as a coloured GOV.UK tag; a grey tag when there is none."""
    if not grade:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', not_judged)
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', GRADE_COLOURS[grade], Grade(grade).label
    )


@register.filter
def thousands(number):
    """12345 -> "12,345"."""
    return f"{number:,}" if isinstance(number, int) else number


@register.filter
def name_on(inspectorate, day):
    """`{{ inspectorate|name_on:date }}`: the full name the inspectorate went by on that day
    ("Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services" in 2017, "His
    Majesty's ..." from 8 September 2022). Prefetch `names` to spare a query per name."""
    if inspectorate is None or inspectorate == "":
        return ""
    if not day:
        return inspectorate.name
    return inspectorate_name_on(inspectorate, day)


@register.filter
def short_name_on(inspectorate, day):
    """`{{ inspectorate|short_name_on:date }}`: the short name on that day (HMIC before 19 July
    2017, HMICFRS after)."""
    if inspectorate is None or inspectorate == "":
        return ""
    if not day:
        return inspectorate.short_name
    return inspectorate_name_on(inspectorate, day, short=True)

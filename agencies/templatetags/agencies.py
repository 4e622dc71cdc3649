"""Small display helpers for reference data: grades as GOV.UK tags."""

from django import template
from django.utils.html import format_html

from agencies.models import Grade

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

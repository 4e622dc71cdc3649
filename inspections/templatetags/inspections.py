"""Small template helpers for inspection pages: status tags and dates."""

from django import template
from django.utils.html import format_html

register = template.Library()

STATUS_COLOUR = {
    "planned": "govuk-tag--grey",
    "notified": "govuk-tag--light-blue",
    "fieldwork": "govuk-tag--purple",
    "evidence_closed": "govuk-tag--turquoise",
    "moderation": "govuk-tag--yellow",
    "factual_accuracy": "govuk-tag--orange",
    "published": "govuk-tag--green",
    "action_plan_due": "govuk-tag--pink",
    "closed": "",
    "cancelled": "govuk-tag--red",
    "deferred": "govuk-tag--orange",
}


@register.simple_tag
def status_tag(inspection_or_status, label=None):
    """A GOV.UK tag for an inspection's status (or a status code with its label)."""
    from inspections.models import Status

    if isinstance(inspection_or_status, str):
        code = inspection_or_status
    else:
        code = inspection_or_status.status
        label = None
    # The status's own label, looked up directly: a list shows one tag a row.
    label = label or Status(code).label
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', STATUS_COLOUR.get(code, ""), label
    )


@register.filter
def govuk_date(day):
    """4 December 2017 (GOV.UK style: no leading zero, full month)."""
    if not day:
        return ""
    return f"{day.day} {day:%B %Y}"


@register.filter
def window(inspection):
    """4 to 8 December 2017, or 27 November to 22 December 2017, or across years in full."""
    start, end = inspection.window_start, inspection.window_end
    if start.year != end.year:
        return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"
    if start.month != end.month:
        return f"{start.day} {start:%B} to {end.day} {end:%B %Y}"
    return f"{start.day} to {end.day} {end:%B %Y}"

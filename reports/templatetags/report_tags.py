from django import template

register = template.Library()

_TAG_COLOURS = {
    "outstanding": "govuk-tag--green",
    "good": "govuk-tag--turquoise",
    "requires_improvement": "govuk-tag--yellow",
    "inadequate": "govuk-tag--red",
}


@register.filter
def grade_tag_class(grade: str) -> str:
    """GOV.UK tag colour for a grade code."""
    return _TAG_COLOURS.get(grade, "govuk-tag--grey")

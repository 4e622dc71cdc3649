"""What the recording pages share: URLs, status tags and the grade radios."""

from django.urls import reverse

from agencies.models import Grade
from inspections.models import JudgementStatus

from ..permissions import can_edit_judgement

STATUS_TAGS = {
    JudgementStatus.NOT_STARTED: "govuk-tag--blue",
    JudgementStatus.IN_PROGRESS: "govuk-tag--light-blue",
    JudgementStatus.COMPLETED: "",
    JudgementStatus.RETURNED: "govuk-tag--red",
    JudgementStatus.SIGNED_OFF: "govuk-tag--green",
}


def page_url(name, **kwargs):
    """The URL of a recording page."""
    return reverse(f"inspections:recording:{name}", kwargs=kwargs)


def decorate(judgement, access):
    """Mark a judgement for the page: whether the user may edit it, and its tag's colour."""
    judgement.editable = can_edit_judgement(access, judgement)
    judgement.tag_class = STATUS_TAGS.get(judgement.status, "")
    return judgement


def grade_options(form, area):
    """The grade radios with each grade's descriptor for this area, as typed or saved."""
    if "grade" not in form.fields:
        return []
    value = form["grade"].value() or ""
    descriptors = area.grade_descriptors or {}
    return [
        {
            "id": f"id_grade_{index}",
            "value": code,
            "label": label,
            "descriptor": descriptors.get(code, ""),
            "checked": value == code,
        }
        for index, (code, label) in enumerate(Grade.choices)
    ]

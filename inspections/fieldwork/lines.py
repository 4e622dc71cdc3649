"""The line of enquiry an evidence record answers: one of the inspection's theme's.

A module of its own (models only) so the recording services can use it without importing the
rest of fieldwork, which builds on them.
"""

from inspections.models import Inspection, LineOfEnquiry
from jtai.exceptions import ApplicationError


def line_of_enquiry_checked(*, inspection: Inspection, line_of_enquiry) -> LineOfEnquiry | None:
    """The line of enquiry an evidence record is linked to, if it is one of the inspection's
    theme; None when none is given. Refused (400) otherwise."""
    if line_of_enquiry in (None, ""):
        return None
    pk = getattr(line_of_enquiry, "pk", line_of_enquiry)
    line = LineOfEnquiry.objects.filter(pk=pk, theme=inspection.theme_id).first()
    if line is None or inspection.theme_id is None:
        message = "Select a line of enquiry of this inspection's theme"
        raise ApplicationError(message, fields={"line_of_enquiry": [message]})
    return line

"""What the recording services share: limits, the stale-version refusal and the checks of a
judgement's content (a judgement and the shared judgement are written the same way)."""

from agencies.models import Grade
from jtai.exceptions import ApplicationError, ConflictError

MAX_ITEMS = 30
MAX_ITEM_LENGTH = 1000
MAX_SUMMARY_LENGTH = 20000
MAX_NOTE_LENGTH = 10000


class StaleVersionError(ConflictError):
    """Someone saved a newer version since this user started editing."""

    def __init__(self, message: str, *, current):
        super().__init__(message, fields={"version": [message]})
        self.current = current


def clean_items(value, *, field: str) -> list[str]:
    """A list of non-empty items from a list or from text with one item per line."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple):
        raise ApplicationError("Enter a list of items.", fields={field: ["Enter a list of items."]})
    items = []
    for item in value:
        if not isinstance(item, str):
            raise ApplicationError(
                "Each item must be text.", fields={field: ["Each item must be text."]}
            )
        item = " ".join(item.split())
        if item:
            items.append(item)
    errors = []
    if len(items) > MAX_ITEMS:
        errors.append(f"Enter no more than {MAX_ITEMS} items")
    if any(len(item) > MAX_ITEM_LENGTH for item in items):
        errors.append(f"Each item must be {MAX_ITEM_LENGTH} characters or fewer")
    if errors:
        raise ApplicationError(errors[0], fields={field: errors})
    return items


def validate_judgement_content(
    *,
    graded: bool,
    grade: str,
    strengths,
    improvements,
    summary: str,
    complete: bool,
    summary_field: str = "evidence_summary",
) -> tuple[str, list[str], list[str], str]:
    """The content as it is saved: (grade, strengths, improvements, summary), or the errors."""
    grade = (grade or "").strip()
    summary = (summary or "").strip()
    errors: dict[str, list[str]] = {}
    try:
        strengths = clean_items(strengths, field="strengths")
    except ApplicationError as exc:
        errors.update(exc.fields)
    try:
        improvements = clean_items(improvements, field="improvements")
    except ApplicationError as exc:
        errors.update(exc.fields)
    if grade and not graded:
        errors["grade"] = ["This framework is not graded: record findings only"]
    elif grade and grade not in Grade.values:
        errors["grade"] = ["Select a grade from the list"]
    if len(summary) > MAX_SUMMARY_LENGTH:
        errors[summary_field] = [f"This must be {MAX_SUMMARY_LENGTH} characters or fewer"]
    if complete and not errors:
        if graded and not grade:
            errors["grade"] = ["Select a grade before marking the judgement as completed"]
        if not strengths and not improvements:
            message = "Enter at least one key strength or area for improvement"
            errors["strengths"] = [message]
    if errors:
        raise ApplicationError.from_fields(errors)
    return grade, strengths, improvements, summary


def locked_at_version(obj, *, version: int, stale_message: str):
    """`obj`'s row, locked until the transaction ends, if it is still at the version the user
    started from; otherwise `StaleVersionError` carries the current row."""
    current = type(obj).objects.select_for_update().get(pk=obj.pk)
    if current.version != version:
        raise StaleVersionError(stale_message, current=current)
    return current


def save_with_links(obj, **links):
    """Check and save `obj`, then set each many-to-many relation named in `links`."""
    obj.full_clean()
    obj.save()
    for name, values in links.items():
        getattr(obj, name).set(values)
    return obj

"""A stale save of an evidence record or a case: keep what the user typed, show how the saved
record now differs from it, and let the next save start from the saved version.

Evidence and cases keep no history, so the page cannot show what the other person changed
from the version the user started with; it shows, field by field, where what is saved now
differs from what the user typed, which is what they need to merge before saving again.
"""

from dataclasses import dataclass, field

from inspections.models import CaseKind, EvidenceSource

from .. import selectors


@dataclass
class Difference:
    label: str
    saved: str
    yours: str
    # A word diff from the user's text to the saved text, for long text fields.
    words: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Conflict:
    current: object
    started_from: int
    differences: list[Difference]


def _names(objects) -> str:
    return ", ".join(str(getattr(o, "title", None) or getattr(o, "name", o)) for o in objects)


def _difference(label, saved, yours, *, text=False) -> Difference | None:
    if text:
        saved, yours = (saved or "").strip(), (yours or "").strip()
        if " ".join(saved.split()) == " ".join(yours.split()):
            return None
        return Difference(label, saved, yours, words=selectors.text_diff(yours, saved))
    if saved == yours:
        return None
    return Difference(label, saved or "None", yours or "None")


def evidence_differences(current, data) -> list[Difference]:
    """Where the saved evidence record `current` differs from the form's `data`."""
    areas = sorted(current.areas.all(), key=lambda a: a.order)
    typed_areas = sorted(data["areas"], key=lambda a: a.order)
    rows = [
        _difference("Agency", current.agency.name, data["agency"].name),
        _difference("Source", current.get_source_display(), _source_label(data["source"])),
        _difference("Date", f"{current.date:%-d %B %Y}", f"{data['date']:%-d %B %Y}"),
        _difference("Note", current.note, data["note"], text=True),
        _difference("Judgement areas", _names(areas), _names(typed_areas)),
        _difference(
            "Line of enquiry",
            str(current.line_of_enquiry or ""),
            str(data.get("line_of_enquiry") or ""),
        ),
    ]
    return [row for row in rows if row is not None]


def case_differences(current, data) -> list[Difference]:
    """Where the saved case `current` differs from the form's `data`."""
    agencies = sorted(current.agencies.all(), key=lambda a: a.name)
    typed = sorted(data["agencies"], key=lambda a: a.name)
    rows = [
        _difference("Case reference", current.reference, data["reference"]),
        _difference("Kind", current.get_kind_display(), _kind_label(data["kind"])),
        _difference("Agencies involved", _names(agencies), _names(typed)),
        _difference("Summary", current.summary, data["summary"], text=True),
    ]
    return [row for row in rows if row is not None]


def _source_label(value) -> str:
    return dict(EvidenceSource.choices).get(value, value)


def _kind_label(value) -> str:
    return dict(CaseKind.choices).get(value, value)


def rebound_form(request, form_class, stale, message: str, **kwargs):
    """The form as the user typed it, now starting from the saved version, with `message`."""
    rebound = request.POST.copy()
    rebound["version"] = str(stale.current.version)
    form = form_class(rebound, versioned=True, **kwargs)
    form.is_valid()
    form.add_error(None, message)
    return form

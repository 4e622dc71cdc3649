"""What a published report must never say: the publication check.

Published reports and letters never identify a child: not by name, not by a case reference,
not by a date of birth. Case references belong on the team's pages only. `snapshot_check`
reads every word of a snapshot before a version of it is stored and refuses, naming the
section and the offending text, when it finds

- anything shaped like a case reference (`HAR-0137`: the format recording accepts),
- any of the inspection's own case references, whatever their shape,
- a date next to a word that makes it a date of birth ("born", "DOB", "date of birth", "aged"),
- any name the team holds for the inspection's children (`reports.case_names`: the area's files
  marked "contains names", and names written into the case records), as a whole capitalised
  word,
- a name introduced as a child's ("a girl called Amy", "the child's name is Amy", "Amy, aged
  7"): a capitalised word right after a word for a child and "called", "named" or "known as",
  or right before "aged" and a number. Ordinary report prose has neither form ("children aged
  10 to 17", "known as the front door" pass).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from jtai.exceptions import ApplicationError

# The shape recording accepts for a case reference (see inspections.recording.services.cases),
# found anywhere in running text rather than matched against a whole field.
CASE_REFERENCE_IN_TEXT = re.compile(r"(?<![A-Za-z0-9-])[A-Z]{2,4}-[0-9]{1,6}(?![0-9A-Za-z])")

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_BIRTH_WORD = r"(?:born|birth|d\.?o\.?b\.?|date\s+of\s+birth|birthday|aged)"
# A birth word then a date within a few words, or a date then "born"/"birth" close behind it.
DATE_OF_BIRTH = re.compile(
    rf"\b{_BIRTH_WORD}\b[^.;\n]{{0,30}}?{_DATE}|{_DATE}[^.;\n]{{0,15}}?\b(?:born|birth)\b",
    re.IGNORECASE,
)

_CHILD_WORD = (
    r"(?:child|girl|boy|baby|infant|toddler|teenager|young\s+(?:person|man|woman)|sibling|"
    r"brother|sister|son|daughter|pupil)"
)
_NAME = r"[A-Z][a-z][A-Za-z'\-]*"
# Group nouns that may start a sentence before "aged": "Children, aged 10 to 17, ...".
_NOT_NAMES = (
    "Children|Child|Girls|Boys|Babies|Infants|Teenagers|Pupils|Siblings|Adults|People|Those|"
    "Parents|Carers|Families|Some|Many|All|Most|Others|One|Two|Three|Four|Five|Six"
)
CHILDS_NAME = re.compile(
    rf"\b{_CHILD_WORD}(?:'s)?,?\s+(?:(?i:called|named|known\s+as))\s+{_NAME}"
    rf"|\b(?i:child'?s|first|given|sur)\s?name(?:\s+(?:is|was))?\s*[:=\-]?\s*{_NAME}"
    rf"|\b(?!(?:{_NOT_NAMES})\b){_NAME}(?:,\s+|\s+\()aged\s+\d{{1,2}}\b"
)
# Words every match of the two costly patterns above contains (ignoring case), found in a
# fraction of the time those patterns take to scan a text without a match: a text with none of
# them cannot match, and is not scanned again (a report's texts are mostly such).
_DATE_OF_BIRTH_WORDS = re.compile(r"born|birth|d\.?o\.?b|aged", re.IGNORECASE)
_CHILDS_NAME_WORDS = re.compile(r"called|name|known|aged", re.IGNORECASE)
# Words no report can avoid, never read as a child's name even when one is spelled so.
_ORDINARY_WORDS = set(
    (_MONTHS + "|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday").split("|")
)

# Keys of the snapshot that are not the report's words (ids, codes, ISO dates, numbers).
_NOT_TEXT = {
    "schema",
    "inspection_id",
    "reference",
    "id",
    "code",
    "area_code",
    "agency_id",
    "type_code",
    "gss_code",
    "grade",
    "window_start",
    "window_end",
}

# Names of the snapshot's top-level parts, for a message the lead can act on.
_PART_NAMES = {
    "title": "Title",
    "key_findings": "Key findings",
    "grades_table": "Grades table",
    "case_samples": "Case-sample summary",
    "annex": "About this inspection",
    "letter": "Letter of findings",
    "contents": "Contents",
    "framework": "About this inspection",
    "cover": "Cover",
}


class PublicationRefused(ApplicationError):
    """A snapshot says something a published report must never say."""

    def __init__(self, section: str, text: str, why: str):
        self.section = section
        self.text = text
        super().__init__(
            f"The section “{section}” contains “{text}”, {why}. Published reports never "
            "identify a child. Remove it from that section and generate the version again.",
            fields={"section": [section]},
        )


def _label(value: dict) -> str | None:
    for key in ("area_title", "name", "title", "heading", "agency"):
        if isinstance(value.get(key), str) and value[key].strip():
            return value[key].strip()
    return None


def _texts(value, section: str) -> Iterator[tuple[str, str]]:
    """Every string of the snapshot with the name of the section it is in."""
    if isinstance(value, str):
        yield section, value
    elif isinstance(value, dict):
        label = _label(value)
        inner = f"{section}: {label}" if label and label != section else section
        for key, item in value.items():
            if key in _NOT_TEXT:
                continue
            yield from _texts(item, inner)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item, section)


def snapshot_texts(snapshot: dict) -> Iterator[tuple[str, str]]:
    for key, value in snapshot.items():
        if key in _NOT_TEXT:
            continue
        yield from _texts(value, _PART_NAMES.get(key, key.replace("_", " ").capitalize()))


def _own_reference_pattern(references: Iterable[str]) -> re.Pattern | None:
    refs = sorted({r.strip() for r in references if r and r.strip()}, key=len, reverse=True)
    if not refs:
        return None
    alternatives = "|".join(re.escape(r) for r in refs)
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])", re.IGNORECASE)


def _names_pattern(names: Iterable[str]) -> re.Pattern | None:
    words = sorted(
        {n for n in names if n and len(n) >= 2 and n not in _ORDINARY_WORDS}, key=len, reverse=True
    )
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![A-Za-z'\-])(?:{alternatives})(?![A-Za-z\-])")


def text_problem(
    text: str, own_references: re.Pattern | None = None, names: re.Pattern | None = None
) -> tuple[str, str] | None:
    """(offending text, why) for the first thing in `text` a published report must not say."""
    if own_references is not None and (match := own_references.search(text)):
        return match.group(0), "one of this inspection's case references"
    if names is not None and (match := names.search(text)):
        return match.group(0), "a name in this inspection's case data"
    if _CHILDS_NAME_WORDS.search(text) and (match := CHILDS_NAME.search(text)):
        return " ".join(match.group(0).split()), "which looks like a child's name"
    if match := CASE_REFERENCE_IN_TEXT.search(text):
        return match.group(0), "which looks like a child's case reference"
    if _DATE_OF_BIRTH_WORDS.search(text) and (match := DATE_OF_BIRTH.search(text)):
        return " ".join(match.group(0).split()), "which looks like a child's date of birth"
    return None


def _addressee_texts(snapshot: dict) -> set[str]:
    """The texts that name the area's leaders by design (a letter's addressees): a child who
    shares a word of a director's name must not stop the letter being addressed to them."""
    parts = [s for s in snapshot.get("sections") or [] if s.get("kind") == "addressees"]
    parts.append((snapshot.get("letter") or {}).get("addressees") or [])
    return {text for part in parts for _, text in _texts(part, "")}


def snapshot_check(
    snapshot: dict, *, case_references: Iterable[str] = (), names: Iterable[str] = ()
) -> None:
    """Refuse (`PublicationRefused`) a snapshot that identifies a child; see the module."""
    own = _own_reference_pattern(case_references)
    known = _names_pattern(names)
    adults = _addressee_texts(snapshot)
    for section, text in snapshot_texts(snapshot):
        problem = text_problem(text, own, None if text in adults else known)
        if problem:
            raise PublicationRefused(section, *problem)


def inspection_snapshot_check(snapshot: dict) -> None:
    """`snapshot_check` with the inspection's own case references (sampled and tracked) and the
    names its case data holds."""
    from inspections.fieldwork.models import TrackedCase
    from inspections.models import CaseSample

    from .case_names import inspection_case_names

    inspection_id = snapshot["inspection_id"]
    references = [
        *CaseSample.objects.filter(inspection_id=inspection_id).values_list("reference", flat=True),
        *TrackedCase.objects.filter(inspection_id=inspection_id).values_list(
            "reference", flat=True
        ),
    ]
    snapshot_check(snapshot, case_references=references, names=inspection_case_names(inspection_id))

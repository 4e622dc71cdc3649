"""Least data: free text that reaches case records never holds a child's name or date of birth.

The case reference field refuses a name (`case_reference_errors`); these checks extend that to
every free-text field about a case: case sample summaries and assessment notes, case-tracking
answers, the tracked case's audit text, and evidence notes that name a case. They look for the
tell-tale forms ("date of birth", "DOB", "born on ...", "named Jo", "first name: Jo") rather
than guessing at every capitalised word, so ordinary notes about services pass.
"""

from __future__ import annotations

import re

# Two to four capital letters, a hyphen, one to six digits: HAR-0042, WM-17, LSCB-000123.
CASE_REFERENCE = re.compile(r"^[A-Z]{2,4}-[0-9]{1,6}$")
CASE_REFERENCE_HINT = "two to four capital letters, a hyphen and up to six digits, like HAR-0042"
# The same, found anywhere in a text rather than matching all of it.
CASE_REFERENCE_IN_TEXT = re.compile(r"\b" + CASE_REFERENCE.pattern.strip("^$") + r"\b")

DATE_OF_BIRTH = re.compile(
    r"\b(?:d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|birth\s?date|birthday|born)\b", re.IGNORECASE
)
# A name introduced as one: "named Jo", "known as Jo", "first name: Jo",
# "child's name is Jo". The keyword in any case, the name with its capital letter.
NAMED = re.compile(
    r"\b(?i:named(?!\s+(?:GP|Nurse|Doctor|Midwife|Professional|Lead|Person)\b)|known\s+as|(?:child'?s|first|full|given|last|middle|fore|sur)\s?name"
    r"(?:\s+(?:is|was))?)\s*[:=\-]?\s*[A-Z][a-z'\-]+"
)


def names_a_case(text: str) -> bool:
    """Whether `text` names a case by its reference (HAR-0042), anywhere in it."""
    return bool(CASE_REFERENCE_IN_TEXT.search(text or ""))


def personal_details_errors(text: str, *, what: str = "this") -> list[str]:
    """Why `text` may not be kept about a child (empty list when it may)."""
    text = text or ""
    if DATE_OF_BIRTH.search(text):
        return [
            f"Do not write a child's date of birth in {what}: give their age in years if it "
            f"matters, and refer to them by case reference ({CASE_REFERENCE_HINT})"
        ]
    if NAMED.search(text):
        return [
            f"Do not write a child's name in {what}: refer to them by case reference "
            f"({CASE_REFERENCE_HINT})"
        ]
    return []

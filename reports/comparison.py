"""Two versions of a report compared: what the compare page shows and the API answers."""

from __future__ import annotations

from dataclasses import dataclass

from inspections.recording.selectors import text_diff

from . import selectors
from .models import ReportVersion
from .rendering import snapshot_diff


@dataclass(frozen=True)
class SectionChange:
    key: str
    title: str
    segments: list[tuple[str, str]]  # word runs: ("equal" | "insert" | "delete", words)


@dataclass(frozen=True)
class Comparison:
    older: ReportVersion
    newer: ReportVersion
    sections: list[SectionChange]
    lines: list[tuple[str, str]]  # the unified diff: ("add" | "del" | "hunk" | "same", line)


def _line_kind(line: str) -> str:
    if line.startswith("+") and not line.startswith("+++"):
        return "add"
    if line.startswith("-") and not line.startswith("---"):
        return "del"
    if line.startswith("@@"):
        return "hunk"
    return "same"


def section_changes(older: dict, newer: dict) -> list[SectionChange]:
    """Each written section that changed between two snapshots, with its word diff."""
    before = {s["key"]: s for s in older.get("sections") or []}
    after = {s["key"]: s for s in newer.get("sections") or []}
    changed = []
    for key in [*after, *(k for k in before if k not in after)]:
        old, new = before.get(key, {}).get("text", ""), after.get(key, {}).get("text", "")
        if old != new:
            title = (after.get(key) or before[key])["title"]
            changed.append(SectionChange(key=key, title=title, segments=text_diff(old, new)))
    return changed


def version_comparison(inspection, a: int, b: int) -> Comparison:
    """Versions `a` and `b` of the inspection's report (either order), older first; the
    caller has checked both are the inspection's (a 404 otherwise)."""
    by_pk = selectors.versions_by_pk(inspection, [a, b])
    older, newer = by_pk[a], by_pk[b]
    if older.number > newer.number:
        older, newer = newer, older
    lines = snapshot_diff(
        older.snapshot, newer.snapshot, old_label=older.label, new_label=newer.label
    )
    return Comparison(
        older=older,
        newer=newer,
        sections=section_changes(older.snapshot, newer.snapshot),
        lines=[(_line_kind(line), line) for line in lines],
    )

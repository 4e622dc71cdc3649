"""The team's versions of a report: a version's PDF, its preview, and two versions compared."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from inspections.recording.selectors import text_diff
from jtai.storage import private_file_response

from .. import selectors
from ..forms import DiffForm
from ..rendering import render_publication_html, snapshot_diff


@login_required
@cache_control(private=True, no_store=True)
def version_pdf(request, pk, version_pk):
    """A version's PDF, for the team: unpublished versions must never sit in a shared cache."""
    inspection = selectors.inspection_for_team(request.user, pk)
    version = selectors.version_for(inspection, version_pk)
    name = f"{inspection.reference}-{version.label.lower().replace(' ', '-')}.pdf"
    return private_file_response(
        request, version.pdf, filename=name, content_type="application/pdf", as_attachment=False
    )


@login_required
def version_preview(request, pk, version_pk):
    inspection = selectors.inspection_for_team(request.user, pk)
    version = selectors.version_for(inspection, version_pk)
    return render(
        request,
        "reports/version.html",
        {
            "inspection": inspection,
            "version": version,
            "r": version.snapshot,
            "body": render_publication_html(version.snapshot),
        },
    )


def _diff_line_kind(line: str) -> str:
    if line.startswith("+") and not line.startswith("+++"):
        return "add"
    if line.startswith("-") and not line.startswith("---"):
        return "del"
    if line.startswith("@@"):
        return "hunk"
    return "same"


def section_diffs(older: dict, newer: dict) -> list[dict]:
    """Each written section that changed between two snapshots, with its word diff (from
    `reports.views.sections`' shape, for the judgement diff include)."""
    from .sections import _as_diff

    before = {s["key"]: s for s in older.get("sections") or []}
    after = {s["key"]: s for s in newer.get("sections") or []}
    changed = []
    for key in [*after, *(k for k in before if k not in after)]:
        old, new = before.get(key, {}).get("text", ""), after.get(key, {}).get("text", "")
        if old != new:
            title = (after.get(key) or before[key])["title"]
            changed.append({"title": title, "diff": _as_diff(text_diff(old, new))})
    return changed


@login_required
def compare(request, pk):
    inspection = selectors.inspection_for_team(request.user, pk)
    versions = list(selectors.versions_for(inspection))
    form = DiffForm(request.GET or None, versions=versions)
    lines = None
    sections = []
    older = newer = None
    if form.is_bound and form.is_valid():
        a, b = form.cleaned_data["a"], form.cleaned_data["b"]
        by_pk = selectors.versions_by_pk(inspection, [a, b])
        older, newer = by_pk[a], by_pk[b]
        if older.number > newer.number:
            older, newer = newer, older
        sections = section_diffs(older.snapshot, newer.snapshot)
        lines = [
            (_diff_line_kind(line), line)
            for line in snapshot_diff(
                older.snapshot, newer.snapshot, old_label=older.label, new_label=newer.label
            )
        ]
    return render(
        request,
        "reports/compare.html",
        {
            "inspection": inspection,
            "form": form,
            "lines": lines,
            "sections": sections,
            "older": older,
            "newer": newer,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )

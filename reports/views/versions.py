"""The team's versions of a report: a version's PDF, its preview, and two versions compared."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from jtai.storage import private_file_response

from .. import selectors
from ..comparison import version_comparison
from ..forms import DiffForm
from ..rendering import render_publication_html
from .sections import _as_diff


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


@login_required
def compare(request, pk):
    inspection = selectors.inspection_for_team(request.user, pk)
    versions = list(selectors.versions_for(inspection))
    form = DiffForm(request.GET or None, versions=versions)
    lines = None
    sections = []
    older = newer = None
    if form.is_bound and form.is_valid():
        comparison = version_comparison(inspection, form.cleaned_data["a"], form.cleaned_data["b"])
        older, newer, lines = comparison.older, comparison.newer, comparison.lines
        sections = [  # in the shape the judgement diff include shows
            {"title": change.title, "diff": _as_diff(change.segments)}
            for change in comparison.sections
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

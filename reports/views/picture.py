"""The published picture across areas: a hex map of England's 153 areas with its table,
and charts of published judgements with theirs. Drawn on the server as SVG: no script, no
tiles. Admins can also see the map of unpublished planning."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import picture
from ..svg import hex_layout, horizontal_bars, vertical_bars


def _may_see_planning(user) -> bool:
    return user.is_authenticated and user.is_admin


@require_GET
def area_map(request):
    measure = request.GET.get("show", "reports")
    if measure == "planning" and not _may_see_planning(request.user):
        raise Http404("No such map")
    measures = [
        m
        for m in picture.MEASURES
        if m in picture.PUBLIC_MEASURES or _may_see_planning(request.user)
    ]
    if measure not in picture.MEASURES:
        return render(
            request,
            "reports/picture/map.html",
            {
                "error": "Select what the map should show from the list",
                "measure": measure,
                "measures": [(m, picture.MEASURES[m]["title"]) for m in measures],
            },
            status=400,
        )
    areas = picture.PICTURES[measure]()
    hexes, width, height = hex_layout(areas)
    return render(
        request,
        "reports/picture/map.html",
        {
            "measure": measure,
            "title": picture.MEASURES[measure]["title"],
            "measures": [(m, picture.MEASURES[m]["title"]) for m in measures],
            "areas": areas,
            "hexes": hexes,
            "width": width,
            "height": height,
            "legend": picture.legend(measure, areas),
            "source": picture.hexmap()["source"],
        },
    )


@require_GET
def charts(request):
    counts = picture.judgement_counts()
    series = picture.CHART_GRADES
    return render(
        request,
        "reports/picture/charts.html",
        {
            "series": series,
            "type_rows": _table(counts["by_type"], series),
            "year_rows": _table(counts["by_year"], series),
            "type_chart": horizontal_bars(counts["by_type"], series),
            "year_chart": vertical_bars(counts["by_year"], series),
        },
    )


def _table(rows, series) -> list[dict]:
    """The chart's figures as table rows: the label, a count per series, the total."""
    return [
        {
            "label": label,
            "counts": [counts.get(s.key, 0) for s in series],
            "total": sum(counts.values()),
        }
        for label, counts in rows
    ]

"""The public register of published reports: search and filters in GOV.UK's "filter a list"
pattern, paginated, every choice kept in the query string. A filter value that is not one of
the choices answers 400 with the error summary and the choices as typed (a link that cannot be
honoured should say so, not quietly show every report)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jtai.links import Links
from jtai.page_cache import PUBLICATION_TTL, cached_page

from .. import selectors
from ..forms import RegisterFilterForm

PAGE_SIZE = 20


def _themes_within_framework(form: RegisterFilterForm) -> None:
    """Theme codes are unique within a framework only: look the theme up in the inspection type
    chosen, and refuse a code several types share when none is chosen."""
    field = form.fields["theme"]
    framework = form.data.get("framework")
    if framework:
        field.queryset = field.queryset.filter(framework__code=framework)
        return
    code = form.data.get("theme")
    if code and field.queryset.filter(code=code).count() > 1:
        field.queryset = field.queryset.exclude(code=code)
        field.error_messages["invalid_choice"] = (
            "More than one inspection type has this theme: choose the inspection type too"
        )


def _without(query: QueryDict, name: str) -> str:
    """The query string without one filter (and without the page: the list changes)."""
    kept = query.copy()
    for key in (name, "page"):
        kept.pop(key, None)
    if name == "framework":
        kept.pop("theme", None)  # a theme belongs to its inspection type
    encoded = kept.urlencode()
    return f"?{encoded}" if encoded else "?"


@require_GET
@cached_page(ttl=PUBLICATION_TTL)
def register(request):
    query = request.GET.copy()
    query.pop("page", None)
    form = RegisterFilterForm(query or None)
    if form.is_bound:
        _themes_within_framework(form)
    status = 200
    selected = []
    if not form.is_bound:
        publications = selectors.register_publications()
    elif form.is_valid():
        publications = selectors.register_publications(**form.cleaned_data)
        selected = [
            {"name": name, "label": label, "value": value, "remove": _without(request.GET, name)}
            for name, label, value in form.selected()
        ]
    else:
        status = 400
        publications = selectors.register_publications().none()
    page = Paginator(publications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/register.html",
        {
            "form": form,
            "page_obj": page,
            "report_links": Links("reports:detail"),
            "selected": selected,
            "searching": bool(form.is_bound and form.is_valid() and form.cleaned_data.get("q")),
        },
        status=status,
    )

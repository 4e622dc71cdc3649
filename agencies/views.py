"""Public pages about the reference data: local authorities and inspectorates."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from . import selectors
from .forms import AuthoritySearchForm

PAGE_SIZE = 25


def authority_list(request):
    form = AuthoritySearchForm(request.GET if request.GET.keys() - {"page"} else None)
    filters = {"q": "", "region": "", "include_former": False}
    if form.is_bound:
        form.is_valid()  # errors are shown; the fields that are valid still filter
        filters.update(form.cleaned_data)
    queryset = selectors.local_authority_list(
        search=filters.get("q", ""),
        region=filters["region"],
        current=None if filters["include_former"] else True,
    )
    page_obj = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "agencies/authority_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "authorities": page_obj.object_list,
            "filtered": bool(filters.get("q") or filters["region"]),
        },
    )


def authority_detail(request, gss_code: str):
    authority = selectors.local_authority_get(gss_code=gss_code)
    if authority is None:
        raise Http404("No local authority has that GSS code.")
    if authority.gss_code != gss_code:
        return redirect("agencies:authority-detail", gss_code=authority.gss_code, permanent=True)
    return render(
        request,
        "agencies/authority_detail.html",
        {
            "authority": authority,
            "outcome": selectors.latest_ilacs_outcome(authority),
            "neighbours": authority.ranked_neighbours,
        },
    )


def inspectorate_list(request):
    return render(
        request, "agencies/inspectorate_list.html", {"inspectorates": selectors.inspectorate_list()}
    )

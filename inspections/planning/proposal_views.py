"""The programme's proposal: 153 areas, searched, filtered and paged, changed in bulk.

A page of 25 areas at a time (GOV.UK pagination), a search by area name and filters by
decision, region, latest ILACS grade and reason, all in the query string so a filtered page
can be shared and survives a change. Areas are selected with checkboxes and added, removed,
locked or unlocked together; removing asks for confirmation first, listing what will go.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jtai.forms import render_form, service_errors

from . import selectors, services
from .forms import PROPOSAL_PAGE_SIZE, ProposalBulkForm, ProposalFilterForm
from .models import ProgrammeStatus
from .views import _programme

DONE = {"add": "added and locked", "remove": "removed and locked", "lock": "locked"}


def _counts(programme) -> dict[str, int]:
    """How many areas are in, and of those how many inadequate or well-performing (one query)."""
    chosen = Q(included=True)
    return programme.choices.aggregate(
        chosen_count=Count("pk", filter=chosen),
        inadequate_count=Count("pk", filter=chosen & Q(grade="inadequate")),
        well_performing_count=Count("pk", filter=chosen & Q(grade__in=["good", "outstanding"])),
    )


def _proposal_page(request, programme, query: QueryDict, *, bulk_form=None, status=None):
    """The page of areas that `query` (the filters and the page number) asks for."""
    filter_form = ProposalFilterForm(query or None)
    filters = filter_form.filters() if filter_form.is_bound else {}
    choices = selectors.proposal(programme, **filters)
    page = Paginator(choices, PROPOSAL_PAGE_SIZE).get_page(query.get("page"))
    context = {
        "programme": programme,
        "filter_form": filter_form,
        "filtered": any(filters.values()),
        "page_obj": page,
        "choices": page.object_list,
        "bulk_form": bulk_form,
        "selected": {c.pk for c in bulk_form.cleaned_data["choices"]}
        if bulk_form is not None and bulk_form.is_valid()
        else set(),
        "return_query": query.urlencode(),
        "editable": programme.status != ProgrammeStatus.ACCEPTED,
        **_counts(programme),
    }
    if status is not None:
        return render(request, "inspections/planning/proposal.html", context, status=status)
    return render_form(request, "inspections/planning/proposal.html", context, filter_form)


@login_required
def proposal(request, pk):
    return _proposal_page(request, _programme(request, pk), request.GET)


@login_required
@require_POST
def proposal_bulk(request, pk):
    """Change the selected areas; a removal is confirmed on a page of its own first."""
    programme = _programme(request, pk)
    form = ProposalBulkForm(request.POST, programme=programme)
    back = reverse("inspections:planning:proposal", kwargs={"pk": programme.pk})
    if form.is_valid():
        data = form.cleaned_data
        # The page returns to what the admin was looking at; only our own filters are kept.
        query = QueryDict(data["return_query"])
        kept = {
            k: v for k, v in query.items() if k in ProposalFilterForm.base_fields or k == "page"
        }
        back_params = QueryDict(mutable=True)
        back_params.update(kept)
        back_url = f"{back}?{back_params.urlencode()}" if kept else back
        chosen = list(data["choices"])
        if data["action"] == "remove" and not data["confirmed"]:
            return render(
                request,
                "inspections/planning/proposal_remove.html",
                {"programme": programme, "form": form, "chosen": chosen, "back_url": back_url},
            )
        with service_errors(form):
            services.choices_change(
                programme=programme, choices=chosen, action=data["action"], by=request.user
            )
            verb = DONE.get(data["action"], "unlocked")
            names = ", ".join(c.authority.name for c in chosen[:3])
            more = f" and {len(chosen) - 3} more" if len(chosen) > 3 else ""
            messages.success(request, f"{names}{more} {verb}")
            return redirect(back_url)
    # Nothing selected, or a refused change: the same page again, saying what is wrong.
    query = QueryDict(form.data.get("return_query", ""))
    return _proposal_page(request, programme, query, bulk_form=form, status=400)

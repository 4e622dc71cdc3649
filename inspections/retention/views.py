"""The retention page of an inspection (admins): what is held, when each kind goes, and the
legal hold that suspends the schedule."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from jtai.forms import render_form, service_errors, service_errors_as_messages

from .. import selectors as inspection_selectors
from ..views.common import admin_required, posted
from . import selectors, services
from .forms import LegalHoldForm


@admin_required
def retention(request, pk: int):
    inspection = inspection_selectors.inspection_detail(request.user, pk)
    ended = selectors.inspection_ended_on(inspection)
    return render(
        request,
        "inspections/retention/retention.html",
        {
            "inspection": inspection,
            "ended": ended,
            "rows": selectors.retention_rows(inspection, ended),
            "hold": selectors.legal_hold_in_place(inspection),
            "lifted": selectors.legal_holds_lifted(inspection),
        },
    )


@admin_required
def legal_hold_place(request, pk: int):
    inspection = inspection_selectors.inspection_detail(request.user, pk)
    form = LegalHoldForm(posted(request))
    if request.method == "POST" and form.is_valid():
        with service_errors(form, default_field="reason"):
            services.legal_hold_place(
                inspection=inspection, reason=form.cleaned_data["reason"], by=request.user
            )
            messages.success(request, "A legal hold is in place: nothing will be removed")
            return redirect("inspections:retention", pk=pk)
    return render_form(
        request,
        "inspections/retention/hold_place.html",
        {"inspection": inspection, "form": form},
        form,
    )


@admin_required
def legal_hold_lift(request, pk: int):
    inspection = inspection_selectors.inspection_detail(request.user, pk)
    hold = selectors.legal_hold_in_place(inspection)
    if request.method == "POST":
        with service_errors_as_messages(request):
            services.legal_hold_lift(inspection=inspection, by=request.user)
            messages.success(request, "The legal hold is lifted: the schedule applies again")
        return redirect("inspections:retention", pk=pk)
    if hold is None:
        return redirect("inspections:retention", pk=pk)
    return render(
        request,
        "inspections/retention/hold_lift.html",
        {"inspection": inspection, "hold": hold},
    )

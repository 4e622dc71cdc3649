"""Evidence records: the filtered list, adding one and changing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from jtai import clock
from jtai.forms import render_form, service_errors

from .. import access as access_records
from .. import selectors, services
from ..forms import EvidenceForm
from ..permissions import (
    can_edit_evidence,
    can_record_evidence,
    require_edit_evidence,
    require_record_evidence,
)
from .common import page_url


@login_required
def evidence_list(request, pk):
    access = selectors.access_to(request.user, pk)
    records = selectors.evidence_for(access)
    agencies = list(selectors.agency_choices_for(access.inspection))
    areas = list(access.inspection.framework_version.judgement_areas.order_by("order"))
    agency_filter = request.GET.get("agency", "")
    area_filter = request.GET.get("area", "")
    if agency_filter.isdigit():
        records = records.filter(agency_id=int(agency_filter))
    if area_filter.isdigit():
        records = records.filter(areas=int(area_filter))
    page = Paginator(records, 25).get_page(request.GET.get("page"))
    for record in page.object_list:
        record.editable = can_edit_evidence(access, record)
    return render(
        request,
        "inspections/recording/evidence_list.html",
        {
            "inspection": access.inspection,
            "page_obj": page,
            "agencies": agencies,
            "areas": areas,
            "agency_filter": agency_filter,
            "area_filter": area_filter,
            "can_add": can_record_evidence(access),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(request, pk):
    access = selectors.access_to(request.user, pk)
    require_record_evidence(access)
    return _evidence_form(request, access, record=None)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_edit(request, pk, evidence_pk):
    access = selectors.access_to(request.user, pk)
    record = selectors.evidence_record_for(access, evidence_pk)
    require_edit_evidence(access, record)
    if request.method == "GET":
        access_records.evidence_read(request, record, access.inspection)
    return _evidence_form(request, access, record=record)


def _safe_next(request) -> str:
    """Where to go after saving: only a page of this site under /inspections/."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/inspections/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _evidence_form(request, access, *, record):
    inspection = access.inspection
    next_url = _safe_next(request)
    agencies = selectors.agency_choices_for(inspection)
    if request.method == "POST":
        form = EvidenceForm(request.POST, inspection=inspection, agencies=agencies)
        if form.is_valid():
            data = form.cleaned_data
            values = {
                "agency": data["agency"],
                "source": data["source"],
                "date": data["date"],
                "note": data["note"],
                "areas": list(data["areas"]),
                "line_of_enquiry": data.get("line_of_enquiry"),
            }
            with service_errors(form):
                if record is None:
                    services.evidence_record_create(
                        inspection=inspection, user=request.user, **values
                    )
                    messages.success(request, "Evidence record added")
                else:
                    services.evidence_record_update(record=record, **values)
                    messages.success(request, "Evidence record updated")
                return redirect(next_url or page_url("evidence", pk=inspection.pk))
    elif record is not None:
        form = EvidenceForm(
            initial={
                "agency": record.agency_id,
                "source": record.source,
                "date": record.date,
                "note": record.note,
                "areas": [a.pk for a in record.areas.all()],
                "line_of_enquiry": record.line_of_enquiry_id,
            },
            inspection=inspection,
            agencies=agencies,
        )
    else:
        initial = {"date": clock.today()}
        if request.GET.get("agency", "").isdigit():
            initial["agency"] = int(request.GET["agency"])
        if request.GET.get("area", "").isdigit():
            initial["areas"] = [int(request.GET["area"])]
        form = EvidenceForm(initial=initial, inspection=inspection, agencies=agencies)
    return render_form(
        request,
        "inspections/recording/evidence_form.html",
        {"inspection": inspection, "form": form, "record": record, "next": next_url},
        form,
    )

"""Evidence records: the filtered list, adding one and changing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from jtai import clock
from jtai.bounds import parse_id
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
from . import stale
from .common import page_url


@login_required
def evidence_list(request, pk):
    access = selectors.access_to(request.user, pk)
    records = selectors.evidence_for(access)
    agencies = list(selectors.agency_choices_for(access.inspection))
    areas = list(access.inspection.framework_version.judgement_areas.order_by("order"))
    agency_filter = request.GET.get("agency", "")
    area_filter = request.GET.get("area", "")
    if (agency_id := parse_id(agency_filter)) is not None:
        records = records.filter(agency_id=agency_id)
    if (area_id := parse_id(area_filter)) is not None:
        records = records.filter(areas=area_id)
    page = Paginator(records, 25).get_page(request.GET.get("page"))
    for record in page.object_list:
        record.editable = can_edit_evidence(access, record)
    access_records.evidence_listed(request, page.object_list, access.inspection)
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


STALE_EVIDENCE = (
    "Someone else saved this evidence record while you were editing it. Your changes have not "
    "been saved: check how the saved record differs, then save again."
)


def _evidence_form(request, access, *, record):
    inspection = access.inspection
    next_url = _safe_next(request)
    agencies = selectors.agency_choices_for(inspection)
    versioned = record is not None
    conflict = None
    if request.method == "POST":
        form = EvidenceForm(
            request.POST, inspection=inspection, agencies=agencies, versioned=versioned
        )
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
                    return redirect(next_url or page_url("evidence", pk=inspection.pk))
                try:
                    services.evidence_record_update(
                        record=record, version=data["version"], **values
                    )
                except services.StaleVersionError as exc:
                    conflict = stale.Conflict(
                        current=exc.current,
                        started_from=data["version"],
                        differences=stale.evidence_differences(exc.current, data),
                    )
                    form = stale.rebound_form(
                        request,
                        EvidenceForm,
                        exc,
                        STALE_EVIDENCE,
                        inspection=inspection,
                        agencies=agencies,
                    )
                else:
                    messages.success(request, "Evidence record updated")
                    return redirect(next_url or page_url("evidence", pk=inspection.pk))
    elif record is not None:
        form = EvidenceForm(
            initial={
                "version": record.version,
                "agency": record.agency_id,
                "source": record.source,
                "date": record.date,
                "note": record.note,
                "areas": [a.pk for a in record.areas.all()],
                "line_of_enquiry": record.line_of_enquiry_id,
            },
            inspection=inspection,
            agencies=agencies,
            versioned=True,
        )
    else:
        initial = {"date": clock.today()}
        if (agency_id := parse_id(request.GET.get("agency"))) is not None:
            initial["agency"] = agency_id
        if (area_id := parse_id(request.GET.get("area"))) is not None:
            initial["areas"] = [area_id]
        form = EvidenceForm(initial=initial, inspection=inspection, agencies=agencies)
    context = {
        "inspection": inspection,
        "form": form,
        "record": record,
        "next": next_url,
        "conflict": conflict,
    }
    if conflict:
        return render(request, "inspections/recording/evidence_form.html", context, status=409)
    return render_form(request, "inspections/recording/evidence_form.html", context, form)

"""The partner agencies an inspection covers: the list and the admins' add and edit pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from agencies import selectors as agency_selectors
from agencies import services as agency_services
from agencies.models import LocalAuthority, PartnerAgency
from jtai.forms import render_form, service_errors

from .. import forms
from .common import admin_required, posted


@admin_required
def partner_agency_list(request):
    authority = None
    if request.GET.get("authority"):
        authority = LocalAuthority.objects.filter(gss_code=request.GET["authority"]).first()
    agencies = agency_selectors.partner_agency_list(
        authority_gss_code=authority.gss_code if authority else ""
    )
    page_obj = Paginator(agencies, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/partner_agency_list.html",
        {
            "page_obj": page_obj,
            "agencies": page_obj.object_list,
            "authority": authority,
            "authorities": LocalAuthority.objects.filter(partner_agencies__isnull=False)
            .distinct()
            .order_by("name"),
        },
    )


@admin_required
def partner_agency_form(request, pk: int | None = None):
    agency = get_object_or_404(PartnerAgency, pk=pk) if pk else None
    initial = {"is_active": True}
    if agency:
        initial = {
            "name": agency.name,
            "agency_type": agency.agency_type_id,
            "authorities": list(agency.authorities.all()),
            "is_active": agency.is_active,
        }
    form = forms.PartnerAgencyForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_errors(form, default_field="name"):
            if agency:
                agency_services.partner_agency_update(
                    agency=agency, by=request.user, **form.cleaned_data
                )
            else:
                agency = agency_services.partner_agency_create(by=request.user, **form.cleaned_data)
            messages.success(request, f"{agency.name} is saved")
            return redirect("inspections:partner-agency-list")
    return render_form(
        request, "inspections/partner_agency_form.html", {"agency": agency, "form": form}, form
    )

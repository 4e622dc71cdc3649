"""The request for information's pages: the contact's request and uploads, the team's view
of what the area sent (with downloads), and the admins' nomination of the contact."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jtai.access import AccessKind, access_record
from jtai.forms import render_form, service_errors
from jtai.storage import private_file_response

from . import selectors, services
from .forms import NominateForm, UploadForm
from .permissions import (
    can_download,
    can_nominate,
    can_upload,
    is_area_contact,
    require_can_download,
    require_can_nominate,
    sees_late_items,
    uploads_are_open,
)

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@login_required
def my_requests(request):
    """A contact's way in: their request, or the list when they answer for several."""
    if not is_area_contact(request.user):
        raise Http404("Only an area's contact has requests of their own")
    inspections = list(
        selectors.request_inspections(request.user)
        .select_related("authority", "framework_version__framework")
        .order_by("-window_start")
    )
    if len(inspections) == 1:
        return redirect("inspections:information:request", pk=inspections[0].pk)
    return render(request, "inspections/information/mine.html", {"inspections": inspections})


def _request_context(request, inspection, *, failed_item=None, failed_form=None) -> dict:
    items = selectors.request_items(inspection, request.user)
    late = {item.pk for item in selectors.late_items(inspection)}
    uploading = can_upload(request.user, inspection) and uploads_are_open(inspection)
    rows = []
    for item in items:
        if failed_item is not None and item.pk == failed_item.pk:
            form = failed_form
        elif uploading:
            form = UploadForm(prefix=f"item-{item.pk}")
        else:
            form = None
        rows.append({"item": item, "late": item.pk in late, "form": form})
    return {
        "inspection": inspection,
        "rows": rows,
        "is_contact": is_area_contact(request.user),
        "uploading": uploading,
        "can_download": can_download(request.user, inspection),
        "can_nominate": can_nominate(request.user, inspection),
        "show_late": sees_late_items(request.user, inspection) or is_area_contact(request.user),
        "contacts": selectors.inspection_contacts(inspection),
        "form": failed_form,
    }


@login_required
def request_page(request, pk: int):
    inspection = selectors.request_inspection(request.user, pk)
    return render(
        request,
        "inspections/information/request.html",
        _request_context(request, inspection),
    )


@login_required
@require_POST
def upload(request, pk: int, item_pk: int):
    inspection = selectors.request_inspection(request.user, pk)
    item = selectors.request_item(inspection, item_pk)
    form = UploadForm(request.POST, request.FILES, prefix=f"item-{item.pk}")
    if form.is_valid():
        with service_errors(form, default_field="file"):
            stored = services.request_upload_add(
                item=item,
                upload=form.cleaned_data["file"],
                by=request.user,
                contains_names=form.cleaned_data["contains_names"],
                case_reference=form.cleaned_data["case_reference"],
            )
            messages.success(request, f"“{stored.original_name}” has been sent")
            return redirect("inspections:information:request", pk=pk)
    context = _request_context(request, inspection, failed_item=item, failed_form=form)
    return render_form(request, "inspections/information/request.html", context, form)


@login_required
def download(request, upload_pk: int):
    stored = selectors.upload_for_download(request.user, upload_pk)
    inspection = stored.item.inspection
    require_can_download(request.user, inspection)
    access_record(
        request=request,
        kind=AccessKind.UPLOAD,
        object_id=stored.pk,
        inspection_id=inspection.pk,
        inspection_label=inspection.reference,
    )
    return private_file_response(
        request,
        stored.file,
        filename=stored.original_name,
        content_type=CONTENT_TYPES.get(stored.kind, "application/octet-stream"),
    )


@login_required
def contacts(request, pk: int):
    inspection = selectors.request_inspection(request.user, pk)
    require_can_nominate(request.user)
    form = NominateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_errors(form, default_field="email"):
            contact = services.inspection_contact_nominate(
                inspection=inspection, by=request.user, **form.cleaned_data
            )
            messages.success(request, f"{contact.user.display_name} is the area's contact")
            return redirect("inspections:information:contacts", pk=pk)
    context = {
        "inspection": inspection,
        "contacts": selectors.inspection_contacts(inspection),
        "form": form,
    }
    return render_form(request, "inspections/information/contacts.html", context, form)


@login_required
@require_POST
def contact_remove(request, pk: int, contact_pk: int):
    inspection = selectors.request_inspection(request.user, pk)
    require_can_nominate(request.user)
    contact = get_object_or_404(inspection.area_contacts.select_related("user"), pk=contact_pk)
    services.inspection_contact_remove(contact=contact, by=request.user)
    messages.success(request, f"{contact.user.display_name} is no longer the area's contact")
    return redirect("inspections:information:contacts", pk=pk)

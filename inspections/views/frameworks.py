"""Frameworks and their versions as data, and the admins' edits: new themes, revised versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from jtai.forms import render_form, service_errors

from .. import forms, selectors
from ..models import Framework, FrameworkVersion
from ..permissions import can_manage_programme
from ..services import frameworks as framework_services
from .common import admin_required, posted


@login_required
def framework_list(request):
    return render(
        request,
        "inspections/framework_list.html",
        {"frameworks": selectors.framework_list(), "is_admin": can_manage_programme(request.user)},
    )


@login_required
def framework_detail(request, code: str):
    framework = get_object_or_404(selectors.framework_list(), code=code)
    return render(
        request,
        "inspections/framework_detail.html",
        {"framework": framework, "is_admin": can_manage_programme(request.user)},
    )


@admin_required
def theme_create(request, code: str):
    framework = get_object_or_404(Framework, code=code)
    form = forms.ThemeCreateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        with service_errors(form, default_field="name"):
            theme = framework_services.theme_create(
                framework=framework, by=request.user, **form.cleaned_data
            )
            messages.success(request, f"The theme {theme.name} is added")
            return redirect("inspections:framework-detail", code=code)
    return render_form(
        request, "inspections/theme_form.html", {"framework": framework, "form": form}, form
    )


@admin_required
def framework_version_edit(request, code: str, version: int):
    framework_version = get_object_or_404(
        FrameworkVersion.objects.select_related("framework"), framework__code=code, version=version
    )
    fields = list(forms.FrameworkVersionForm.base_fields)
    form = forms.FrameworkVersionForm(
        posted(request), initial={f: getattr(framework_version, f) for f in fields}
    )
    in_use = selectors.framework_version_in_use(framework_version)
    if request.method == "POST" and form.is_valid():
        changes = {
            f: form.cleaned_data[f]
            for f in fields
            if form.cleaned_data[f] != getattr(framework_version, f)
        }
        if not changes:
            messages.info(request, "Nothing was changed")
            return redirect("inspections:framework-detail", code=code)
        with service_errors(form, default_field="active_from"):
            saved = framework_services.framework_version_revise(
                version=framework_version, by=request.user, **changes
            )
            if saved.pk != framework_version.pk:
                messages.success(
                    request,
                    f"Version {saved.version} is made: inspections that have started keep "
                    f"version {framework_version.version}",
                )
            else:
                messages.success(request, f"Version {saved.version} is changed")
            return redirect("inspections:framework-detail", code=code)
    return render_form(
        request,
        "inspections/framework_version_form.html",
        {"version": framework_version, "form": form, "in_use": in_use},
        form,
    )

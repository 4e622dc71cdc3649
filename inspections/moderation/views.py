"""Moderation pages: the grid, returning a judgement, signing off an inspectorate's agencies."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jtai.exceptions import ApplicationError

from ..models import Judgement, Status, TeamRole
from ..permissions import team_membership, visible_inspections
from .forms import ReturnForm
from .selectors import moderation_grid
from .services import can_return, judgements_sign_off, sign_off_inspectorate_id


def _inspection_for_moderation(user, pk):
    inspection = get_object_or_404(
        visible_inspections(user).select_related("authority", "framework_version__framework"),
        pk=pk,
    )
    member = team_membership(user, inspection)
    leads = (TeamRole.OVERALL_LEAD, TeamRole.INSPECTORATE_LEAD)
    if not (user.is_admin or (member is not None and member.role in leads)):
        raise PermissionDenied("Moderation is for the inspection's leads.")
    return inspection, member


@login_required
def grid(request, pk):
    inspection, member = _inspection_for_moderation(request.user, pk)
    data = moderation_grid(inspection)
    sign_off_id = sign_off_inspectorate_id(request.user, inspection)
    return render(
        request,
        "inspections/moderation/grid.html",
        {
            "inspection": inspection,
            "grid": data,
            "member": member,
            "is_overall_lead": member is not None and member.role == TeamRole.OVERALL_LEAD,
            "in_moderation": inspection.status == Status.MODERATION,
            "my_sign_off": data.by_inspectorate.get(sign_off_id) if sign_off_id else None,
        },
    )


@login_required
def return_judgement(request, pk, judgement_pk):
    inspection, member = _inspection_for_moderation(request.user, pk)
    judgement = get_object_or_404(
        Judgement.objects.select_related("agency", "area", "inspectorate"),
        pk=judgement_pk,
        inspection=inspection,
    )
    if not can_return(request.user, inspection, judgement):
        raise PermissionDenied("You cannot return this judgement.")
    form = ReturnForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            from .services import judgement_return

            try:
                judgement_return(
                    judgement=judgement, user=request.user, comment=form.cleaned_data["comment"]
                )
            except ApplicationError as exc:
                for field, errors in exc.fields.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
                if not exc.fields:
                    form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    f"{judgement.agency.name}: “{judgement.area.title}” was returned to "
                    f"{judgement.inspectorate.short_name} with your comment.",
                )
                return redirect("inspections:moderation:grid", pk=inspection.pk)
        status = 400
    return render(
        request,
        "inspections/moderation/return.html",
        {"inspection": inspection, "judgement": judgement, "form": form},
        status=status,
    )


@login_required
@require_POST
def sign_off(request, pk):
    inspection, member = _inspection_for_moderation(request.user, pk)
    try:
        count = judgements_sign_off(inspection=inspection, user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"You signed off {count} judgement{'s' if count != 1 else ''}.")
    return redirect("inspections:moderation:grid", pk=inspection.pk)

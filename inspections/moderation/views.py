"""Moderation pages: the grid, reading a judgement (its text, evidence and history),
returning it with a comment, signing off one judgement or an inspectorate's agencies, each
after a check page that lists exactly what is signed off."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jtai.forms import render_form, service_errors, service_errors_as_messages
from jtai.links import Links
from jtai.page_cache import cached_page

from ..models import JudgementStatus, Status, TeamRole
from ..permissions import inspection_and_member
from . import selectors
from .forms import ReturnForm, SignOffForm
from .permissions import (
    can_return,
    require_moderate,
    require_return,
    require_sign_off,
    sign_off_inspectorate_id,
)
from .services import RETURNABLE, judgement_return, judgement_sign_off, judgements_sign_off


def _inspection_for_moderation(user, pk):
    """The inspection and the user's place on its team, refused to all but admins and leads."""
    inspection, member = inspection_and_member(
        user, pk, joins=("authority", "framework_version__framework")
    )
    return inspection, require_moderate(user, inspection, member=member)


@login_required
@cached_page
def grid(request, pk):
    inspection, member = _inspection_for_moderation(request.user, pk)
    data = selectors.moderation_grid(inspection)
    sign_off_id = sign_off_inspectorate_id(request.user, inspection, member=member)
    return render(
        request,
        "inspections/moderation/grid.html",
        {
            "inspection": inspection,
            "grid": data,
            "read_links": Links("inspections:moderation:judgement", inspection.pk),
            "return_links": Links("inspections:moderation:return", inspection.pk),
            "member": member,
            "is_overall_lead": member is not None and member.role == TeamRole.OVERALL_LEAD,
            "in_moderation": inspection.status == Status.MODERATION,
            "my_sign_off": data.by_inspectorate.get(sign_off_id) if sign_off_id else None,
        },
    )


@login_required
def return_judgement(request, pk, judgement_pk):
    inspection, member = _inspection_for_moderation(request.user, pk)
    judgement = selectors.judgement_for(request.user, judgement_pk, inspection=inspection)
    require_return(request.user, inspection, judgement, member=member)
    form = ReturnForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        with service_errors(form):
            judgement_return(
                judgement=judgement, user=request.user, comment=form.cleaned_data["comment"]
            )
            messages.success(
                request,
                f"{judgement.agency.name}: “{judgement.area.title}” was returned to "
                f"{judgement.inspectorate.short_name} with your comment.",
            )
            return redirect("inspections:moderation:grid", pk=inspection.pk)
    return render_form(
        request,
        "inspections/moderation/return.html",
        {"inspection": inspection, "judgement": judgement, "form": form},
        form,
    )


@login_required
@require_POST
def sign_off(request, pk):
    inspection, member = _inspection_for_moderation(request.user, pk)
    # Exactly the judgements (at the versions) the check page listed, when it sent them.
    checked = _checked(request.POST.getlist("checked"))
    with service_errors_as_messages(request):  # no form: the grid shows why, as a banner
        count = judgements_sign_off(inspection=inspection, user=request.user, expected=checked)
        messages.success(request, f"You signed off {count} judgement{'s' if count != 1 else ''}.")
    return redirect("inspections:moderation:grid", pk=inspection.pk)


@login_required
def sign_off_confirm(request, pk):
    """Check before signing off: exactly which judgements the lead signs off (locked from then
    on), then "Confirm and sign off" posts to `sign_off`."""
    inspection, member = _inspection_for_moderation(request.user, pk)
    inspectorate_id = sign_off_inspectorate_id(request.user, inspection, member=member)
    if inspectorate_id is None:
        raise PermissionDenied("Only an inspectorate's lead signs off its judgements.")
    if inspection.status != Status.MODERATION:
        messages.info(request, "Judgements are signed off while the inspection is in moderation.")
        return redirect("inspections:moderation:grid", pk=inspection.pk)
    judgements = [
        j
        for row in selectors.moderation_grid(inspection).rows
        for j in row.cells
        if j is not None and j.inspectorate_id == inspectorate_id
    ]
    return render(
        request,
        "inspections/moderation/confirm_sign_off.html",
        {
            "inspection": inspection,
            "inspectorate": member.inspectorate,
            "to_sign": [j for j in judgements if j.status == JudgementStatus.COMPLETED],
            "signed": [j for j in judgements if j.status == JudgementStatus.SIGNED_OFF],
            "not_ready": [
                j
                for j in judgements
                if j.status not in (JudgementStatus.COMPLETED, JudgementStatus.SIGNED_OFF)
            ],
        },
    )


def _checked(values: list[str]) -> dict[int, int] | None:
    """ "id:version" pairs from the check page ({} when it listed none; None when not sent)."""
    if not values:
        return None
    pairs = {}
    for value in values:
        pk, _, version = value.partition(":")
        if not (pk.isdigit() and version.isdigit()):
            raise SuspiciousOperation("Malformed judgement reference")
        pairs[int(pk)] = int(version)
    return pairs


@login_required
def judgement(request, pk, judgement_pk):
    """One judgement as the lead reads it before returning or signing it off."""
    inspection, member = _inspection_for_moderation(request.user, pk)
    found = selectors.judgement_for(request.user, judgement_pk, inspection=inspection)
    in_moderation = inspection.status == Status.MODERATION
    mine = sign_off_inspectorate_id(request.user, inspection, member=member)
    return render(
        request,
        "inspections/moderation/judgement.html",
        {
            "inspection": inspection,
            "review": selectors.judgement_review(found),
            "judgement": found,
            "can_return": in_moderation
            and found.status in RETURNABLE
            and can_return(request.user, inspection, found, member=member),
            "can_sign_off": in_moderation
            and found.status == JudgementStatus.COMPLETED
            and mine == found.inspectorate_id,
        },
    )


@login_required
def judgement_sign_off_confirm(request, pk, judgement_pk):
    """Check, then sign off one judgement: the page lists what is signed off; the form carries
    the version read, so a judgement changed meanwhile is not signed off unseen."""
    inspection, member = _inspection_for_moderation(request.user, pk)
    found = selectors.judgement_for(request.user, judgement_pk, inspection=inspection)
    if require_sign_off(request.user, inspection, member=member) != found.inspectorate_id:
        raise PermissionDenied("You sign off only your own inspectorate's judgements.")
    form = SignOffForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        with service_errors(form):
            judgement_sign_off(
                judgement=found, user=request.user, version=form.cleaned_data["version"]
            )
            messages.success(request, f"You signed off {found.agency.name}: “{found.area.title}”.")
            return redirect("inspections:moderation:grid", pk=inspection.pk)
    return render_form(
        request,
        "inspections/moderation/confirm_sign_off_one.html",
        {"inspection": inspection, "judgement": found, "form": form},
        form,
    )

"""The inspections list, an inspection's page, its lifecycle actions and changing its window."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from agencies.selectors import agency_names_on, inspectorate_name_on
from jtai.exceptions import ApplicationError
from jtai.forms import add_service_errors, render_form, service_errors
from jtai.links import Links
from jtai.page_cache import cached_page

from .. import forms, lifecycle, selectors, workdays
from ..models import Participation, Status
from ..next_steps import next_steps_for, status_phrase
from ..permissions import ADMIN, actor_roles, can_manage_programme
from ..services import scheduling, transitions
from .common import admin_required, posted, team_order

PAGE_SIZE = 25


@login_required
@cached_page
def inspection_list(request):
    form = forms.InspectionFilterForm(request.GET if request.GET.keys() - {"page"} else None)
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    queryset = selectors.inspection_list(request.user, **filters)
    page_obj = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/inspection_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "inspections": page_obj.object_list,
            "detail_links": Links("inspections:detail"),
            "is_admin": can_manage_programme(request.user),
        },
    )


FROM_FIELDWORK = {
    Status.FIELDWORK,
    Status.EVIDENCE_CLOSED,
    Status.MODERATION,
    Status.FACTUAL_ACCURACY,
    Status.PUBLISHED,
    Status.ACTION_PLAN_DUE,
    Status.CLOSED,
}
FROM_MODERATION = FROM_FIELDWORK - {Status.FIELDWORK, Status.EVIDENCE_CLOSED}


def _sub_area_links(inspection) -> list[dict]:
    """Links to the work on an inspection that has reached it."""
    return [
        {"text": text, "href": reverse(name, args=[inspection.pk])}
        for text, name, statuses in (
            ("Your tasks", "inspections:recording:tasks", FROM_FIELDWORK),
            ("Moderation", "inspections:moderation:grid", FROM_MODERATION),
            ("Report", "reports:inspection", FROM_MODERATION),
        )
        if inspection.status in statuses
    ]


def _detail_context(request, inspection, *, failed_verb=None, failed_form=None) -> dict:
    member = next((m for m in inspection.team.all() if m.user_id == request.user.pk), None)
    if member is not None:
        roles = actor_roles(request.user, inspection, member=member)
    elif can_manage_programme(request.user):
        # Not on the (already loaded) active team: an admin and nothing more.
        roles = frozenset({ADMIN})
    else:
        roles = frozenset()
    steps = []
    found = {s.verb: s for s in next_steps_for(request.user, [inspection])[inspection.pk]}
    for rule in lifecycle.next_steps(inspection.status, roles):
        if rule.verb not in found:
            continue  # the framework has no use for it
        if rule.verb == failed_verb:
            form = failed_form
        else:
            form = forms.TransitionForm(
                rule=rule,
                initial={"lock_version": inspection.lock_version},
                prefix=rule.verb,
            )
        step = found[rule.verb]
        steps.append(
            {
                "rule": rule,
                "label": step.label,
                "blockers": step.blockers,
                "form": form,
                "open": rule.verb == failed_verb,
            }
        )
    main_steps = [s for s in steps if s["rule"].verb not in ("cancel", "defer")]
    stop_steps = [s for s in steps if s["rule"].verb in ("cancel", "defer")]
    team_by_inspectorate = []
    for inspectorate in inspection.inspectorates.all():
        team_by_inspectorate.append(
            {
                "inspectorate": inspectorate,
                "members": sorted(
                    (m for m in inspection.team.all() if m.inspectorate_id == inspectorate.pk),
                    key=team_order,
                ),
            }
        )
    judged_by = {
        r.agency_type_id: r.judged_by_id
        for r in inspection.framework_version.agency_type_rules.all()
    }
    inspectorate_names = {
        i.pk: inspectorate_name_on(i, inspection.window_start, short=True)
        for i in inspection.inspectorates.all()
    }
    covered = list(inspection.agencies.all())
    # Named as they were in the inspection's window (Haringey's 2017 CCGs, not today's ICB).
    agency_names = agency_names_on(inspection.window_start, covered)
    for group in team_by_inspectorate:
        for m in group["members"]:
            m.agency_names_then = [agency_names.get(a.pk, a.name) for a in m.agencies.all()]
    agencies = [
        {
            "agency": a,
            "name": agency_names[a.pk],
            "judged_by": inspectorate_names.get(judged_by.get(a.agency_type_id), ""),
        }
        for a in covered
    ]
    return {
        "inspection": inspection,
        "member": member,
        "main_steps": main_steps,
        "stop_steps": stop_steps,
        "team_by_inspectorate": team_by_inspectorate,
        "agencies": agencies,
        "transitions": list(inspection.transitions.all()),
        "links": _sub_area_links(inspection),
        "is_admin": can_manage_programme(request.user),
        "christmas": workdays.overlaps_christmas(inspection.window_start, inspection.window_end),
        "team_gaps": (
            selectors.team_gaps_among(
                [m for m in inspection.team.all() if m.is_active],
                list(inspection.inspectorates.all()),
            )
            if any(step["rule"].verb == "notify" for step in main_steps)
            else []
        ),
        "prisons_conditional": any(
            rule.participation == Participation.CONDITIONAL
            for rule in inspection.framework_version.inspectorate_rules.all()
        ),
        "form": failed_form,
    }


@login_required
@cached_page
def inspection_detail(request, pk: int):
    inspection = selectors.inspection_detail(request.user, pk)
    return render(
        request, "inspections/inspection_detail.html", _detail_context(request, inspection)
    )


@login_required
@require_POST
def inspection_transition(request, pk: int, verb: str):
    rule = lifecycle.TRANSITIONS.get(verb)
    if rule is None:
        raise Http404("No such action")
    inspection = selectors.inspection_detail(request.user, pk)
    form = forms.TransitionForm(request.POST, rule=rule, prefix=verb)
    if form.is_valid():
        try:
            transitions.inspection_transition(
                inspection=inspection,
                verb=verb,
                by=request.user,
                reason=form.cleaned_data["reason"],
                lock_version=form.cleaned_data.get("lock_version"),
            )
        except ApplicationError as error:
            # An incomplete team is listed with links to the team page, not as form errors.
            team_errors = error.fields.get("team", [])
            add_service_errors(form, error)
        else:
            messages.success(request, rule.done_for(inspection))
            return redirect("inspections:detail", pk=pk)
    else:
        team_errors = []
    inspection = selectors.inspection_detail(request.user, pk)
    context = _detail_context(request, inspection, failed_verb=verb, failed_form=form)
    context["team_errors"] = team_errors
    return render_form(request, "inspections/inspection_detail.html", context, form)


@admin_required
def inspection_change(request, pk: int):
    inspection = selectors.inspection_detail(request.user, pk)
    if inspection.status != Status.PLANNED:
        messages.info(request, "Only a planned inspection can be changed")
        return redirect("inspections:detail", pk=pk)
    form = forms.InspectionChangeForm(
        posted(request),
        initial={"window_start": inspection.window_start, "lock_version": inspection.lock_version},
    )
    if request.method == "POST" and form.is_valid():
        with service_errors(form, default_field="window_start"):
            scheduled = scheduling.inspection_update(
                inspection=inspection,
                by=request.user,
                lock_version=form.cleaned_data["lock_version"],
                window_start=form.cleaned_data["window_start"],
            )
            for warning in scheduled.warnings:
                messages.warning(request, warning)
            messages.success(request, "The window has been changed")
            return redirect("inspections:detail", pk=pk)
    context = {"inspection": inspection, "form": form}
    return render_form(request, "inspections/inspection_change.html", context, form)


@login_required
def inspection_notify_confirm(request, pk: int):
    """Check before notifying: who gets an email and what happens, then "Confirm and notify"
    posts to the transition. Notifying emails the area and the team: it cannot be undone."""
    rule = lifecycle.TRANSITIONS["notify"]
    inspection = selectors.inspection_detail(request.user, pk)
    if inspection.status not in rule.sources:
        messages.info(request, f"The inspection is {status_phrase(inspection.status)}.")
        return redirect("inspections:detail", pk=pk)
    member = next((m for m in inspection.team.all() if m.user_id == request.user.pk), None)
    if not rule.allows(actor_roles(request.user, inspection, member=member)):
        raise PermissionDenied("Only an admin notifies the area.")
    team = sorted(inspection.team.all(), key=team_order)
    return render(
        request,
        "inspections/confirm_notify.html",
        {
            "inspection": inspection,
            "rule": rule,
            "form": forms.TransitionForm(
                rule=rule, initial={"lock_version": inspection.lock_version}, prefix="notify"
            ),
            "team": team,
            "team_without_email": [m for m in team if not m.user.email],
            "contacts": list(inspection.authority.contacts.all()),
            "team_gaps": selectors.team_gaps_among(team, list(inspection.inspectorates.all())),
        },
    )

"""The inspection team: adding, changing and removing members (admins)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jtai.forms import render_form, service_errors, service_errors_as_messages

from .. import forms, selectors, todo
from ..services import teams
from .common import admin_required, posted, team_order


@admin_required
def team(request, pk: int):
    inspection = selectors.inspection_detail(request.user, pk)
    form = forms.TeamMemberForm(posted(request), inspection=inspection)
    if request.method == "POST" and form.is_valid():
        with service_errors(form, default_field="user"):
            member = teams.team_member_add(
                inspection=inspection, by=request.user, **form.cleaned_data
            )
            messages.success(request, f"{member.user.display_name} is on the team")
            return redirect("inspections:team", pk=pk)
    return render_form(
        request,
        "inspections/team.html",
        {
            "inspection": inspection,
            "form": form,
            "gaps": selectors.team_gaps(inspection),
            "members": sorted(inspection.team.all(), key=team_order),
            "editable": inspection.status in teams.TEAM_EDITABLE_STATUSES,
        },
        form,
    )


@admin_required
def team_member(request, pk: int, member_pk: int):
    inspection = selectors.inspection_detail(request.user, pk)
    member = selectors.team_member_get(inspection, member_pk)
    form = forms.TeamMemberForm(
        posted(request),
        inspection=inspection,
        member=member,
        initial={"role": member.role, "agencies": list(member.agencies.all())},
    )
    if request.method == "POST" and form.is_valid():
        with service_errors(form, default_field="role"):
            teams.team_member_update(member=member, by=request.user, **form.cleaned_data)
            messages.success(request, f"{member.user.display_name}'s place on the team is changed")
            return redirect("inspections:team", pk=pk)
    return render_form(
        request,
        "inspections/team_member.html",
        {"inspection": inspection, "member": member, "form": form},
        form,
    )


@admin_required
@require_POST
def team_member_remove(request, pk: int, member_pk: int):
    inspection = selectors.inspection_detail(request.user, pk)
    member = selectors.team_member_get(inspection, member_pk)
    with service_errors_as_messages(request):
        teams.team_member_remove(member=member, by=request.user)
        messages.success(request, f"{member.user.display_name} has left the team")
    return redirect("inspections:team", pk=pk)


# Inspections needing a team, a page at a time (the home page shows the soonest).
NEEDING_TEAM_PAGE_SIZE = 25


@admin_required
def needing_team(request):
    page_obj = Paginator(todo.needing_a_team(), NEEDING_TEAM_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "inspections/needing_team.html",
        {"page_obj": page_obj, "items": todo.team_gap_items(page_obj.object_list)},
    )

"""Planning pages: programmes, the proposal, scheduler runs, the draft calendar, acceptance,
and concerns. Programmes are for admins; concerns for admins and leads; others get 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jtai.forms import render_form, service_errors, service_errors_as_messages

from . import permissions, selectors, services
from .forms import ActionForm, CapacityForm, ConcernForm, LeaveForm, ProgrammeForm
from .models import ScheduleRun


def _programme(request, pk):
    if not permissions.can_plan(request.user):
        raise Http404
    return get_object_or_404(selectors.visible_programmes(request.user), pk=pk)


def _run(request, pk, run_pk) -> ScheduleRun:
    programme = _programme(request, pk)
    return get_object_or_404(selectors.visible_runs(request.user), pk=run_pk, programme=programme)


@login_required
def programme_list(request):
    if not permissions.can_plan(request.user):
        raise Http404
    programmes = selectors.visible_programmes(request.user).order_by("-period_start", "name")
    return render(request, "inspections/planning/programme_list.html", {"programmes": programmes})


@login_required
def programme_create(request):
    if not permissions.can_plan(request.user):
        raise Http404
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form):
            programme = services.programme_create(
                name=data["name"],
                framework_version=data["framework_version"],
                theme=data["theme"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                target_areas=data["target_areas"],
                well_performing_share=data["well_performing_share"],
                capacities=form.capacities(),
                by=request.user,
            )
            services.programme_propose(programme=programme, by=request.user)
            messages.success(request, f"Programme created: {programme.target_areas} areas proposed")
            return redirect("inspections:planning:proposal", pk=programme.pk)
    return render_form(request, "inspections/planning/programme_form.html", {"form": form}, form)


@login_required
def programme_detail(request, pk):
    programme = _programme(request, pk)
    form = LeaveForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form):
            services.leave_record(
                capacity=data["capacity"],
                user=data["user"],
                headcount=1 if data["user"] else (data["headcount"] or 1),
                start=data["start"],
                end=data["end"],
                by=request.user,
            )
            messages.success(request, "Leave recorded: run the scheduler again to use it")
            return redirect("inspections:planning:detail", pk=programme.pk)
    capacities = programme.capacities.select_related("inspectorate").prefetch_related(
        "inspectors", "leave__user"
    )
    runs = programme.runs.order_by("-created_at")[:10]
    return render_form(
        request,
        "inspections/planning/programme_detail.html",
        {"programme": programme, "capacities": capacities, "runs": runs, "form": form},
        form,
    )


@login_required
def capacity_change(request, pk, capacity_pk):
    programme = _programme(request, pk)
    capacity = get_object_or_404(
        programme.capacities.select_related("inspectorate").prefetch_related("inspectors"),
        pk=capacity_pk,
    )
    initial = {
        "inspector_count": capacity.inspector_count,
        "team_size": capacity.team_size,
        "max_concurrent": capacity.max_concurrent,
    }
    form = CapacityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_errors(form):
            services.capacity_set(
                programme=programme,
                inspectorate=capacity.inspectorate,
                inspectors=list(capacity.inspectors.all()),
                by=request.user,
                **form.cleaned_data,
            )
            messages.success(
                request,
                f"{capacity.inspectorate.short_name}'s capacity changed: run the scheduler again",
            )
            return redirect("inspections:planning:detail", pk=programme.pk)
    return render_form(
        request,
        "inspections/planning/capacity_form.html",
        {"programme": programme, "capacity": capacity, "form": form},
        form,
    )


@login_required
@require_POST
def programme_propose(request, pk):
    programme = _programme(request, pk)
    with service_errors_as_messages(request):
        services.programme_propose(programme=programme, by=request.user)
        messages.success(request, "Proposal updated; locked choices were kept")
    return redirect("inspections:planning:proposal", pk=programme.pk)


@login_required
@require_POST
def choice_change(request, pk, choice_pk):
    programme = _programme(request, pk)
    choice = get_object_or_404(programme.choices.select_related("authority"), pk=choice_pk)
    action = request.POST.get("action", "")
    with service_errors_as_messages(request):
        services.choice_change(choice=choice, action=action, by=request.user)
        verb = {"add": "added and locked", "remove": "removed and locked", "lock": "locked"}
        messages.success(request, f"{choice.authority.name} {verb.get(action, 'unlocked')}")
    url = reverse("inspections:planning:proposal", kwargs={"pk": programme.pk})
    query = request.POST.get("return_query", "")
    return redirect(f"{url}?{query}#choice-{choice.pk}" if query else f"{url}#choice-{choice.pk}")


@login_required
@require_POST
def run_create(request, pk):
    programme = _programme(request, pk)
    with service_errors_as_messages(request):
        run = services.schedule_run_request(programme=programme, by=request.user)
        return redirect("inspections:planning:run", pk=programme.pk, run_pk=run.pk)
    return redirect("inspections:planning:detail", pk=programme.pk)


@login_required
def run_detail(request, pk, run_pk):
    run = _run(request, pk, run_pk)
    return render(
        request,
        "inspections/planning/run_detail.html",
        {"programme": run.programme, "run": run, "refresh": not run.is_finished},
    )


@login_required
def run_calendar(request, pk, run_pk):
    run = _run(request, pk, run_pk)
    if not run.has_schedule:
        raise Http404
    by = "inspectorate" if request.GET.get("by") == "inspectorate" else "region"
    data = selectors.calendar(run, by=by)
    return render(
        request,
        "inspections/planning/calendar.html",
        {"programme": run.programme, "run": run, "by": by, **data},
    )


@login_required
def run_accept(request, pk, run_pk):
    run = _run(request, pk, run_pk)
    if not run.has_schedule:
        raise Http404
    form = ActionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        with service_errors(form):
            created = services.schedule_run_accept(run=run, by=request.user)
            short = [i for i in created if i.unstaffed]
            messages.success(
                request,
                f"Schedule accepted: {len(created)} inspections planned, "
                f"{len(created) - len(short)} with a complete team and their agencies",
            )
            # Each one that could not be staffed, and precisely why: the admin completes it.
            for inspection in short:
                messages.warning(
                    request,
                    f"{inspection.authority.name} ({inspection.reference}) needs its team "
                    f"completed: {'; '.join(inspection.unstaffed)}.",
                )
            return redirect("inspections:planning:detail", pk=run.programme_id)
    slots = run.slots.select_related("authority").order_by("window_start")
    # Acceptance fails when the run or the programme has moved on since the page was read.
    return render(
        request,
        "inspections/planning/accept.html",
        {"programme": run.programme, "run": run, "slots": slots, "form": form},
        status=409 if form.errors else 200,
    )


@login_required
def concern_list(request):
    if not permissions.can_record_concerns(request.user):
        raise Http404
    concerns = selectors.visible_concerns(request.user).order_by("-date", "-id")[:200]
    return render(request, "inspections/planning/concern_list.html", {"concerns": concerns})


@login_required
def concern_create(request):
    if not permissions.can_record_concerns(request.user):
        raise Http404
    form = ConcernForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with service_errors(form):
            concern = services.concern_record(by=request.user, **form.cleaned_data)
            messages.success(request, f"Concern about {concern.authority.name} recorded")
            return redirect("inspections:planning:concerns")
    return render_form(request, "inspections/planning/concern_form.html", {"form": form}, form)

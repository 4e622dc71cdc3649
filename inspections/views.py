"""Pages for scheduling and running inspections: the same services and selectors as the API."""

from __future__ import annotations

import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from agencies.models import Inspectorate, LocalAuthority, PartnerAgency
from jtai import clock
from jtai.exceptions import ApplicationError

from . import forms, lifecycle, selectors, services, workdays
from .models import (
    CalendarToken,
    Framework,
    FrameworkVersion,
    Participation,
    Status,
    TeamMember,
)
from .permissions import actor_roles, can_manage_programme

PAGE_SIZE = 25
SESSION_KEY = "schedule_answers"


def _posted(request):
    """The submitted data, or None for a GET (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def admin_required(view):
    """Signed-in admins only: others get 403 (anonymous people are asked to sign in)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_manage_programme(request.user):
            raise PermissionDenied("Only admins can do this")
        return view(request, *args, **kwargs)

    return wrapper


def _first_url(names, *args) -> str | None:
    for name in names:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


# --- list and detail ------------------------------------------------------------------------


@login_required
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
            "is_admin": can_manage_programme(request.user),
        },
    )


ROLE_ORDER = {"overall_lead": 0, "inspectorate_lead": 1, "inspector": 2}
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


def _team_order(member) -> tuple:
    return (member.inspectorate.order, ROLE_ORDER.get(member.role, 9), member.user.last_name)


def _sub_area_links(inspection) -> list[dict]:
    """Links to the work on an inspection that has reached it (by URL name, if it exists)."""
    links = []
    for text, names, statuses in (
        ("Your tasks", ("inspections:recording:tasks", "recording:tasks"), FROM_FIELDWORK),
        ("Moderation", ("inspections:moderation:grid", "moderation:grid"), FROM_MODERATION),
        (
            "Report",
            ("inspections:moderation:report", "moderation:report", "reports:inspection"),
            FROM_MODERATION,
        ),
    ):
        if inspection.status not in statuses:
            continue
        href = _first_url(names, inspection.pk)
        if href:
            links.append({"text": text, "href": href})
    return links


def _detail_context(request, inspection, *, failed_verb=None, failed_form=None) -> dict:
    member = next((m for m in inspection.team.all() if m.user_id == request.user.pk), None)
    if member is not None or can_manage_programme(request.user):
        roles = actor_roles(request.user, inspection, member=member)
    else:
        roles = frozenset()
    steps = []
    for rule in lifecycle.next_steps(inspection.status, roles):
        if rule.verb == failed_verb:
            form = failed_form
        else:
            form = forms.TransitionForm(
                rule=rule,
                initial={"lock_version": inspection.lock_version},
                prefix=rule.verb,
            )
        steps.append({"rule": rule, "form": form, "open": rule.verb == failed_verb})
    main_steps = [s for s in steps if s["rule"].verb not in ("cancel", "defer")]
    stop_steps = [s for s in steps if s["rule"].verb in ("cancel", "defer")]
    team_by_inspectorate = []
    for inspectorate in inspection.inspectorates.all():
        team_by_inspectorate.append(
            {
                "inspectorate": inspectorate,
                "members": sorted(
                    (m for m in inspection.team.all() if m.inspectorate_id == inspectorate.pk),
                    key=_team_order,
                ),
            }
        )
    judged_by = {
        r.agency_type_id: r.judged_by_id
        for r in inspection.framework_version.agency_type_rules.all()
    }
    inspectorate_names = {i.pk: i.short_name for i in inspection.inspectorates.all()}
    agencies = [
        {"agency": a, "judged_by": inspectorate_names.get(judged_by.get(a.agency_type_id), "")}
        for a in inspection.agencies.all()
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
            services.team_gaps_among(
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
            services.inspection_transition(
                inspection=inspection,
                verb=verb,
                by=request.user,
                reason=form.cleaned_data["reason"],
                lock_version=form.cleaned_data.get("lock_version"),
            )
        except ApplicationError as error:
            team_errors = error.fields.get("team", [])
            if team_errors:
                form.add_error(None, error.message)
            else:
                forms.add_service_errors(form, error, default_field=None)
        else:
            messages.success(request, rule.done)
            return redirect("inspections:detail", pk=pk)
    else:
        team_errors = []
    inspection = selectors.inspection_detail(request.user, pk)
    context = _detail_context(request, inspection, failed_verb=verb, failed_form=form)
    context["team_errors"] = team_errors
    return render(request, "inspections/inspection_detail.html", context, status=400)


@admin_required
def inspection_change(request, pk: int):
    inspection = selectors.inspection_detail(request.user, pk)
    if inspection.status != Status.PLANNED:
        messages.info(request, "Only a planned inspection can be changed")
        return redirect("inspections:detail", pk=pk)
    form = forms.InspectionChangeForm(
        _posted(request),
        initial={"window_start": inspection.window_start, "lock_version": inspection.lock_version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            scheduled = services.inspection_update(
                inspection=inspection,
                by=request.user,
                lock_version=form.cleaned_data["lock_version"],
                window_start=form.cleaned_data["window_start"],
            )
        except ApplicationError as error:
            forms.add_service_errors(form, error, default_field="window_start")
        else:
            for warning in scheduled.warnings:
                messages.warning(request, warning)
            messages.success(request, "The window has been changed")
            return redirect("inspections:detail", pk=pk)
    return render(
        request,
        "inspections/inspection_change.html",
        {"inspection": inspection, "form": form},
        status=400 if form.errors else 200,
    )


# --- the team -------------------------------------------------------------------------------


@admin_required
def team(request, pk: int):
    inspection = selectors.inspection_detail(request.user, pk)
    form = forms.TeamMemberForm(_posted(request), inspection=inspection)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.team_member_add(
                inspection=inspection, by=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            forms.add_service_errors(form, error, default_field="user")
        else:
            messages.success(request, f"{member.user.display_name} is on the team")
            return redirect("inspections:team", pk=pk)
    return render(
        request,
        "inspections/team.html",
        {
            "inspection": inspection,
            "form": form,
            "gaps": services.team_gaps(inspection),
            "members": sorted(inspection.team.all(), key=_team_order),
            "editable": inspection.status in services.TEAM_EDITABLE_STATUSES,
        },
        status=400 if form.errors else 200,
    )


@admin_required
def team_member(request, pk: int, member_pk: int):
    inspection = selectors.inspection_detail(request.user, pk)
    member = get_object_or_404(
        TeamMember.objects.select_related("user", "inspectorate"),
        inspection=inspection,
        pk=member_pk,
    )
    form = forms.TeamMemberForm(
        _posted(request),
        inspection=inspection,
        member=member,
        initial={"role": member.role, "agencies": list(member.agencies.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.team_member_update(member=member, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            forms.add_service_errors(form, error, default_field="role")
        else:
            messages.success(request, f"{member.user.display_name}'s place on the team is changed")
            return redirect("inspections:team", pk=pk)
    return render(
        request,
        "inspections/team_member.html",
        {"inspection": inspection, "member": member, "form": form},
        status=400 if form.errors else 200,
    )


@admin_required
@require_POST
def team_member_remove(request, pk: int, member_pk: int):
    inspection = selectors.inspection_detail(request.user, pk)
    member = get_object_or_404(
        TeamMember.objects.select_related("user"), inspection=inspection, pk=member_pk
    )
    try:
        services.team_member_remove(member=member, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{member.user.display_name} has left the team")
    return redirect("inspections:team", pk=pk)


# --- scheduling: question pages, check your answers, confirmation ---------------------------


def _answers(request) -> dict:
    return request.session.get(SESSION_KEY, {})


def _save(request, **values) -> None:
    answers = _answers(request)
    answers.update(values)
    request.session[SESSION_KEY] = answers


def _forget(request, *keys) -> None:
    answers = _answers(request)
    for key in keys:
        answers.pop(key, None)
    request.session[SESSION_KEY] = answers


def _answer_objects(answers: dict) -> dict:
    """The stored answers as objects (None where missing or no longer valid)."""
    result = {"authority": None, "framework": None, "theme": None, "window_start": None}
    if answers.get("authority"):
        result["authority"] = LocalAuthority.objects.filter(pk=answers["authority"]).first()
    if answers.get("framework"):
        result["framework"] = Framework.objects.filter(pk=answers["framework"]).first()
    if answers.get("theme") and result["framework"]:
        result["theme"] = result["framework"].themes.filter(pk=answers["theme"]).first()
    if answers.get("window_start"):
        result["window_start"] = datetime.date.fromisoformat(answers["window_start"])
    result["optional"] = (
        list(Inspectorate.objects.filter(pk__in=answers["optional"]))
        if result["framework"] and answers.get("optional")
        else []
    )
    return result


def _version_for(answers: dict) -> FrameworkVersion | None:
    framework = answers["framework"]
    if framework is None:
        return None
    if answers["window_start"]:
        version = selectors.framework_version_for(framework, answers["window_start"])
        if version:
            return version
    return selectors.latest_version(framework)


def _has_optional(version) -> bool:
    return bool(
        version and version.inspectorate_rules.filter(participation=Participation.OPTIONAL).exists()
    )


def _next_question(request, after: str) -> str:
    """Where to go once a question is answered: the next one, or back to check answers."""
    if request.GET.get("change") or request.POST.get("change"):
        return reverse("inspections:schedule-check")
    answers = _answer_objects(_answers(request))
    order = ["authority", "framework", "theme", "window", "inspectorates", "check"]
    for step in order[order.index(after) + 1 :]:
        if step == "theme" and not (answers["framework"] and answers["framework"].themes.exists()):
            continue
        if step == "inspectorates" and not _has_optional(_version_for(answers)):
            continue
        return reverse(f"inspections:schedule-{step}")
    return reverse("inspections:schedule-check")


def _question(request, *, step, form, title, back, caption="Schedule an inspection"):
    return render(
        request,
        "inspections/schedule/question.html",
        {
            "form": form,
            "title": title,
            "step": step,
            "back": back,
            "caption": caption,
            "change": request.GET.get("change") or request.POST.get("change") or "",
        },
        status=400 if form.errors else 200,
    )


@admin_required
def schedule_start(request):
    request.session.pop(SESSION_KEY, None)
    return render(request, "inspections/schedule/start.html")


@admin_required
def schedule_authority(request):
    answers = _answers(request)
    form = forms.AuthorityForm(_posted(request), initial={"authority": answers.get("authority")})
    if request.method == "POST" and form.is_valid():
        _save(request, authority=form.cleaned_data["authority"].pk)
        return redirect(_next_question(request, "authority"))
    return _question(
        request,
        step="authority",
        form=form,
        title="Which local authority area will be inspected?",
        back=reverse("inspections:schedule"),
    )


@admin_required
def schedule_framework(request):
    answers = _answers(request)
    form = forms.FrameworkForm(_posted(request), initial={"framework": answers.get("framework")})
    if request.method == "POST" and form.is_valid():
        framework = form.cleaned_data["framework"]
        changed = framework.pk != answers.get("framework")
        _save(request, framework=framework.pk)
        if changed:
            _forget(request, "theme", "optional")
            if framework.themes.exists():
                return redirect("inspections:schedule-theme")
        return redirect(_next_question(request, "framework"))
    return _question(
        request,
        step="framework",
        form=form,
        title="Which kind of inspection is it?",
        back=reverse("inspections:schedule-authority"),
    )


@admin_required
def schedule_theme(request):
    answers = _answer_objects(_answers(request))
    if answers["framework"] is None:
        return redirect("inspections:schedule-framework")
    form = forms.ThemeForm(
        _posted(request),
        framework=answers["framework"],
        initial={"theme": answers["theme"].pk if answers["theme"] else None},
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["theme"].pk != _answers(request).get("theme"):
            _forget(request, "optional")
        _save(request, theme=form.cleaned_data["theme"].pk)
        return redirect(_next_question(request, "theme"))
    return _question(
        request,
        step="theme",
        form=form,
        title="Which theme will the inspection look at?",
        back=reverse("inspections:schedule-framework"),
    )


@admin_required
def schedule_window(request):
    answers = _answer_objects(_answers(request))
    if answers["framework"] is None or answers["authority"] is None:
        return redirect("inspections:schedule-authority")
    form = forms.WindowForm(_posted(request), initial={"window_start": answers["window_start"]})
    version = _version_for(answers)
    hint = ""
    if version:
        hint = f"The {answers['framework'].name} window lasts {version.window_days} days. " + (
            f"Notice is {version.notice_working_days} working days, the day of notice being day 1."
            if version.is_announced
            else "It is unannounced."
        )
    form.fields["window_start"].help_text = f"A working Monday, for example 4 12 2017. {hint}"
    if request.method == "POST" and form.is_valid():
        start = form.cleaned_data["window_start"]
        version = selectors.framework_version_for(answers["framework"], start) or version
        try:
            services.inspection_plan_validate(
                authority=answers["authority"],
                version=version,
                theme=answers["theme"],
                window_start=start,
                optional_inspectorates=[],
            )
        except ApplicationError as error:
            messages_for_window = error.fields.get("window_start") or []
            other = {k: v for k, v in error.fields.items() if k != "window_start"}
            for message in messages_for_window:
                form.add_error("window_start", message)
            if not messages_for_window and other:
                # Not a problem with the date: the check answers page says which answer to change.
                _save(request, window_start=start.isoformat())
                return redirect(_next_question(request, "window"))
        else:
            _save(request, window_start=start.isoformat())
            return redirect(_next_question(request, "window"))
    return _question(
        request,
        step="window",
        form=form,
        title="When does the inspection window start?",
        back=reverse(
            "inspections:schedule-theme"
            if answers["framework"].themes.exists()
            else "inspections:schedule-framework"
        ),
    )


@admin_required
def schedule_inspectorates(request):
    answers = _answer_objects(_answers(request))
    version = _version_for(answers)
    if version is None:
        return redirect("inspections:schedule-framework")
    chosen = [i.pk for i in answers["optional"]]
    if "optional" not in _answers(request) and answers["theme"] is not None:
        # Which inspectorates take part varies by theme: start from the theme's.
        chosen = list(answers["theme"].inspectorates.values_list("pk", flat=True))
    form = forms.InspectoratesForm(
        _posted(request), version=version, initial={"optional_inspectorates": chosen}
    )
    if request.method == "POST" and form.is_valid():
        _save(request, optional=[i.pk for i in form.cleaned_data["optional_inspectorates"]])
        return redirect("inspections:schedule-check")
    return _question(
        request,
        step="inspectorates",
        form=form,
        title="Which optional inspectorates will take part?",
        back=reverse("inspections:schedule-window"),
    )


STEP_FOR_FIELD = {
    "authority": "authority",
    "framework_version": "framework",
    "theme": "theme",
    "window_start": "window",
    "optional_inspectorates": "inspectorates",
}


@admin_required
def schedule_check(request):
    answers = _answer_objects(_answers(request))
    if not (answers["authority"] and answers["framework"] and answers["window_start"]):
        return redirect("inspections:schedule-authority")
    version = _version_for(answers)
    errors = []
    warnings = []
    preview = None
    try:
        window_end, _, warnings = services.inspection_plan_validate(
            authority=answers["authority"],
            version=version,
            theme=answers["theme"],
            window_start=answers["window_start"],
            optional_inspectorates=answers["optional"],
        )
        custodial = services.has_custodial_establishment(answers["authority"])
        preview = {
            "window_end": window_end,
            "notification_date": services.notification_date_for(version, answers["window_start"]),
            "inspectorates": services.participating_inspectorates(
                version, custodial=custodial, optional=answers["optional"]
            ),
            "agencies": list(
                services.agencies_in_scope(version, answers["authority"]).select_related(
                    "agency_type"
                )
            ),
            "custodial": custodial,
        }
    except ApplicationError as error:
        for field, field_messages in error.fields.items():
            step = STEP_FOR_FIELD.get(field, "authority")
            for message in field_messages:
                errors.append(
                    {"text": message, "href": reverse(f"inspections:schedule-{step}") + "?change=1"}
                )

    if request.method == "POST" and not errors:
        try:
            scheduled = services.inspection_schedule(
                authority=answers["authority"],
                framework_version=version,
                theme=answers["theme"],
                window_start=answers["window_start"],
                optional_inspectorates=answers["optional"],
                by=request.user,
            )
        except ApplicationError as error:
            errors.append({"text": error.message, "href": "#"})
        else:
            request.session.pop(SESSION_KEY, None)
            request.session["schedule_warnings"] = scheduled.warnings
            return redirect("inspections:schedule-done", pk=scheduled.inspection.pk)

    return render(
        request,
        "inspections/schedule/check.html",
        {
            "answers": answers,
            "version": version,
            "has_theme_step": answers["framework"].themes.exists(),
            "has_optional_step": _has_optional(version),
            "has_conditional": bool(
                version
                and version.inspectorate_rules.filter(
                    participation=Participation.CONDITIONAL
                ).exists()
            ),
            "errors": errors,
            "warnings": warnings,
            "preview": preview,
        },
        status=400 if errors and request.method == "POST" else 200,
    )


@admin_required
def schedule_done(request, pk: int):
    inspection = selectors.inspection_detail(request.user, pk)
    warnings = request.session.pop("schedule_warnings", [])
    return render(
        request,
        "inspections/schedule/done.html",
        {"inspection": inspection, "warnings": warnings},
    )


# --- calendar and schedules -----------------------------------------------------------------


@login_required
def calendar(request):
    today = clock.today()
    first = today.replace(day=1)
    raw = request.GET.get("from", "")
    if raw:
        try:
            first = datetime.date.fromisoformat(f"{raw}-01")
        except ValueError:
            messages.error(request, "Enter the first month as year and month, like 2026-01")
    cal = selectors.programme_calendar(request.user, first_month=first, months=12)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    for _ in range(11):
        previous = (previous - datetime.timedelta(days=1)).replace(day=1)
    following = first
    for _ in range(12):
        following = (following + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "inspections/calendar.html",
        {
            "cal": cal,
            "first": first,
            "previous": previous,
            "following": following,
            "today_week": today - datetime.timedelta(days=today.weekday()),
            "is_admin": can_manage_programme(request.user),
        },
    )


@login_required
def my_schedule(request):
    token = services.calendar_token_for(request.user)
    feed = request.build_absolute_uri(reverse("inspections:my-schedule-ics")) + (
        f"?token={token.token}"
    )
    today = clock.today()
    memberships = list(selectors.inspector_schedule(request.user))
    return render(
        request,
        "inspections/my_schedule.html",
        {
            "upcoming": [m for m in memberships if m.window_end >= today],
            "past": [m for m in memberships if m.window_end < today][::-1],
            "feed_url": feed,
        },
    )


@login_required
@require_POST
def my_schedule_reset(request):
    services.calendar_token_reset(user=request.user)
    messages.success(request, "Your calendar link has changed. Subscribe again with the new link.")
    return redirect("inspections:my-schedule")


def my_schedule_ics(request):
    """The inspector's schedule as an iCalendar feed; the secret token in the URL signs them in."""
    from icalendar import Calendar, Event

    token = (
        CalendarToken.objects.select_related("user")
        .filter(token=request.GET.get("token", "") or "-")
        .first()
    )
    if token is None or not token.user.is_active:
        raise Http404("No calendar")
    cal = Calendar()
    cal.add("prodid", "-//jtai//inspection schedule//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Inspections: {token.user.display_name}")
    host = request.get_host().split(":")[0]
    for member in selectors.inspector_schedule(token.user):
        inspection = member.inspection
        if inspection.status in (Status.CANCELLED, Status.DEFERRED):
            continue
        event = Event()
        event.add("uid", f"inspection-{inspection.pk}-member-{member.pk}@{host}")
        event.add(
            "summary",
            f"{inspection.authority.name}: {inspection.framework_version.framework.name}",
        )
        event.add("dtstart", inspection.window_start)
        event.add("dtend", inspection.window_end + datetime.timedelta(days=1))
        event.add("dtstamp", inspection.updated_at)
        event.add(
            "description",
            f"{member.get_role_display()} ({member.inspectorate.short_name}). "
            f"Status: {inspection.get_status_display()}. "
            + request.build_absolute_uri(reverse("inspections:detail", args=[inspection.pk])),
        )
        event.add("status", "CONFIRMED" if inspection.status != Status.PLANNED else "TENTATIVE")
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="inspections.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


# --- frameworks and themes ------------------------------------------------------------------


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
    form = forms.ThemeCreateForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.theme_create(framework=framework, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            forms.add_service_errors(form, error, default_field="name")
        else:
            messages.success(request, f"The theme {theme.name} is added")
            return redirect("inspections:framework-detail", code=code)
    return render(
        request,
        "inspections/theme_form.html",
        {"framework": framework, "form": form},
        status=400 if form.errors else 200,
    )


@admin_required
def framework_version_edit(request, code: str, version: int):
    framework_version = get_object_or_404(
        FrameworkVersion.objects.select_related("framework"), framework__code=code, version=version
    )
    fields = list(forms.FrameworkVersionForm.base_fields)
    form = forms.FrameworkVersionForm(
        _posted(request), initial={f: getattr(framework_version, f) for f in fields}
    )
    in_use = services.framework_version_in_use(framework_version)
    if request.method == "POST" and form.is_valid():
        changes = {
            f: form.cleaned_data[f]
            for f in fields
            if form.cleaned_data[f] != getattr(framework_version, f)
        }
        if not changes:
            messages.info(request, "Nothing was changed")
            return redirect("inspections:framework-detail", code=code)
        try:
            saved = services.framework_version_revise(
                version=framework_version, by=request.user, **changes
            )
        except ApplicationError as error:
            forms.add_service_errors(form, error, default_field="active_from")
        else:
            if saved.pk != framework_version.pk:
                messages.success(
                    request,
                    f"Version {saved.version} is made: inspections that have started keep "
                    f"version {framework_version.version}",
                )
            else:
                messages.success(request, f"Version {saved.version} is changed")
            return redirect("inspections:framework-detail", code=code)
    return render(
        request,
        "inspections/framework_version_form.html",
        {"version": framework_version, "form": form, "in_use": in_use},
        status=400 if form.errors else 200,
    )


# --- partner agencies -----------------------------------------------------------------------


@admin_required
def partner_agency_list(request):
    agencies = PartnerAgency.objects.select_related("agency_type").prefetch_related("authorities")
    authority = None
    if request.GET.get("authority"):
        authority = LocalAuthority.objects.filter(gss_code=request.GET["authority"]).first()
        if authority:
            agencies = agencies.filter(authorities=authority)
    page_obj = Paginator(agencies.order_by("agency_type__order", "name"), 50).get_page(
        request.GET.get("page")
    )
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
    form = forms.PartnerAgencyForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if agency:
                services.partner_agency_update(agency=agency, by=request.user, **form.cleaned_data)
            else:
                agency = services.partner_agency_create(by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            forms.add_service_errors(form, error, default_field="name")
        else:
            messages.success(request, f"{agency.name} is saved")
            return redirect("inspections:partner-agency-list")
    return render(
        request,
        "inspections/partner_agency_form.html",
        {"agency": agency, "form": form},
        status=400 if form.errors else 200,
    )

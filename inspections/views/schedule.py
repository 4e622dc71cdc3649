"""Scheduling an inspection, one question a page: authority, framework, theme, window,
optional inspectorates, then check your answers and the confirmation (admins)."""

from __future__ import annotations

import datetime

from django.shortcuts import redirect, render
from django.urls import reverse

from agencies.models import Inspectorate, LocalAuthority
from jtai.exceptions import ApplicationError
from jtai.forms import render_form

from .. import forms, selectors
from ..models import Framework, FrameworkVersion, Participation
from ..services import scheduling
from .common import admin_required, posted

SESSION_KEY = "schedule_answers"


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
    return render_form(
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
        form,
    )


@admin_required
def schedule_start(request):
    request.session.pop(SESSION_KEY, None)
    return render(request, "inspections/schedule/start.html")


@admin_required
def schedule_authority(request):
    answers = _answers(request)
    form = forms.AuthorityForm(posted(request), initial={"authority": answers.get("authority")})
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
    form = forms.FrameworkForm(posted(request), initial={"framework": answers.get("framework")})
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
        posted(request),
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
    form = forms.WindowForm(posted(request), initial={"window_start": answers["window_start"]})
    version = _version_for(answers)
    hint = ""
    if version:
        hint = f"The {answers['framework'].name} window lasts {version.window_days} days. " + (
            f"Notice is {version.notice_working_days} working days, the day of notice being day 1."
            if version.is_announced
            else "It is unannounced."
        )
    form.fields["window_start"].help_text = f"{forms.working_monday_example()}. {hint}"
    if request.method == "POST" and form.is_valid():
        start = form.cleaned_data["window_start"]
        version = selectors.framework_version_for(answers["framework"], start) or version
        try:
            scheduling.inspection_plan_validate(
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
        posted(request), version=version, initial={"optional_inspectorates": chosen}
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
        window_end, _, warnings = scheduling.inspection_plan_validate(
            authority=answers["authority"],
            version=version,
            theme=answers["theme"],
            window_start=answers["window_start"],
            optional_inspectorates=answers["optional"],
        )
        custodial = selectors.has_custodial_establishment(answers["authority"])
        taking_part = selectors.participating_inspectorates(
            version, custodial=custodial, optional=answers["optional"], theme=answers["theme"]
        )
        preview = {
            "window_end": window_end,
            "notification_date": scheduling.notification_date_for(version, answers["window_start"]),
            "inspectorates": taking_part,
            "agencies": list(
                selectors.agencies_in_scope(
                    version, answers["authority"], taking_part
                ).select_related("agency_type")
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
            scheduled = scheduling.inspection_schedule(
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

"""The fieldwork pages: the deep-dive cohort and each tracked case, the on-site timetable, and
the lines of enquiry with the evidence behind them. Every page works without JavaScript."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from inspections.recording import selectors as recording_selectors
from jtai.exceptions import ApplicationError
from jtai.forms import render_form, service_errors

from . import selectors, services
from .access import tracked_case_read
from .forms import AreaListForm, AuditForm, CaseAnswersForm, SessionForm, TrackedCaseForm
from .permissions import (
    can_edit_timetable,
    can_record_audit,
    can_select_cohort,
    require_answer_for,
    require_edit_timetable,
    require_record_audit,
    require_select_cohort,
)


def page_url(name, **kwargs):
    return reverse(f"inspections:fieldwork:{name}", kwargs=kwargs)


# --- the cohort ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def cohort(request, pk):
    """The tracked cases, and (for the lead) the area's list checked against the criteria."""
    access = recording_selectors.access_to(request.user, pk)
    inspection = access.inspection
    may_select = can_select_cohort(access)
    list_form = AreaListForm()
    case_form = TrackedCaseForm()
    candidates = None
    if request.method == "POST":
        require_select_cohort(access)
        if request.POST.get("action") == "check":
            list_form = AreaListForm(request.POST)
            if list_form.is_valid():
                candidates = selectors.cohort_candidates(
                    inspection, list_form.cleaned_data["area_list"]
                )
                # The list is not kept or shown again: a line of it may hold a child's name.
                list_form = AreaListForm()
        else:
            case_form = TrackedCaseForm(request.POST)
            if case_form.is_valid():
                with service_errors(case_form):
                    case = services.tracked_case_add(
                        inspection=inspection, user=request.user, **case_form.cleaned_data
                    )
                    messages.success(request, f"Case {case.reference} added to the cohort")
                    return redirect(page_url("cohort", pk=inspection.pk))
    return render_form(
        request,
        "inspections/fieldwork/cohort.html",
        {
            "inspection": inspection,
            "cases": list(selectors.cohort_for(access)),
            "criteria": services.cohort_criteria_for(inspection),
            "question_count": len(selectors.questions_for(inspection)),
            "may_select": may_select,
            "list_form": list_form,
            "case_form": case_form,
            "candidates": candidates,
        },
        list_form,
        case_form,
    )


@login_required
@require_POST
def cohort_remove(request, pk, case_pk):
    access = recording_selectors.access_to(request.user, pk)
    case = selectors.tracked_case_for(access, case_pk)
    require_select_cohort(access)
    try:
        services.tracked_case_remove(case=case)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Case {case.reference} removed from the cohort")
    return redirect(page_url("cohort", pk=access.inspection.pk))


@login_required
@require_http_methods(["GET", "POST"])
def tracked_case(request, pk, case_pk):
    """A tracked case: each agency's answers, the partnership's audit and its evaluation."""
    access = recording_selectors.access_to(request.user, pk)
    case = selectors.tracked_case_for(access, case_pk)
    may_audit = can_record_audit(access)
    if request.method == "POST":
        require_record_audit(access)
        form = AuditForm(request.POST)
        if form.is_valid():
            with service_errors(form):
                services.case_audit_record(
                    case=case,
                    user=request.user,
                    partnership_audit=form.cleaned_data["partnership_audit"],
                    evaluation=form.cleaned_data["evaluation"],
                    comment=form.cleaned_data["comment"],
                )
                messages.success(request, f"Audit of case {case.reference} saved")
                return redirect(page_url("case", pk=access.inspection.pk, case_pk=case.pk))
    else:
        form = AuditForm(
            initial={
                "partnership_audit": case.partnership_audit,
                "evaluation": case.audit_evaluation,
                "comment": case.audit_evaluation_comment,
            }
        )
        if not may_audit:
            for field in form.fields.values():
                field.disabled = True
        tracked_case_read(request, case, access.inspection)
    groups = selectors.case_answers(access, case)
    return render_form(
        request,
        "inspections/fieldwork/case.html",
        {
            "inspection": access.inspection,
            "case": case,
            "groups": groups,
            "form": form,
            "may_audit": may_audit,
        },
        form,
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_answers(request, pk, case_pk, agency_pk):
    """One agency's answers to the theme's questions: its own inspectorate's inspectors only."""
    access = recording_selectors.access_to(request.user, pk)
    case = selectors.tracked_case_for(access, case_pk)
    agency = recording_selectors.agency_choices_for(access.inspection).filter(pk=agency_pk).first()
    if agency is None:
        raise Http404("No such agency on this inspection")
    require_answer_for(access, agency)
    questions = selectors.questions_for(access.inspection)
    if request.method == "POST":
        form = CaseAnswersForm(request.POST, questions=questions)
        if form.is_valid():
            with service_errors(form), form.errors_by_question():
                services.case_answers_record(
                    case=case, agency=agency, user=request.user, answers=form.answers()
                )
                messages.success(request, f"{agency.name}: answers for case {case.reference} saved")
                return redirect(page_url("case", pk=access.inspection.pk, case_pk=case.pk))
    else:
        answers = case.answers.filter(agency=agency).select_related("question")
        tracked_case_read(request, case, access.inspection)
        form = CaseAnswersForm(initial=CaseAnswersForm.initial_for(answers), questions=questions)
    return render_form(
        request,
        "inspections/fieldwork/case_answers.html",
        {"inspection": access.inspection, "case": case, "agency": agency, "form": form},
        form,
    )


# --- the timetable ---------------------------------------------------------------------------


@login_required
def timetable(request, pk):
    access = recording_selectors.access_to(request.user, pk)
    return render(
        request,
        "inspections/fieldwork/timetable.html",
        {
            "inspection": access.inspection,
            "days": selectors.timetable_days(access),
            "may_edit": can_edit_timetable(access),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_add(request, pk):
    access = recording_selectors.access_to(request.user, pk)
    require_edit_timetable(access)
    return _session_form(request, access, session=None)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk, session_pk):
    access = recording_selectors.access_to(request.user, pk)
    session = selectors.session_for(access, session_pk)
    require_edit_timetable(access)
    return _session_form(request, access, session=session)


@login_required
@require_POST
def session_delete(request, pk, session_pk):
    access = recording_selectors.access_to(request.user, pk)
    session = selectors.session_for(access, session_pk)
    require_edit_timetable(access)
    services.session_delete(session=session)
    messages.success(request, f"'{session.title}' removed from the timetable")
    return redirect(page_url("timetable", pk=access.inspection.pk))


def _session_form(request, access, *, session):
    inspection = access.inspection
    team = selectors.team_choices(inspection)
    if request.method == "POST":
        form = SessionForm(request.POST, team=team, inspection=inspection)
        if form.is_valid():
            values = dict(form.cleaned_data)
            values["attendees"] = list(values["attendees"])
            with service_errors(form):
                if session is None:
                    session = services.session_create(
                        inspection=inspection, user=request.user, **values
                    )
                    messages.success(request, f"'{session.title}' added to the timetable")
                else:
                    services.session_update(session=session, **values)
                    messages.success(request, f"'{session.title}' updated")
                return redirect(
                    page_url("timetable", pk=inspection.pk) + f"#day-{session.date:%Y-%m-%d}"
                )
    elif session is not None:
        form = SessionForm(
            initial={
                "kind": session.kind,
                "title": session.title,
                "date": session.date,
                "start_time": session.start_time,
                "end_time": session.end_time,
                "room": session.room,
                "attendees": [m.pk for m in session.attendees.all()],
                "external_attendees": session.external_attendees,
            },
            team=team,
            inspection=inspection,
        )
    else:
        initial = {"date": inspection.window_start}
        day = request.GET.get("date", "")
        if day:
            try:
                initial["date"] = datetime.date.fromisoformat(day)
            except ValueError:
                pass
        form = SessionForm(initial=initial, team=team, inspection=inspection)
    return render_form(
        request,
        "inspections/fieldwork/session_form.html",
        {"inspection": inspection, "form": form, "session": session},
        form,
    )


# --- lines of enquiry ------------------------------------------------------------------------


@login_required
def lines_of_enquiry(request, pk):
    """Each line of enquiry with the evidence behind it and the report section it feeds."""
    access = recording_selectors.access_to(request.user, pk)
    lines, unlinked = selectors.traceability(access)
    return render(
        request,
        "inspections/fieldwork/lines_of_enquiry.html",
        {"inspection": access.inspection, "lines": lines, "unlinked": unlinked},
    )

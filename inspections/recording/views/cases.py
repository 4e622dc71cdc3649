"""The case sample: the list, adding or changing a case, and assessing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jtai.forms import render_form, service_errors

from .. import access as access_records
from .. import selectors, services
from ..forms import CaseAssessmentForm, CaseSampleForm
from ..permissions import can_edit_case, can_record_evidence, require_edit_case, require_record_case
from . import stale
from .common import page_url


@login_required
def case_list(request, pk):
    access = selectors.access_to(request.user, pk)
    cases = list(selectors.cases_for(access))
    access_records.cases_listed(request, cases, access.inspection)
    return render(
        request,
        "inspections/recording/case_list.html",
        {
            "inspection": access.inspection,
            "cases": cases,
            "summary": selectors.case_sample_summary(access.inspection),
            "can_add": can_record_evidence(access),
            "criteria_count": selectors.case_criteria(access.inspection).count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_add(request, pk):
    access = selectors.access_to(request.user, pk)
    require_record_case(access)
    return _case_form(request, access, case=None)


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request, pk, case_pk):
    access = selectors.access_to(request.user, pk)
    case = selectors.case_for(access, case_pk)
    require_edit_case(access, case)
    return _case_form(request, access, case=case)


STALE_CASE = (
    "Someone else saved this case while you were editing it. Your changes have not been saved: "
    "check how the saved case differs, then save again."
)


def _case_form(request, access, *, case):
    inspection = access.inspection
    agencies = selectors.agency_choices_for(inspection)
    conflict = None
    if request.method == "POST":
        form = CaseSampleForm(request.POST, agencies=agencies, versioned=case is not None)
        if form.is_valid():
            data = form.cleaned_data
            values = {
                "reference": data["reference"],
                "kind": data["kind"],
                "agencies": list(data["agencies"]),
                "summary": data["summary"],
            }
            with service_errors(form):
                if case is None:
                    case = services.case_sample_create(
                        inspection=inspection, user=request.user, **values
                    )
                    messages.success(request, f"Case {case.reference} added: now assess it")
                    return redirect(page_url("case", pk=inspection.pk, case_pk=case.pk))
                try:
                    saved = services.case_sample_update(
                        case=case, version=data["version"], **values
                    )
                except services.StaleVersionError as exc:
                    conflict = stale.Conflict(
                        current=exc.current,
                        started_from=data["version"],
                        differences=stale.case_differences(exc.current, data),
                    )
                    form = stale.rebound_form(
                        request, CaseSampleForm, exc, STALE_CASE, agencies=agencies
                    )
                else:
                    messages.success(request, f"Case {saved.reference} updated")
                    return redirect(page_url("case", pk=inspection.pk, case_pk=case.pk))
    elif case is not None:
        form = CaseSampleForm(
            initial={
                "version": case.version,
                "reference": case.reference,
                "kind": case.kind,
                "agencies": [a.pk for a in case.agencies.all()],
                "summary": case.summary,
            },
            agencies=agencies,
            versioned=True,
        )
    else:
        form = CaseSampleForm(agencies=agencies)
    context = {"inspection": inspection, "form": form, "case": case, "conflict": conflict}
    if conflict:
        return render(request, "inspections/recording/case_form.html", context, status=409)
    return render_form(request, "inspections/recording/case_form.html", context, form)


@login_required
@require_http_methods(["GET", "POST"])
def case_detail(request, pk, case_pk):
    access = selectors.access_to(request.user, pk)
    case = selectors.case_for(access, case_pk)
    editable = can_edit_case(access, case)
    criteria = selectors.case_criteria(access.inspection)
    if request.method == "POST":
        require_edit_case(access, case)
        form = CaseAssessmentForm(request.POST, criteria=criteria)
        if form.is_valid():
            with service_errors(form), form.errors_by_criterion():
                services.case_assessments_record(
                    case=case, user=request.user, assessments=form.assessments()
                )
                messages.success(request, f"Assessment of case {case.reference} saved")
                return redirect(page_url("cases", pk=access.inspection.pk))
    else:
        access_records.case_read(request, case, access.inspection)
        form = CaseAssessmentForm(initial=CaseAssessmentForm.initial_for(case), criteria=criteria)
        if not editable:
            for field in form.fields.values():
                field.disabled = True
    return render_form(
        request,
        "inspections/recording/case_detail.html",
        {"inspection": access.inspection, "case": case, "form": form, "editable": editable},
        form,
    )

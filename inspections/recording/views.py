"""The inspector's pages: task list, judgement, history, evidence, case samples, shared judgement.

Every page works without JavaScript; the judgement page's autosave is an enhancement.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from agencies.models import Grade
from inspections.models import (
    CaseCriterion,
    CaseKind,
    CaseSample,
    EvidenceRecord,
    JudgementStatus,
)
from jtai import clock
from jtai.exceptions import ApplicationError

from . import selectors, services
from .forms import (
    AgreementForm,
    CaseAssessmentForm,
    CaseSampleForm,
    EvidenceForm,
    JudgementForm,
    SharedJudgementForm,
    add_service_errors,
    items_from_text,
)
from .permissions import (
    can_agree_shared,
    can_draft_shared,
    can_edit_case,
    can_edit_evidence,
    can_edit_judgement,
    can_record_evidence,
    why_read_only,
)

STATUS_TAGS = {
    JudgementStatus.NOT_STARTED: "govuk-tag--blue",
    JudgementStatus.IN_PROGRESS: "govuk-tag--light-blue",
    JudgementStatus.COMPLETED: "",
    JudgementStatus.RETURNED: "govuk-tag--red",
    JudgementStatus.SIGNED_OFF: "govuk-tag--green",
}


def _url(name, **kwargs):
    return reverse(f"inspections:recording:{name}", kwargs=kwargs)


def _decorate(judgement, access):
    judgement.editable = can_edit_judgement(access, judgement)
    judgement.tag_class = STATUS_TAGS.get(judgement.status, "")
    return judgement


# ---------------------------------------------------------------------------------------------
# Task list


@login_required
def tasks(request, pk):
    access = selectors.access_to(request.user, pk)
    groups = selectors.task_list(access)
    for group in groups:
        for judgement in group.judgements:
            _decorate(judgement, access)
    shared = selectors.shared_judgements_for(access)
    for each in shared:
        each.is_agreed = selectors.shared_judgement_is_agreed(each)
    cases = dict(
        CaseSample.objects.filter(inspection=access.inspection)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    return render(
        request,
        "inspections/recording/tasks.html",
        {
            "inspection": access.inspection,
            "access": access,
            "groups": groups,
            "shared_judgements": shared,
            "evidence_count": EvidenceRecord.objects.filter(inspection=access.inspection).count(),
            "tracked_count": cases.get(CaseKind.TRACKED, 0),
            "case_count": sum(cases.values()),
            "min_tracked": access.inspection.framework_version.min_tracked_cases,
        },
    )


# ---------------------------------------------------------------------------------------------
# A judgement


def _grade_options(form, area):
    """The grade radios with each grade's descriptor for this area, as typed or saved."""
    if "grade" not in form.fields:
        return []
    value = form["grade"].value() or ""
    descriptors = area.grade_descriptors or {}
    return [
        {
            "id": f"id_grade_{index}",
            "value": code,
            "label": label,
            "descriptor": descriptors.get(code, ""),
            "checked": value == code,
        }
        for index, (code, label) in enumerate(Grade.choices)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def judgement(request, pk, judgement_pk):
    access = selectors.access_to(request.user, pk)
    judgement = _decorate(selectors.judgement_for(access, judgement_pk), access)
    graded = judgement.area.version.graded
    conflict = None
    if request.method == "POST":
        if not judgement.editable:
            raise PermissionDenied(why_read_only(access, judgement))
        form = JudgementForm(request.POST, graded=graded)
        complete = request.POST.get("action") == "complete"
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.judgement_save(
                    judgement=judgement,
                    user=request.user,
                    version=data["version"],
                    grade=data.get("grade", ""),
                    strengths=items_from_text(data["strengths"]),
                    improvements=items_from_text(data["improvements"]),
                    evidence_summary=data["evidence_summary"],
                    complete=complete,
                )
            except services.StaleVersionError as exc:
                current = exc.current
                base = selectors.revision_at(judgement, data["version"])
                conflict = {
                    "current": current,
                    "diff": selectors.judgement_diff(base, current),
                    "started_from": data["version"],
                }
                # Keep every word typed; the next save is made against the current version,
                # now that the user has seen what changed.
                rebound = request.POST.copy()
                rebound["version"] = str(current.version)
                form = JudgementForm(rebound, graded=graded)
                form.is_valid()
                form.add_error(
                    None,
                    "Someone else saved this judgement while you were editing it. "
                    "Your changes have not been saved: check what they changed, then save again.",
                )
            except ApplicationError as exc:
                add_service_errors(form, exc)
            else:
                if complete:
                    messages.success(
                        request,
                        f"{judgement.agency.name}: '{judgement.area.title}' is marked as completed",
                    )
                    return redirect(_url("tasks", pk=access.inspection.pk))
                messages.success(
                    request,
                    f"Draft saved at {timezone.localtime(saved.updated_at):%H:%M}",
                )
                return redirect(
                    _url("judgement", pk=access.inspection.pk, judgement_pk=judgement.pk)
                )
    else:
        form = JudgementForm(initial=JudgementForm.initial_for(judgement), graded=graded)
        if not judgement.editable:
            for field in form.fields.values():
                field.disabled = True

    return render(
        request,
        "inspections/recording/judgement.html",
        {
            "inspection": access.inspection,
            "access": access,
            "judgement": judgement,
            "form": form,
            "graded": graded,
            "grade_options": _grade_options(form, judgement.area),
            "read_only_reason": "" if judgement.editable else why_read_only(access, judgement),
            "evidence": selectors.judgement_evidence(judgement),
            "evidence_count": selectors.judgement_evidence_count(judgement),
            "conflict": conflict,
            "can_record_evidence": can_record_evidence(access),
            "autosave_url": reverse("api-judgement-detail", kwargs={"pk": judgement.pk}),
        },
    )


@login_required
def judgement_history(request, pk, judgement_pk):
    access = selectors.access_to(request.user, pk)
    judgement = selectors.judgement_for(access, judgement_pk)
    return render(
        request,
        "inspections/recording/history.html",
        {
            "inspection": access.inspection,
            "judgement": judgement,
            "history": selectors.revision_history(judgement),
        },
    )


# ---------------------------------------------------------------------------------------------
# Evidence


@login_required
def evidence_list(request, pk):
    access = selectors.access_to(request.user, pk)
    records = selectors.evidence_for(access)
    agencies = list(services.agency_choices_for(access.inspection))
    areas = list(access.inspection.framework_version.judgement_areas.order_by("order"))
    agency_filter = request.GET.get("agency", "")
    area_filter = request.GET.get("area", "")
    if agency_filter.isdigit():
        records = records.filter(agency_id=int(agency_filter))
    if area_filter.isdigit():
        records = records.filter(areas=int(area_filter))
    page = Paginator(records, 25).get_page(request.GET.get("page"))
    for record in page.object_list:
        record.editable = can_edit_evidence(access, record)
    return render(
        request,
        "inspections/recording/evidence_list.html",
        {
            "inspection": access.inspection,
            "page_obj": page,
            "agencies": agencies,
            "areas": areas,
            "agency_filter": agency_filter,
            "area_filter": area_filter,
            "can_add": can_record_evidence(access),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(request, pk):
    access = selectors.access_to(request.user, pk)
    if not can_record_evidence(access):
        raise PermissionDenied("Evidence can only be recorded by the team during fieldwork.")
    return _evidence_form(request, access, record=None)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_edit(request, pk, evidence_pk):
    access = selectors.access_to(request.user, pk)
    record = selectors.evidence_record_for(access, evidence_pk)
    if not can_edit_evidence(access, record):
        raise PermissionDenied("You cannot change this evidence record.")
    return _evidence_form(request, access, record=record)


def _safe_next(request) -> str:
    """Where to go after saving: only a page of this site under /inspections/."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/inspections/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _evidence_form(request, access, *, record):
    inspection = access.inspection
    next_url = _safe_next(request)
    agencies = services.agency_choices_for(inspection)
    if request.method == "POST":
        form = EvidenceForm(request.POST, inspection=inspection, agencies=agencies)
        if form.is_valid():
            data = form.cleaned_data
            values = {
                "agency": data["agency"],
                "source": data["source"],
                "date": data["date"],
                "note": data["note"],
                "areas": list(data["areas"]),
            }
            try:
                if record is None:
                    services.evidence_record_create(
                        inspection=inspection, user=request.user, **values
                    )
                    messages.success(request, "Evidence record added")
                else:
                    services.evidence_record_update(record=record, **values)
                    messages.success(request, "Evidence record updated")
            except ApplicationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(next_url or _url("evidence", pk=inspection.pk))
    elif record is not None:
        form = EvidenceForm(
            initial={
                "agency": record.agency_id,
                "source": record.source,
                "date": record.date,
                "note": record.note,
                "areas": [a.pk for a in record.areas.all()],
            },
            inspection=inspection,
            agencies=agencies,
        )
    else:
        initial = {"date": clock.today()}
        if request.GET.get("agency", "").isdigit():
            initial["agency"] = int(request.GET["agency"])
        if request.GET.get("area", "").isdigit():
            initial["areas"] = [int(request.GET["area"])]
        form = EvidenceForm(initial=initial, inspection=inspection, agencies=agencies)
    return render(
        request,
        "inspections/recording/evidence_form.html",
        {"inspection": inspection, "form": form, "record": record, "next": next_url},
    )


# ---------------------------------------------------------------------------------------------
# Case samples


@login_required
def case_list(request, pk):
    access = selectors.access_to(request.user, pk)
    cases = list(selectors.cases_for(access))
    return render(
        request,
        "inspections/recording/case_list.html",
        {
            "inspection": access.inspection,
            "cases": cases,
            "summary": selectors.case_sample_summary(access.inspection),
            "can_add": can_record_evidence(access),
            "criteria_count": CaseCriterion.objects.filter(
                version=access.inspection.framework_version_id
            ).count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_add(request, pk):
    access = selectors.access_to(request.user, pk)
    if not can_record_evidence(access):
        raise PermissionDenied("Cases can only be added by the team during fieldwork.")
    return _case_form(request, access, case=None)


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request, pk, case_pk):
    access = selectors.access_to(request.user, pk)
    case = selectors.case_for(access, case_pk)
    if not can_edit_case(access, case):
        raise PermissionDenied("Cases can only be changed by the team during fieldwork.")
    return _case_form(request, access, case=case)


def _case_form(request, access, *, case):
    inspection = access.inspection
    agencies = services.agency_choices_for(inspection)
    if request.method == "POST":
        form = CaseSampleForm(request.POST, agencies=agencies)
        if form.is_valid():
            data = form.cleaned_data
            values = {
                "reference": data["reference"],
                "kind": data["kind"],
                "agencies": list(data["agencies"]),
                "summary": data["summary"],
            }
            try:
                if case is None:
                    case = services.case_sample_create(
                        inspection=inspection, user=request.user, **values
                    )
                    messages.success(request, f"Case {case.reference} added: now assess it")
                else:
                    services.case_sample_update(case=case, **values)
                    messages.success(request, f"Case {case.reference} updated")
            except ApplicationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(_url("case", pk=inspection.pk, case_pk=case.pk))
    elif case is not None:
        form = CaseSampleForm(
            initial={
                "reference": case.reference,
                "kind": case.kind,
                "agencies": [a.pk for a in case.agencies.all()],
                "summary": case.summary,
            },
            agencies=agencies,
        )
    else:
        form = CaseSampleForm(agencies=agencies)
    return render(
        request,
        "inspections/recording/case_form.html",
        {"inspection": inspection, "form": form, "case": case},
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_detail(request, pk, case_pk):
    access = selectors.access_to(request.user, pk)
    case = selectors.case_for(access, case_pk)
    editable = can_edit_case(access, case)
    criteria = CaseCriterion.objects.filter(
        version=access.inspection.framework_version_id
    ).order_by("order")
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("Cases can only be assessed by the team during fieldwork.")
        form = CaseAssessmentForm(request.POST, criteria=criteria)
        if form.is_valid():
            try:
                services.case_assessments_record(
                    case=case, user=request.user, assessments=form.assessments()
                )
            except ApplicationError as exc:
                for code, problems in exc.fields.items():
                    for problem in problems:
                        name = f"outcome_{code}"
                        form.add_error(name if name in form.fields else None, problem)
            else:
                messages.success(request, f"Assessment of case {case.reference} saved")
                return redirect(_url("cases", pk=access.inspection.pk))
    else:
        form = CaseAssessmentForm(initial=CaseAssessmentForm.initial_for(case), criteria=criteria)
        if not editable:
            for field in form.fields.values():
                field.disabled = True
    return render(
        request,
        "inspections/recording/case_detail.html",
        {"inspection": access.inspection, "case": case, "form": form, "editable": editable},
    )


# ---------------------------------------------------------------------------------------------
# The shared judgement


def _render_shared(request, access, shared, *, form=None, agreement_form=None, conflict=None):
    graded = shared.area.version.graded
    can_draft = can_draft_shared(access, shared)
    can_agree = can_agree_shared(access, shared)
    if form is None and can_draft:
        form = SharedJudgementForm(initial=SharedJudgementForm.initial_for(shared), graded=graded)
    if agreement_form is None and can_agree:
        mine = next(
            (a for a in shared.agreements.all() if a.inspectorate_id == access.inspectorate_id),
            None,
        )
        initial = {"version": shared.version}
        if mine is not None and mine.judgement_version == shared.version:
            initial.update({"agrees": "yes" if mine.agrees else "no", "comment": mine.comment})
        agreement_form = AgreementForm(initial=initial)
    return render(
        request,
        "inspections/recording/shared.html",
        {
            "inspection": access.inspection,
            "access": access,
            "shared": shared,
            "graded": graded,
            "grade_label": Grade(shared.grade).label if shared.grade else "",
            "rows": selectors.shared_agreement_rows(shared),
            "is_agreed": selectors.shared_judgement_is_agreed(shared),
            "form": form,
            "grade_options": _grade_options(form, shared.area) if form is not None else [],
            "agreement_form": agreement_form,
            "can_draft": can_draft,
            "can_agree": can_agree,
            "conflict": conflict,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def shared(request, pk, shared_pk):
    access = selectors.access_to(request.user, pk)
    shared = selectors.shared_judgement_for(access, shared_pk)
    if request.method == "GET":
        return _render_shared(request, access, shared)
    if not can_draft_shared(access, shared):
        raise PermissionDenied("Only the overall lead drafts the shared judgement.")
    graded = shared.area.version.graded
    form = SharedJudgementForm(request.POST, graded=graded)
    conflict = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            _, cleared = services.shared_judgement_save(
                shared=shared,
                user=request.user,
                version=data["version"],
                grade=data.get("grade", ""),
                text=data["text"],
                strengths=items_from_text(data["strengths"]),
                improvements=items_from_text(data["improvements"]),
            )
        except services.StaleVersionError as exc:
            conflict = {"current": exc.current}
            rebound = request.POST.copy()
            rebound["version"] = str(exc.current.version)
            form = SharedJudgementForm(rebound, graded=graded)
            form.is_valid()
            form.add_error(
                None,
                "Someone else saved the shared judgement while you were editing it. "
                "Your text is below: check the saved version, then save again.",
            )
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            if cleared:
                messages.warning(
                    request,
                    "Shared judgement saved. The inspectorates had agreed an earlier version: "
                    "their agreements have been cleared and the leads have been emailed to "
                    "agree again.",
                )
            else:
                messages.success(request, "Shared judgement saved")
            return redirect(_url("shared", pk=access.inspection.pk, shared_pk=shared.pk))
    return _render_shared(request, access, shared, form=form, conflict=conflict)


@login_required
@require_POST
def shared_agreement(request, pk, shared_pk):
    access = selectors.access_to(request.user, pk)
    shared = selectors.shared_judgement_for(access, shared_pk)
    if not can_agree_shared(access, shared):
        raise PermissionDenied("Only each inspectorate's lead records its agreement.")
    form = AgreementForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.shared_judgement_agreement_record(
                shared=shared,
                user=request.user,
                inspectorate=access.member.inspectorate,
                agrees=data["agrees"],
                comment=data["comment"],
                version=data["version"],
            )
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"{access.member.inspectorate.short_name} "
                + ("agrees" if data["agrees"] else "disagrees")
                + " with the shared judgement",
            )
            return redirect(_url("shared", pk=access.inspection.pk, shared_pk=shared.pk))
    return _render_shared(request, access, shared, agreement_form=form)

"""The shared judgement: the overall lead's draft and each inspectorate's agreement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from agencies.models import Grade
from jtai.forms import render_form, service_errors

from .. import selectors, services
from ..forms import AgreementForm, SharedJudgementForm, items_from_text
from ..permissions import (
    can_agree_shared,
    can_draft_shared,
    require_agree_shared,
    require_draft_shared,
)
from .common import grade_options, page_url


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
    context = {
        "inspection": access.inspection,
        "access": access,
        "shared": shared,
        "graded": graded,
        "grade_label": Grade(shared.grade).label if shared.grade else "",
        "rows": selectors.shared_agreement_rows(shared),
        "is_agreed": shared.is_agreed,
        "form": form,
        "grade_options": grade_options(form, shared.area) if form is not None else [],
        "agreement_form": agreement_form,
        "can_draft": can_draft,
        "can_agree": can_agree,
        "conflict": conflict,
    }
    if conflict:  # a stale save: the page explains it and shows the saved text, as it always has
        return render(request, "inspections/recording/shared.html", context)
    return render_form(request, "inspections/recording/shared.html", context, form, agreement_form)


def _stale_save(request, stale, graded: bool):
    """The form to show after a stale save (the text typed, against the current version)."""
    rebound = request.POST.copy()
    rebound["version"] = str(stale.current.version)
    form = SharedJudgementForm(rebound, graded=graded)
    form.is_valid()
    form.add_error(
        None,
        "Someone else saved the shared judgement while you were editing it. "
        "Your text is below: check the saved version, then save again.",
    )
    return form, {"current": stale.current}


@login_required
@require_http_methods(["GET", "POST"])
def shared(request, pk, shared_pk):
    access = selectors.access_to(request.user, pk)
    shared = selectors.shared_judgement_for(access, shared_pk)
    if request.method == "GET":
        return _render_shared(request, access, shared)
    require_draft_shared(access, shared)
    graded = shared.area.version.graded
    form = SharedJudgementForm(request.POST, graded=graded)
    conflict = None
    if form.is_valid():
        data = form.cleaned_data
        with service_errors(form):
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
            except services.StaleVersionError as stale:
                form, conflict = _stale_save(request, stale, graded)
            else:
                if cleared:
                    messages.warning(
                        request,
                        "Shared judgement saved. The inspectorates had agreed an earlier "
                        "version: their agreements have been cleared and the leads have been "
                        "emailed to agree again.",
                    )
                else:
                    messages.success(request, "Shared judgement saved")
                return redirect(page_url("shared", pk=access.inspection.pk, shared_pk=shared.pk))
    return _render_shared(request, access, shared, form=form, conflict=conflict)


@login_required
@require_POST
def shared_agreement(request, pk, shared_pk):
    access = selectors.access_to(request.user, pk)
    shared = selectors.shared_judgement_for(access, shared_pk)
    require_agree_shared(access, shared)
    form = AgreementForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with service_errors(form):
            services.shared_judgement_agreement_record(
                shared=shared,
                user=request.user,
                inspectorate=access.member.inspectorate,
                agrees=data["agrees"],
                comment=data["comment"],
                version=data["version"],
            )
            messages.success(
                request,
                f"{access.member.inspectorate.short_name} "
                + ("agrees" if data["agrees"] else "disagrees")
                + " with the shared judgement",
            )
            return redirect(page_url("shared", pk=access.inspection.pk, shared_pk=shared.pk))
    return _render_shared(request, access, shared, agreement_form=form)

"""The task list, a judgement and its history.

Every page works without JavaScript; the judgement page's autosave is an enhancement.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jtai.forms import render_form, service_errors
from jtai.links import Links
from jtai.page_cache import cached_page

from .. import selectors, services
from ..forms import JudgementForm, items_from_text
from ..permissions import can_record_evidence, require_edit_judgement, why_read_only
from .common import decorate, grade_options, page_url

# Evidence records listed on the judgement page, newest first.
EVIDENCE_SHOWN = 50


@login_required
@cached_page
def tasks(request, pk):
    access = selectors.access_to(request.user, pk)
    groups = selectors.task_list(access)
    for group in groups:
        for judgement in group.judgements:
            decorate(judgement, access)
    shared = selectors.shared_judgements_for(access)
    counts = selectors.recorded_counts(access.inspection)
    return render(
        request,
        "inspections/recording/tasks.html",
        {
            "inspection": access.inspection,
            "access": access,
            "groups": groups,
            "shared_judgements": shared,
            "evidence_count": counts["evidence"],
            "tracked_count": counts["tracked"],
            "case_count": counts["cases"],
            "min_tracked": access.inspection.framework_version.min_tracked_cases,
            "judgement_links": Links("inspections:recording:judgement", access.inspection.pk),
            "shared_links": Links("inspections:recording:shared", access.inspection.pk),
        },
    )


def _stale_save(request, judgement, stale, started_from: int, graded: bool):
    """The form to show after a stale save, and what the other person changed.

    Every word typed is kept; the next save is made against the current version, now that
    the user has seen what changed.
    """
    current = stale.current
    base = selectors.revision_at(judgement, started_from)
    conflict = {
        "current": current,
        "diff": selectors.judgement_diff(base, current),
        "started_from": started_from,
    }
    rebound = request.POST.copy()
    rebound["version"] = str(current.version)
    form = JudgementForm(rebound, graded=graded)
    form.is_valid()
    form.add_error(
        None,
        "Someone else saved this judgement while you were editing it. "
        "Your changes have not been saved: check what they changed, then save again.",
    )
    return form, conflict


def _saved(request, access, judgement, saved, *, complete: bool):
    if complete:
        messages.success(
            request, f"{judgement.agency.name}: '{judgement.area.title}' is marked as completed"
        )
        return redirect(page_url("tasks", pk=access.inspection.pk))
    messages.success(request, f"Draft saved at {timezone.localtime(saved.updated_at):%H:%M}")
    return redirect(page_url("judgement", pk=access.inspection.pk, judgement_pk=judgement.pk))


@login_required
@require_http_methods(["GET", "POST"])
@cached_page
def judgement(request, pk, judgement_pk):
    access = selectors.access_to(request.user, pk)
    judgement = decorate(selectors.judgement_for(access, judgement_pk), access)
    graded = judgement.area.version.graded
    conflict = None
    if request.method == "POST":
        require_edit_judgement(access, judgement)
        form = JudgementForm(request.POST, graded=graded)
        complete = request.POST.get("action") == "complete"
        if form.is_valid():
            data = form.cleaned_data
            with service_errors(form):
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
                except services.StaleVersionError as stale:
                    form, conflict = _stale_save(request, judgement, stale, data["version"], graded)
                else:
                    return _saved(request, access, judgement, saved, complete=complete)
    else:
        form = JudgementForm(initial=JudgementForm.initial_for(judgement), graded=graded)
        if not judgement.editable:
            for field in form.fields.values():
                field.disabled = True

    evidence = selectors.judgement_evidence(judgement, limit=EVIDENCE_SHOWN)
    context = {
        "inspection": access.inspection,
        "access": access,
        "judgement": judgement,
        "form": form,
        "graded": graded,
        "grade_options": grade_options(form, judgement.area),
        "read_only_reason": "" if judgement.editable else why_read_only(access, judgement),
        "evidence": evidence,
        # Counted only when the list is cut short: otherwise the list is the whole of it.
        "evidence_count": len(evidence)
        if len(evidence) < EVIDENCE_SHOWN
        else selectors.judgement_evidence_count(judgement),
        "conflict": conflict,
        "can_record_evidence": can_record_evidence(access),
        "autosave_url": reverse("api-judgement-detail", kwargs={"pk": judgement.pk}),
    }
    if conflict:  # a stale save: the page explains it and shows the diff, as it always has
        return render(request, "inspections/recording/judgement.html", context)
    return render_form(request, "inspections/recording/judgement.html", context, form)


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

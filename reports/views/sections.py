"""Writing the report, section by section: the list of sections with their owners, status and
agreements; one section's page (a stale save keeps the typed text and shows what the other
person changed); its history; a lead's agreement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from inspections.permissions import team_membership
from inspections.recording.selectors import JudgementDiff, ListDiff, text_diff
from inspections.recording.services.common import StaleVersionError
from jtai.exceptions import ApplicationError
from jtai.forms import render_form, service_errors

from .. import permissions, selectors, services
from ..forms import AgreeSectionForm, SectionForm
from ..models import FactualAccuracyComment
from ..permissions import concerned_inspectorates
from ..services.sections import EDITABLE_STATES


def _as_diff(segments) -> JudgementDiff:
    """A section's word diff in the shape the judgement diff include shows (text only)."""
    return JudgementDiff(
        grade_from="",
        grade_to="",
        strengths=ListDiff(added=[], removed=[]),
        improvements=ListDiff(added=[], removed=[]),
        summary=segments,
    )


def _text_diff(before: str, after: str) -> JudgementDiff:
    return _as_diff(text_diff(before, after))


def _pending_comments(inspection):
    return [
        c
        for r in selectors.factual_accuracy_requests_for(inspection)
        for c in r.comments.all()
        if c.response == FactualAccuracyComment.Response.PENDING
    ]


@login_required
@require_GET
def index(request, pk):
    inspection = selectors.inspection_for_team(request.user, pk)
    services.report_sections_ensure(inspection=inspection)
    sections = selectors.sections_for(inspection)
    member = team_membership(request.user, inspection)
    participating = list(inspection.inspectorates.order_by("order", "name"))
    for section in sections:
        section.can_edit = permissions.can_edit_section(request.user, section, member)
        section.can_agree = permissions.can_agree_section(
            request.user, section, member, participating
        )
        agreed = {
            a.inspectorate_id: a
            for a in section.agreements.all()
            if a.section_version == section.version
        }
        section.concerned = [
            (i, agreed.get(i.pk)) for i in concerned_inspectorates(section, participating)
        ]
        section.agreed_by_me = any(a and a.by_id == request.user.pk for _, a in section.concerned)
    return render(
        request,
        "reports/sections/index.html",
        {
            "inspection": inspection,
            "sections": sections,
            "agreeing": inspection.status == "moderation",
        },
    )


def _section_context(request, inspection, section, form, conflict=None):
    return {
        "inspection": inspection,
        "section": section,
        "form": form,
        "conflict": conflict,
        "editable": inspection.status in EDITABLE_STATES
        and permissions.can_edit_section(request.user, section),
    }


@login_required
def edit(request, pk, key):
    inspection = selectors.inspection_for_team(request.user, pk)
    services.report_sections_ensure(inspection=inspection)
    section = selectors.section_for(inspection, key)
    comments = _pending_comments(inspection) if inspection.status == "factual_accuracy" else []
    if request.method != "POST":
        form = SectionForm(
            initial={"version": section.version, "text": section.text},
            comments=comments,
        )
        return render(
            request,
            "reports/sections/edit.html",
            _section_context(request, inspection, section, form),
        )
    permissions.require_can_edit_section(request.user, section)
    form = SectionForm(request.POST, comments=comments)
    conflict = None
    stale = None
    if form.is_valid():
        data = form.cleaned_data
        with service_errors(form, default_field="text"):
            try:
                comment = next((c for c in comments if c.pk == data.get("comment")), None)
                if comment is not None:
                    services.factual_accuracy_comment_respond(
                        comment=comment,
                        user=request.user,
                        response=FactualAccuracyComment.Response.ACCEPTED,
                        note="The report was changed.",
                        section=section,
                        text=data["text"],
                        version=data["version"],
                    )
                else:
                    services.report_section_save(
                        section=section,
                        user=request.user,
                        version=data["version"],
                        text=data["text"],
                        ready=data["ready"],
                    )
                messages.success(request, f"“{section.title}” is saved.")
                return redirect("reports:sections", pk=pk)
            except StaleVersionError as error:
                stale = error
    if stale is not None:
        # The typed text stays in the form; the diff shows what the other person changed
        # since the version this person started from. Saving again replaces their version.
        current = stale.current
        started = next(
            (r for r in selectors.section_history(current) if r.version == data["version"]),
            None,
        )
        conflict = {
            "current": current,
            "started_from": data["version"],
            "diff": _text_diff(started.text if started else "", current.text),
        }
        form.data = form.data.copy()
        form.data["version"] = current.version
    context = _section_context(request, inspection, section, form, conflict)
    if conflict:
        return render(request, "reports/sections/edit.html", context, status=409)
    return render_form(request, "reports/sections/edit.html", context, form)


@login_required
@require_POST
def agree(request, pk, key):
    inspection = selectors.inspection_for_team(request.user, pk)
    section = selectors.section_for(inspection, key)
    form = AgreeSectionForm(request.POST)
    if form.is_valid():
        try:
            services.report_section_agree(
                section=section, user=request.user, version=form.cleaned_data["version"]
            )
            messages.success(request, f"You agreed “{section.title}”.")
        except StaleVersionError:
            messages.error(
                request, f"“{section.title}” changed after you read it: read it again first."
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("reports:sections", pk=pk)
    messages.error(request, "The section could not be agreed.")
    return redirect("reports:sections", pk=pk)


@login_required
@require_GET
def history(request, pk, key):
    inspection = selectors.inspection_for_team(request.user, pk)
    section = selectors.section_for(inspection, key)
    revisions = selectors.section_history(section)
    for revision in revisions:
        revision.text_diff = _as_diff(revision.diff)
    return render(
        request,
        "reports/sections/history.html",
        {"inspection": inspection, "section": section, "revisions": revisions},
    )

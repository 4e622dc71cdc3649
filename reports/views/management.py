"""The team's report of an inspection: key findings, generation, factual accuracy, publication
and the written statement of action, all on one page; and the admins' overdue list.

Each form goes to its service through `jtai.forms.service_errors`: a broken rule shows on the
form (400), a refusal of the role is a 403, and anything the user may not see is a 404."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from inspections.models import Status
from inspections.permissions import team_membership
from inspections.workdays import add_working_days
from jtai import clock
from jtai.forms import render_form, service_errors, service_errors_as_messages
from jtai.page_cache import PUBLICATION_TTL, cached_page

from .. import permissions, selectors, services
from ..forms import (
    AcceptActionPlanForm,
    ActionPlanForm,
    CommentForm,
    DiffForm,
    FactualAccuracySendForm,
    GenerateForm,
    KeyFindingsForm,
    PublishForm,
    RespondForm,
    RetryForm,
    RevokeLinkForm,
)
from ..models import FactualAccuracyComment, JobStatus, VersionKind

PAGE = "reports/manage.html"
WAITING_MESSAGE = (
    "The report is waiting for the queue, which cannot be reached just now. Nothing is lost: "
    "it starts by itself when the queue is back."
)


def _report_sections(inspection):
    """The sections as the page lists them; created first if the report lacks any while its
    text may still change (the first visit)."""
    sections = selectors.section_summaries(inspection)
    if inspection.status in services.sections.EDITABLE_STATES and not (
        services.sections.report_sections_complete(inspection, (s.key for s in sections))
    ):
        services.report_sections_ensure(inspection=inspection)
        sections = selectors.section_summaries(inspection)
    return sections


def _manage_context(request, inspection, **forms_):
    """What the page shows. Each part is read only when the page shows it: the requests for
    factual accuracy once there is a factual-accuracy version, the publication once there is a
    final one (a request or a publication is only ever made of one), the contacts only for
    the form that sends to them."""
    user = request.user
    if not hasattr(inspection, "team_role"):  # found by a form's view, without the role
        member = team_membership(user, inspection)
        inspection.team_role = member.role if member else None
    is_lead = permissions.can_write_report(user, inspection, role=inspection.team_role)
    can_record = permissions.can_record_action_plan(user, inspection, role=inspection.team_role)
    sections = _report_sections(inspection)
    findings = next(
        (s for s in sections if s.key in services.sections.KEY_FINDINGS_KEYS.values()), None
    )
    findings_text = findings.shown_text if findings else ""
    versions = selectors.version_rows_for(inspection)
    jobs = selectors.jobs_for(inspection)
    for job in jobs:
        job.stalled = services.job_is_stalled(job)
    active = [j for j in jobs if j.is_active and not j.stalled]
    fa_version = next((v for v in versions if v.kind == VersionKind.FACTUAL_ACCURACY), None)
    final = next((v for v in versions if v.kind == VersionKind.FINAL), None)
    requests_ = selectors.factual_accuracy_requests_for(inspection) if fa_version else []
    if any(c for r in requests_ for c in r.comments.all()):
        changes = selectors.comment_changes(inspection)
        for fa_request in requests_:
            for comment in fa_request.comments.all():
                comment.changes = changes.get(comment.pk, [])
    fa_form = forms_.get("fa_form")
    if fa_form is None and not requests_ and fa_version and is_lead:
        # Nobody is chosen for the lead: each recipient is ticked on purpose.
        fa_form = FactualAccuracySendForm(contacts=selectors.area_contacts(inspection))
    publication, action_plan = (
        selectors.publication_and_action_plan_of(inspection) if final else (None, None)
    )
    if publication is not None:
        publication.inspection = inspection  # its due dates are the framework's
    blockers = services.generation_blockers(inspection)
    allowed_kinds = [k for k, states in services.KIND_STATES.items() if inspection.status in states]
    generate_form = forms_.get("generate_form") or GenerateForm(
        initial={"kind": allowed_kinds[0] if allowed_kinds else None}
    )
    generate_form.fields["kind"].choices = [
        (k.value, k.label) for k in VersionKind if k in allowed_kinds
    ]
    return {
        "inspection": inspection,
        "now": clock.now(),
        "is_lead": is_lead,
        "sections": sections,
        "findings": findings,
        "findings_text": findings_text,
        "sections_waiting": [s for s in sections if s.status != "agreed"],
        "findings_form": forms_.get("findings_form")
        or KeyFindingsForm(initial={"key_findings": findings_text}),
        "blockers": blockers,
        "allowed_kinds": allowed_kinds,
        "generate_form": generate_form,
        "jobs": jobs,
        "active_jobs": active,
        "versions": versions,
        "diff_form": (
            DiffForm(versions=versions, initial={"a": versions[1].pk, "b": versions[0].pk})
            if len(versions) > 1
            else None
        ),
        "fa_version": fa_version,
        "final": final,
        "fa_form": fa_form,
        "fa_requests": requests_,
        "comment_form": forms_.get("comment_form") or CommentForm(),
        "comment_form_request": forms_.get("comment_form_request"),
        "respond_forms": forms_.get("respond_forms") or {},
        "pending_comments": sum(
            1
            for r in requests_
            for c in r.comments.all()
            if c.response == FactualAccuracyComment.Response.PENDING
        ),
        "publication": publication,
        "pre_publication_due": (
            services.pre_publication_copy_due(publication) if publication else None
        ),
        "pre_publication_copies": (
            list(publication.pre_publication_copies.all()) if publication else []
        ),
        "publish_form": forms_.get("publish_form") or PublishForm(initial={"when": "now"}),
        "action_plan": action_plan,
        "action_plan_form": forms_.get("action_plan_form") or ActionPlanForm(),
        "can_record_action_plan": can_record,
        "can_accept_action_plan": permissions.can_accept_action_plan(user),
    }


def _render_manage(request, inspection, **forms_):
    """The page, with whichever submitted form failed (then 400) shown with its errors."""
    context = _manage_context(request, inspection, **forms_)
    names = ("findings_form", "generate_form", "fa_form", "comment_form", "publish_form")
    all_forms = [
        *(context[n] for n in names),
        context["action_plan_form"],
        *context["respond_forms"].values(),
        *(forms_.get(n) for n in ("retry_form", "accept_form")),
    ]
    context["error_forms"] = [f for f in all_forms if f is not None and f.is_bound and f.errors]
    return render_form(request, PAGE, context, *all_forms)


def _back(pk):
    return redirect("reports:inspection", pk=pk)


@login_required
@cached_page(ttl=PUBLICATION_TTL)
def manage(request, pk):
    inspection = selectors.inspection_with_role_for_team(request.user, pk)
    return _render_manage(request, inspection)


@login_required
@require_POST
def key_findings(request, pk):
    inspection = selectors.inspection_for_team(request.user, pk)
    form = KeyFindingsForm(request.POST)
    if form.is_valid():
        with service_errors(form):
            services.report_draft_update(
                inspection=inspection,
                user=request.user,
                key_findings=form.cleaned_data["key_findings"],
            )
            messages.success(request, "The key findings are saved.")
            return _back(pk)
    return _render_manage(request, inspection, findings_form=form)


@login_required
@require_POST
def generate(request, pk):
    inspection = selectors.inspection_for_team(request.user, pk)
    form = GenerateForm(request.POST)
    form.fields["kind"].choices = VersionKind.choices
    if form.is_valid():
        with service_errors(form):
            job = services.report_job_create(
                inspection=inspection, user=request.user, kind=form.cleaned_data["kind"]
            )
            if job.status == JobStatus.WAITING:
                messages.warning(request, WAITING_MESSAGE)
            else:
                messages.success(
                    request,
                    "The report is queued. This page shows its progress as it is generated.",
                )
            return _back(pk)
    return _render_manage(request, inspection, generate_form=form)


@login_required
@require_POST
def retry(request, pk, job_pk):
    inspection = selectors.inspection_for_team(request.user, pk)
    job = selectors.job_for(inspection, job_pk)
    form = RetryForm(request.POST)
    if form.is_valid():
        with service_errors(form):
            job = services.report_job_retry(job=job, user=request.user)
            if job.status == JobStatus.WAITING:
                messages.warning(request, WAITING_MESSAGE)
            else:
                messages.success(request, "The report is queued again.")
            return _back(pk)
    return _render_manage(request, inspection, retry_form=form)


@login_required
@require_POST
def factual_accuracy_send(request, pk):
    inspection = selectors.inspection_for_team(request.user, pk)
    form = FactualAccuracySendForm(request.POST, contacts=selectors.area_contacts(inspection))
    version = selectors.latest_factual_accuracy_version(inspection)
    if version is None and form.is_valid():
        form.add_error("contacts", "There is no factual accuracy version to send.")
    if form.is_valid():
        recipients = services.recipients_from_contacts(
            form.contact_objects[c] for c in form.cleaned_data["contacts"]
        )
        with service_errors(form):
            fa_request = services.factual_accuracy_send(
                version=version, user=request.user, recipients=recipients
            )
            if fa_request.emails_queued_at is None:
                messages.warning(
                    request,
                    f"The factual accuracy version is recorded as sent to {len(recipients)} "
                    "contacts. The emails are waiting for the queue, which cannot be reached "
                    "just now: they go by themselves when it is back.",
                )
            else:
                messages.success(
                    request,
                    f"The factual accuracy version was sent to {len(recipients)} contacts.",
                )
            return _back(pk)
    return _render_manage(request, inspection, fa_form=form)


@login_required
@require_POST
def factual_accuracy_comment(request, pk, request_pk):
    inspection = selectors.inspection_for_team(request.user, pk)
    fa_request = selectors.factual_accuracy_request_for(inspection, request_pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        with service_errors(form):
            services.factual_accuracy_comment_record(
                request=fa_request, user=request.user, **form.cleaned_data
            )
            messages.success(request, "The comment is recorded.")
            return _back(pk)
    return _render_manage(
        request, inspection, comment_form=form, comment_form_request=fa_request.pk
    )


@login_required
@require_POST
def factual_accuracy_respond(request, pk, comment_pk):
    inspection = selectors.inspection_for_team(request.user, pk)
    comment = selectors.factual_accuracy_comment_for(inspection, comment_pk)
    form = RespondForm(request.POST, prefix=f"c{comment.pk}")
    if form.is_valid():
        with service_errors(form):
            services.factual_accuracy_comment_respond(
                comment=comment,
                user=request.user,
                response=form.cleaned_data["response"],
                note=form.cleaned_data["response_note"],
            )
            messages.success(request, "Your response is recorded.")
            return _back(pk)
    return _render_manage(request, inspection, respond_forms={comment.pk: form})


@login_required
def factual_accuracy_link_revoke(request, pk, link_pk):
    """Revoke one recipient's link: a page asking to confirm (GET), then the revocation (POST)."""
    inspection = selectors.inspection_for_team(request.user, pk)
    link = selectors.factual_accuracy_link_for(inspection, link_pk)
    permissions.require_can_write_report(request.user, inspection)
    form = RevokeLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with service_errors(form):
            services.factual_accuracy_link_revoke(link=link, user=request.user)
            messages.success(request, f"{link.name}'s link no longer works.")
            return _back(pk)
    return render_form(
        request,
        "reports/link_revoke.html",
        {"inspection": inspection, "link": link, "form": form},
        form,
    )


@login_required
@require_POST
def publish(request, pk):
    inspection = selectors.inspection_for_team(request.user, pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        with service_errors(form):
            publication = services.report_publish(
                inspection=inspection,
                user=request.user,
                publish_at=form.cleaned_data.get("publish_at"),
            )
            when = timezone.localtime(publication.publish_at)
            messages.success(
                request,
                "The report is published."
                if publication.is_public
                else f"The report will be published at {when:%H:%M} on {when:%-d %B %Y}.",
            )
            return _back(pk)
    return _render_manage(request, inspection, publish_form=form)


# Room for the multipart envelope and the form's other fields around the file itself.
ACTION_PLAN_MAX_REQUEST_BYTES = services.ACTION_PLAN_MAX_BYTES + 64 * 1024


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


# CSRF is checked inside (by `csrf_protect`), after the size: the check reads the form, and an
# over-size body is refused before anything parses it.
@csrf_exempt
@login_required
@require_POST
def action_plan(request, pk):
    inspection = selectors.inspection_for_team(request.user, pk)
    plan = selectors.action_plan_for(inspection)
    if _declared_length(request) > ACTION_PLAN_MAX_REQUEST_BYTES:
        form = ActionPlanForm(data={}, files={})
        form.full_clean()
        form.errors["document"] = form.error_class([services.action_plans.TOO_LARGE])
        return _render_manage(request, inspection, action_plan_form=form)
    return _action_plan_post(request, pk, inspection, plan)


@csrf_protect
def _action_plan_post(request, pk, inspection, plan):
    if request.POST.get("accept"):
        accept_form = AcceptActionPlanForm(request.POST)
        if accept_form.is_valid():
            with service_errors(accept_form):
                services.action_plan_accept(action_plan=plan, user=request.user)
                messages.success(request, "The written statement of action is accepted.")
                return _back(pk)
        return _render_manage(request, inspection, accept_form=accept_form)
    form = ActionPlanForm(request.POST, request.FILES)
    if form.is_valid():
        with service_errors(form):
            services.action_plan_submit(
                action_plan=plan, user=request.user, document=form.cleaned_data["document"]
            )
            messages.success(request, "The written statement of action is recorded.")
            return _back(pk)
    return _render_manage(request, inspection, action_plan_form=form)


@login_required
@require_POST
def pre_publication_copy(request, pk):
    inspection = selectors.inspection_for_team(request.user, pk)
    publication = selectors.publication_of(inspection)
    if publication is None:
        raise Http404("The report has not been published.")
    with service_errors_as_messages(request):
        copy = services.pre_publication_copy_send(publication=publication, user=request.user)
        messages.success(request, f"The pre-publication copy was sent to {copy.name}.")
    return _back(pk)


# Check before acting ----------------------------------------------------------------------------
# Sending for factual accuracy and publishing cannot be undone: the manage page's forms come
# here first, to a page that says exactly what will happen and to whom (GOV.UK's "check your
# answers"). Its "Confirm and ..." button posts the same answers to the view that acts.


def _answers(request) -> list[tuple[str, str]]:
    """The answers posted, to post again from the check page as hidden fields."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        for value in values
    ]


@login_required
@require_POST
def factual_accuracy_confirm(request, pk):
    inspection = selectors.inspection_for_team(request.user, pk)
    permissions.require_can_write_report(request.user, inspection)
    form = FactualAccuracySendForm(request.POST, contacts=selectors.area_contacts(inspection))
    version = selectors.latest_factual_accuracy_version(inspection)
    if version is None and form.is_valid():
        form.add_error("contacts", "There is no factual accuracy version to send.")
    if not form.is_valid():
        return _render_manage(request, inspection, fa_form=form)
    now = clock.now()
    return render(
        request,
        "reports/confirm_factual_accuracy.html",
        {
            "inspection": inspection,
            "version": version,
            "recipients": [form.contact_objects[c] for c in form.cleaned_data["contacts"]],
            "expires_at": now + datetime.timedelta(days=services.FACTUAL_ACCURACY_LINK_DAYS),
            "comments_due": add_working_days(clock.today(), services.FACTUAL_ACCURACY_WORKING_DAYS),
            "moves_status": inspection.status == Status.MODERATION,
            "answers": _answers(request),
        },
    )


@login_required
@require_POST
def publish_confirm(request, pk):
    inspection = selectors.inspection_for_team(request.user, pk)
    permissions.require_can_write_report(request.user, inspection)
    form = PublishForm(request.POST)
    final = next(
        (v for v in selectors.versions_for(inspection) if v.kind == VersionKind.FINAL), None
    )
    if final is None and form.is_valid():
        form.add_error("when", "There is no final version to publish.")
    if not form.is_valid():
        return _render_manage(request, inspection, publish_form=form)
    publish_at = form.cleaned_data.get("publish_at")
    moment = timezone.localtime(publish_at or clock.now())
    days = inspection.framework_version.action_plan_working_days
    return render(
        request,
        "reports/confirm_publish.html",
        {
            "inspection": inspection,
            "version": final,
            "publish_at": publish_at,
            "embargoed": publish_at is not None,
            "action_plan_days": days,
            "action_plan_due": add_working_days(moment.date(), days) if days else None,
            "answers": _answers(request),
        },
    )

"""The written statement of action, after publication: the area's nominated contact submits it
on behalf of the director of children's services; the team reads it, records one received by
email, and each participating inspectorate's lead evaluates it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jtai import clock
from jtai.exceptions import ApplicationError, ConflictError
from jtai.forms import GovukDateField, add_service_errors, render_form, service_errors
from jtai.storage import private_file_response

from .. import permissions, selectors
from ..forms import ActionPlanForm
from ..models import ActionPlanStatus, EvaluationOutcome
from ..services import action_plans as services

# Room for the multipart envelope and the form's other fields around the file itself.
MAX_REQUEST_BYTES = services.ACTION_PLAN_MAX_BYTES + 64 * 1024


class ReceivedActionPlanForm(ActionPlanForm):
    """A statement the area sent by email, recorded by the team with the day it arrived."""

    submitted_on = GovukDateField(
        label="Date received",
        required=False,
        help_text="The day the area sent it. Leave empty for today. For example, 11 5 2018",
    )


class EvaluationForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Is the written statement of action adequate?",
        choices=EvaluationOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select adequate or not adequate"},
    )
    comment = forms.CharField(
        label="Comments",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The area reads these when the statement is returned. Required if not adequate.",
    )


def _too_large(request) -> bool:
    """Judged from the declared length, before the body is read."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES
    except ValueError:
        return False


def _too_large_form(form_class):
    form = form_class(data={}, files={})
    form.full_clean()
    form.errors.clear()
    form.add_error("document", services.TOO_LARGE)
    return form


# The area's nominated contact ------------------------------------------------------------------


def _contact_context(plan, form):
    inspection = plan.publication.inspection
    evaluations = selectors.action_plan_evaluations(plan)
    returned = [
        e
        for e in evaluations
        if plan.status == ActionPlanStatus.RETURNED and e.submission == plan.submission
    ]
    return {
        "plan": plan,
        "inspection": inspection,
        "on_behalf_of": plan.submitted_on_behalf_of
        or services.director_of_childrens_services(inspection),
        "returned_comments": returned,
        "can_submit": plan.status in (ActionPlanStatus.AWAITED, ActionPlanStatus.RETURNED)
        or (plan.status == ActionPlanStatus.SUBMITTED and not evaluations_of_current(plan)),
        "form": form,
    }


def evaluations_of_current(plan) -> bool:
    return plan.evaluations.filter(submission=plan.submission).exists()


# CSRF is checked inside (by `csrf_protect`), after the size: the check reads the form, and an
# over-size body is refused before anything parses it.
@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def submit(request, pk):
    """The contact's page: the statement's due date, the inspectorates' comments when it was
    returned, and the upload, on behalf of the director of children's services."""
    plan = selectors.contact_action_plan(request.user, pk)
    if request.method == "POST" and _too_large(request):
        form = _too_large_form(ActionPlanForm)
        context = _contact_context(plan, form)
        return render_form(request, "reports/action_plan_submit.html", context, form)
    return _submit(request, pk, plan)


@csrf_protect
def _submit(request, pk, plan):
    form = ActionPlanForm()
    if request.method == "POST":
        form = ActionPlanForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.action_plan_submit(
                    action_plan=plan, user=request.user, document=form.cleaned_data["document"]
                )
            except ApplicationError as error:
                add_service_errors(form, error, default_field="document")
                if isinstance(error, ConflictError):
                    context = _contact_context(plan, form)
                    return render(request, "reports/action_plan_submit.html", context, status=409)
            else:
                messages.success(request, "The written statement of action has been submitted.")
                return redirect("reports:action-plan-submit", pk)
    return render_form(
        request, "reports/action_plan_submit.html", _contact_context(plan, form), form
    )


# The team ----------------------------------------------------------------------------------------


def _team_context(request, inspection, plan, *, evaluation_form=None, received_form=None):
    user = request.user
    evaluations = selectors.action_plan_evaluations(plan)
    mine = permissions.evaluating_inspectorate(user, inspection)
    current = [e for e in evaluations if e.submission == plan.submission and plan.submission]
    own = next((e for e in current if mine and e.inspectorate_id == mine.pk), None)
    if evaluation_form is None and mine is not None:
        evaluation_form = EvaluationForm(
            initial={"outcome": own.outcome, "comment": own.comment} if own else None
        )
    participating = list(inspection.inspectorates.order_by("order", "name"))
    by_inspectorate = {e.inspectorate_id: e for e in current}
    return {
        "inspection": inspection,
        "plan": plan,
        "evaluations": evaluations,
        "current_rows": [(i, by_inspectorate.get(i.pk)) for i in participating],
        "earlier": [e for e in evaluations if e.submission != plan.submission],
        "evaluating_for": mine,
        "can_evaluate": mine is not None and plan.status == ActionPlanStatus.SUBMITTED,
        "evaluation_form": evaluation_form,
        "can_record": permissions.can_record_action_plan(user, inspection)
        and plan.status != ActionPlanStatus.ACCEPTED
        and not (plan.status == ActionPlanStatus.SUBMITTED and current),
        "received_form": received_form or ReceivedActionPlanForm(),
        "can_close": permissions.can_accept_action_plan(user)
        and plan.status == ActionPlanStatus.ACCEPTED
        and inspection.status != "closed",
        "is_overdue": plan.is_overdue(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def evaluation(request, pk):
    """The team's page of the statement: its submissions, downloads and evaluations; a
    participating inspectorate's lead records theirs here."""
    inspection = selectors.inspection_for_team(request.user, pk)
    plan = selectors.action_plan_for(inspection)
    form = None
    if request.method == "POST":
        permissions.require_can_evaluate_action_plan(request.user, inspection)
        form = EvaluationForm(request.POST)
        if form.is_valid():
            try:
                services.action_plan_evaluate(
                    action_plan=plan,
                    user=request.user,
                    outcome=form.cleaned_data["outcome"],
                    comment=form.cleaned_data["comment"],
                )
            except ConflictError as error:
                # Every inspectorate has evaluated it meanwhile: the evaluations stand.
                add_service_errors(form, error, default_field="outcome")
                context = _team_context(request, inspection, plan, evaluation_form=form)
                return render(request, "reports/action_plan.html", context, status=409)
            except ApplicationError as error:
                add_service_errors(form, error, default_field="outcome")
            else:
                messages.success(request, "Your evaluation is recorded.")
                return redirect("reports:action-plan-evaluation", pk)
    context = _team_context(request, inspection, plan, evaluation_form=form)
    return render_form(request, "reports/action_plan.html", context, form)


@csrf_exempt
@login_required
@require_POST
def received(request, pk):
    """An admin or the overall lead records a statement that arrived by email."""
    inspection = selectors.inspection_for_team(request.user, pk)
    plan = selectors.action_plan_for(inspection)
    permissions.require_can_record_action_plan(request.user, inspection)
    if _too_large(request):
        form = _too_large_form(ReceivedActionPlanForm)
        context = _team_context(request, inspection, plan, received_form=form)
        return render_form(request, "reports/action_plan.html", context, form)
    return _received(request, pk, inspection, plan)


@csrf_protect
def _received(request, pk, inspection, plan):
    form = ReceivedActionPlanForm(request.POST, request.FILES)
    if form.is_valid():
        with service_errors(form, default_field="document"):
            services.action_plan_submit(
                action_plan=plan,
                user=request.user,
                document=form.cleaned_data["document"],
                submitted_on=form.cleaned_data.get("submitted_on"),
            )
            messages.success(request, "The written statement of action is recorded.")
            return redirect("reports:action-plan-evaluation", pk)
    context = _team_context(request, inspection, plan, received_form=form)
    return render_form(request, "reports/action_plan.html", context, form)


@login_required
@require_GET
@cache_control(private=True, no_store=True)
def action_plan_document(request, pk):
    """The submitted statement of action, for the inspection team (and admins) only."""
    inspection = selectors.inspection_for_team(request.user, pk)
    plan = selectors.action_plan_for(inspection)
    if not plan.document:
        raise Http404("No statement of action has been submitted.")
    return private_file_response(
        request,
        plan.document,
        content_type="application/pdf",
        filename=f"{inspection.reference}-statement-of-action.pdf",
    )


@login_required
def overdue_action_plans(request):
    """For admins: every written statement of action past its due date."""
    permissions.require_can_see_overdue_action_plans(request.user)
    today = clock.today()
    plans = selectors.overdue_action_plans(request.user, today)
    return render(request, "reports/overdue.html", {"plans": plans, "today": today})

"""Report pages: the team's workflow (generate, versions, factual accuracy, publish) and the
public register (HTML, PDF, Atom feed, CSV open data)."""

from __future__ import annotations

import csv

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_POST

from agencies.models import AreaContact, LocalAuthority, Region
from inspections.models import Framework, Theme
from inspections.permissions import is_overall_lead
from jtai import clock
from jtai.exceptions import ApplicationError

from . import services
from .forms import (
    ActionPlanForm,
    CommentForm,
    DiffForm,
    FactualAccuracySendForm,
    GenerateForm,
    KeyFindingsForm,
    PublishForm,
    RespondForm,
)
from .models import (
    ActionPlan,
    FactualAccuracyComment,
    FactualAccuracyRequest,
    Publication,
    ReportDraft,
    ReportJob,
    ReportVersion,
    VersionKind,
)
from .rendering import render_publication_html, snapshot_diff
from .selectors import (
    inspection_for_team,
    jobs_for,
    public_publications,
    publication_for,
    versions_for,
)
from .tasks import DOWNLOAD_SALT

REFRESH_SECONDS = 3


def _apply_errors(form, exc: ApplicationError) -> None:
    placed = False
    for field, errors in exc.fields.items():
        for error in errors:
            if field in form.fields:
                form.add_error(field, error)
                placed = True
    if not placed:
        form.add_error(None, exc.message)


def _manage_context(request, inspection, **forms_):
    user = request.user
    lead = is_overall_lead(user, inspection)
    draft = ReportDraft.objects.filter(inspection=inspection).first()
    versions = list(versions_for(inspection))
    jobs = jobs_for(inspection)
    for job in jobs:
        job.stalled = services.job_is_stalled(job)
    active = [j for j in jobs if j.is_active and not j.stalled]
    contacts = list(AreaContact.objects.filter(authority=inspection.authority))
    requests_ = list(
        FactualAccuracyRequest.objects.filter(version__inspection=inspection)
        .select_related("version", "sent_by")
        .prefetch_related("comments")
    )
    publication = (
        Publication.objects.filter(inspection=inspection).select_related("version").first()
    )
    action_plan = (
        ActionPlan.objects.filter(publication=publication).first() if publication else None
    )
    blockers = services.generation_blockers(inspection)
    allowed_kinds = [k for k, states in services.KIND_STATES.items() if inspection.status in states]
    generate_form = forms_.get("generate_form") or GenerateForm(
        initial={"kind": allowed_kinds[0] if allowed_kinds else None}
    )
    generate_form.fields["kind"].choices = [
        (k.value, k.label) for k in VersionKind if k in allowed_kinds
    ]
    fa_version = next((v for v in versions if v.kind == VersionKind.FACTUAL_ACCURACY), None)
    final = next((v for v in versions if v.kind == VersionKind.FINAL), None)
    return {
        "inspection": inspection,
        "is_lead": lead,
        "draft": draft,
        "findings_form": forms_.get("findings_form")
        or KeyFindingsForm(initial={"key_findings": draft.key_findings if draft else ""}),
        "blockers": blockers,
        "allowed_kinds": allowed_kinds,
        "generate_form": generate_form,
        "jobs": jobs,
        "active_jobs": active,
        "refresh_seconds": REFRESH_SECONDS if active else None,
        "versions": versions,
        "diff_form": (
            DiffForm(versions=versions, initial={"a": versions[1].pk, "b": versions[0].pk})
            if len(versions) > 1
            else None
        ),
        "fa_version": fa_version,
        "final": final,
        "fa_form": forms_.get("fa_form")
        or FactualAccuracySendForm(
            contacts=contacts, initial={"contacts": [str(c.pk) for c in contacts]}
        ),
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
        "publish_form": forms_.get("publish_form") or PublishForm(initial={"when": "now"}),
        "action_plan": action_plan,
        "action_plan_form": forms_.get("action_plan_form") or ActionPlanForm(),
        "can_record_action_plan": lead or user.is_admin,
    }


def _render_manage(request, inspection, status=200, **forms_):
    context = _manage_context(request, inspection, **forms_)
    names = ("findings_form", "generate_form", "fa_form", "comment_form", "publish_form")
    context["error_forms"] = [
        f
        for f in [*(context[n] for n in names), context["action_plan_form"]]
        + list(context["respond_forms"].values())
        if f.is_bound and f.errors
    ]
    return render(request, "reports/manage.html", context, status=status)


@login_required
def manage(request, pk):
    inspection = inspection_for_team(request.user, pk)
    return _render_manage(request, inspection)


@login_required
@require_POST
def key_findings(request, pk):
    inspection = inspection_for_team(request.user, pk)
    form = KeyFindingsForm(request.POST)
    if form.is_valid():
        try:
            services.report_draft_update(
                inspection=inspection,
                user=request.user,
                key_findings=form.cleaned_data["key_findings"],
            )
        except ApplicationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "The key findings are saved.")
            return redirect("inspections:moderation:report", pk=pk)
    return _render_manage(request, inspection, status=400, findings_form=form)


@login_required
@require_POST
def generate(request, pk):
    inspection = inspection_for_team(request.user, pk)
    form = GenerateForm(request.POST)
    form.fields["kind"].choices = VersionKind.choices
    if form.is_valid():
        try:
            services.report_job_create(
                inspection=inspection, user=request.user, kind=form.cleaned_data["kind"]
            )
        except ApplicationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request, "The report is queued. This page shows its progress as it is generated."
            )
            return redirect("inspections:moderation:report", pk=pk)
    return _render_manage(request, inspection, status=400, generate_form=form)


@login_required
@require_POST
def retry(request, pk, job_pk):
    inspection = inspection_for_team(request.user, pk)
    job = get_object_or_404(ReportJob, pk=job_pk, inspection=inspection)
    try:
        services.report_job_retry(job=job, user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The report is queued again.")
    return redirect("inspections:moderation:report", pk=pk)


@login_required
def version_pdf(request, pk, version_pk):
    inspection = inspection_for_team(request.user, pk)
    version = get_object_or_404(ReportVersion, pk=version_pk, inspection=inspection)
    name = f"{inspection.reference}-{version.label.lower().replace(' ', '-')}.pdf"
    return FileResponse(version.pdf.open("rb"), content_type="application/pdf", filename=name)


@login_required
def version_preview(request, pk, version_pk):
    inspection = inspection_for_team(request.user, pk)
    version = get_object_or_404(ReportVersion, pk=version_pk, inspection=inspection)
    return render(
        request,
        "reports/version.html",
        {
            "inspection": inspection,
            "version": version,
            "r": version.snapshot,
            "body": render_publication_html(version.snapshot),
        },
    )


@login_required
def compare(request, pk):
    inspection = inspection_for_team(request.user, pk)
    versions = list(versions_for(inspection))
    form = DiffForm(request.GET or None, versions=versions)
    lines = None
    older = newer = None
    if form.is_bound and form.is_valid():
        by_pk = {v.pk: v for v in ReportVersion.objects.filter(inspection=inspection)}
        older, newer = by_pk[form.cleaned_data["a"]], by_pk[form.cleaned_data["b"]]
        if older.number > newer.number:
            older, newer = newer, older
        lines = [
            (
                "add"
                if line.startswith("+") and not line.startswith("+++")
                else "del"
                if line.startswith("-") and not line.startswith("---")
                else "hunk"
                if line.startswith("@@")
                else "same",
                line,
            )
            for line in snapshot_diff(
                older.snapshot, newer.snapshot, old_label=older.label, new_label=newer.label
            )
        ]
    return render(
        request,
        "reports/compare.html",
        {
            "inspection": inspection,
            "form": form,
            "lines": lines,
            "older": older,
            "newer": newer,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
@require_POST
def factual_accuracy_send(request, pk):
    inspection = inspection_for_team(request.user, pk)
    contacts = list(AreaContact.objects.filter(authority=inspection.authority))
    form = FactualAccuracySendForm(request.POST, contacts=contacts)
    version = (
        ReportVersion.objects.filter(inspection=inspection, kind=VersionKind.FACTUAL_ACCURACY)
        .order_by("-number")
        .first()
    )
    if form.is_valid():
        recipients = [
            {
                "name": form.contact_objects[c].name,
                "role": form.contact_objects[c].get_role_display(),
                "email": form.contact_objects[c].email,
            }
            for c in form.cleaned_data["contacts"]
        ]
        try:
            if version is None:
                raise ApplicationError(
                    "Generate the factual accuracy version first.",
                    fields={"contacts": ["There is no factual accuracy version to send."]},
                )
            services.factual_accuracy_send(
                version=version, user=request.user, recipients=recipients
            )
        except ApplicationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request, f"The factual accuracy version was sent to {len(recipients)} contacts."
            )
            return redirect("inspections:moderation:report", pk=pk)
    return _render_manage(request, inspection, status=400, fa_form=form)


@login_required
@require_POST
def factual_accuracy_comment(request, pk, request_pk):
    inspection = inspection_for_team(request.user, pk)
    fa_request = get_object_or_404(
        FactualAccuracyRequest, pk=request_pk, version__inspection=inspection
    )
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.factual_accuracy_comment_record(
                request=fa_request, user=request.user, **form.cleaned_data
            )
        except ApplicationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "The comment is recorded.")
            return redirect("inspections:moderation:report", pk=pk)
    return _render_manage(
        request, inspection, status=400, comment_form=form, comment_form_request=fa_request.pk
    )


@login_required
@require_POST
def factual_accuracy_respond(request, pk, comment_pk):
    inspection = inspection_for_team(request.user, pk)
    comment = get_object_or_404(
        FactualAccuracyComment.objects.select_related("request__version__inspection"),
        pk=comment_pk,
        request__version__inspection=inspection,
    )
    form = RespondForm(request.POST, prefix=f"c{comment.pk}")
    if form.is_valid():
        try:
            services.factual_accuracy_comment_respond(
                comment=comment,
                user=request.user,
                response=form.cleaned_data["response"],
                note=form.cleaned_data["response_note"],
            )
        except ApplicationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Your response is recorded.")
            return redirect("inspections:moderation:report", pk=pk)
    return _render_manage(request, inspection, status=400, respond_forms={comment.pk: form})


@login_required
@require_POST
def publish(request, pk):
    inspection = inspection_for_team(request.user, pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            publication = services.report_publish(
                inspection=inspection,
                user=request.user,
                publish_at=form.cleaned_data.get("publish_at"),
            )
        except ApplicationError as exc:
            _apply_errors(form, exc)
        else:
            when = timezone.localtime(publication.publish_at)
            messages.success(
                request,
                "The report is published."
                if publication.is_public
                else f"The report will be published at {when:%H:%M} on {when:%-d %B %Y}.",
            )
            return redirect("inspections:moderation:report", pk=pk)
    return _render_manage(request, inspection, status=400, publish_form=form)


@login_required
@require_POST
def action_plan(request, pk):
    inspection = inspection_for_team(request.user, pk)
    plan = get_object_or_404(ActionPlan, publication__inspection=inspection)
    if request.POST.get("accept"):
        try:
            services.action_plan_accept(action_plan=plan, user=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "The written statement of action is accepted.")
        return redirect("inspections:moderation:report", pk=pk)
    form = ActionPlanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.action_plan_submit(
                action_plan=plan, user=request.user, document=form.cleaned_data["document"]
            )
        except ApplicationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "The written statement of action is recorded.")
            return redirect("inspections:moderation:report", pk=pk)
    return _render_manage(request, inspection, status=400, action_plan_form=form)


# Factual accuracy download by the area (no account: a signed link that expires) -------------


def factual_accuracy_download(request, token):
    try:
        request_pk = signing.TimestampSigner(salt=DOWNLOAD_SALT).unsign(
            token, max_age=services.FACTUAL_ACCURACY_LINK_DAYS * 24 * 3600
        )
    except signing.SignatureExpired:
        return render(request, "reports/link_expired.html", status=410)
    except signing.BadSignature as exc:
        raise Http404("No such link") from exc
    fa_request = get_object_or_404(
        FactualAccuracyRequest.objects.select_related("version__inspection"), pk=request_pk
    )
    version = fa_request.version
    return FileResponse(
        version.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"{version.inspection.reference}-factual-accuracy.pdf",
    )


# The public register ---------------------------------------------------------------------------


class RegisterFilterForm(forms.Form):
    authority = forms.ModelChoiceField(
        label="Local authority",
        queryset=LocalAuthority.objects.filter(la_code__isnull=False),
        required=False,
        to_field_name="slug",
        empty_label="All local authorities",
    )
    region = forms.ChoiceField(
        label="Region", choices=[("", "All regions"), *Region.choices], required=False
    )
    framework = forms.ModelChoiceField(
        label="Inspection type",
        queryset=Framework.objects.all(),
        required=False,
        to_field_name="code",
        empty_label="All types",
    )
    theme = forms.ModelChoiceField(
        label="Theme",
        queryset=Theme.objects.all(),
        required=False,
        to_field_name="code",
        empty_label="All themes",
    )
    year = forms.TypedChoiceField(label="Year published", required=False, coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = clock.today().year
        self.fields["year"].choices = [("", "All years")] + [
            (y, str(y)) for y in range(this_year, 2014, -1)
        ]


def register(request):
    form = RegisterFilterForm(request.GET or None)
    publications = public_publications().order_by("-publish_at", "-id")
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            if data.get("authority"):
                publications = publications.filter(inspection__authority=data["authority"])
            if data.get("region"):
                publications = publications.filter(inspection__authority__region=data["region"])
            if data.get("framework"):
                publications = publications.filter(
                    inspection__framework_version__framework=data["framework"]
                )
            if data.get("theme"):
                publications = publications.filter(inspection__theme=data["theme"])
            if data.get("year"):
                publications = publications.filter(publish_at__year=data["year"])
        else:
            status = 400
            publications = publications.none()
    page = Paginator(publications, 20).get_page(request.GET.get("page"))
    return render(request, "reports/register.html", {"form": form, "page_obj": page}, status=status)


def detail(request, slug):
    publication = publication_for(request.user, slug)
    snapshot = publication.version.snapshot
    plan = ActionPlan.objects.filter(publication=publication).first()
    return render(
        request,
        "reports/detail.html",
        {
            "publication": publication,
            "r": snapshot,
            "body": render_publication_html(snapshot, due_date=plan.due_date if plan else None),
            "action_plan": plan,
            "embargoed": not publication.is_public,
        },
    )


def detail_pdf(request, slug):
    publication = publication_for(request.user, slug)
    return FileResponse(
        publication.version.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"{publication.slug}.pdf",
    )


class ReportsFeed(Feed):
    feed_type = Atom1Feed
    title = "Joint inspection reports"
    subtitle = "Reports of joint inspections of children's services in England, newest first."

    def link(self):
        return reverse("reports:register")

    def items(self):
        return public_publications().order_by("-publish_at", "-id")[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        inspection = item.inspection
        return (
            f"{inspection.framework_version.framework.name} in {inspection.authority.name}, "
            f"published {timezone.localtime(item.publish_at):%-d %B %Y}."
        )

    def item_link(self, item):
        return reverse("reports:detail", args=[item.slug])

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.publish_at


CSV_COLUMNS = [
    "report",
    "published",
    "local_authority",
    "gss_code",
    "region",
    "framework",
    "theme",
    "inspection_start",
    "inspection_end",
    "agency",
    "agency_type",
    "inspectorate",
    "judgement_area_code",
    "judgement_area",
    "grade",
]


def judgements_csv(request):
    """Open data: one row per agency and judgement area of every published report."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="published-judgements.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for publication in public_publications().order_by("publish_at", "id"):
        r = publication.version.snapshot
        common = [
            request.build_absolute_uri(reverse("reports:detail", args=[publication.slug])),
            timezone.localtime(publication.publish_at).date().isoformat(),
            r["authority"]["name"],
            r["authority"]["gss_code"],
            r["authority"]["region"],
            r["framework"]["name"],
            (r.get("theme") or {}).get("name", ""),
            r["dates"]["window_start"],
            r["dates"]["window_end"],
        ]
        for agency in r["agencies"]:
            for j in agency["judgements"]:
                writer.writerow(
                    common
                    + [
                        agency["name"],
                        agency["type"],
                        agency["inspectorate"]["short_name"],
                        j["area_code"],
                        j["area_title"],
                        j["grade_label"] or "Not graded",
                    ]
                )
        for shared in r["shared"]:
            writer.writerow(
                common
                + [
                    "All agencies (joint judgement)",
                    "Partnership",
                    "All inspectorates",
                    shared["area_code"],
                    shared["area_title"],
                    shared["grade_label"] or "Not graded",
                ]
            )
    return response


@login_required
def overdue_action_plans(request):
    """For admins: every written statement of action past its due date."""
    if not request.user.is_admin:
        raise PermissionDenied
    today = clock.today()
    plans = (
        ActionPlan.objects.filter(status="awaited", due_date__lt=today)
        .select_related("publication__inspection__authority")
        .order_by("due_date")
    )
    return render(request, "reports/overdue.html", {"plans": plans, "today": today})

"""Reads of reports, scoped to the user: the team's report of an inspection (found through
`inspection_for_team`, so everything else hangs off an inspection the user may see), and the
public register. What the user may not see is not found (404)."""

from __future__ import annotations

import datetime

from django.db.models import (
    Case,
    Exists,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.http import Http404
from django.shortcuts import get_object_or_404

from agencies.models import AreaContact
from inspections.models import Inspection, TeamMember
from inspections.permissions import visible_inspections
from jtai import clock

from .models import (
    KEY_FINDINGS_KEYS,
    ActionPlan,
    ActionPlanEvaluation,
    ActionPlanStatus,
    FactualAccuracyComment,
    FactualAccuracyLink,
    FactualAccuracyRequest,
    Publication,
    ReportJob,
    ReportSection,
    ReportSectionRevision,
    ReportVersion,
    VersionKind,
)
from .opendata import OpenDataJudgement

# The team's report of one inspection ---------------------------------------------------------


def inspection_for_team(user, pk) -> Inspection:
    """The inspection, if the user is on its team or an admin; otherwise 404."""
    return get_object_or_404(
        visible_inspections(user).select_related(
            "authority", "framework_version__framework", "theme"
        ),
        pk=pk,
    )


def inspection_with_role_for_team(user, pk) -> Inspection:
    """`inspection_for_team` as the report page shows it (its status, area, framework and the
    start of its window, which titles a section), with the user's role on its team
    (`team_role`, None without an active place) read in the same query: the page asks what
    the user may do there."""
    # One active place at most per user and inspection: no order to choose by.
    role = TeamMember.objects.filter(
        inspection=OuterRef("pk"), user=user, is_active=True
    ).order_by()
    return get_object_or_404(
        visible_inspections(user)
        .select_related("authority", "framework_version__framework")
        .only(
            "status",
            "window_start",
            "authority__name",
            "framework_version__report_form",
            "framework_version__action_plan_working_days",
            "framework_version__pre_publication_copy_working_days",
            "framework_version__framework__name",
        )
        .annotate(team_role=Subquery(role.values("role")[:1])),
        pk=pk,
    )


def section_summaries(inspection) -> list[ReportSection]:
    """The report's sections in order, as the report page lists them: key, title and status,
    and (as `shown_text`) the key findings' text alone: the other texts are not shown there."""
    findings_text = Case(
        When(key__in=sorted(set(KEY_FINDINGS_KEYS.values())), then="text"),
        default=Value(""),
        output_field=TextField(),
    )
    return list(
        ReportSection.objects.filter(inspection=inspection)
        .only("key", "title", "status", "order")
        .annotate(shown_text=findings_text)
        .order_by("order", "id")
    )


def sections_for(inspection) -> list[ReportSection]:
    """The report's sections in order, with their agreements and owners."""
    return list(
        ReportSection.objects.filter(inspection=inspection)
        .select_related("inspectorate", "agency", "updated_by", "inspection")
        .prefetch_related("agreements__inspectorate", "agreements__by")
        .order_by("order", "id")
    )


def section_for(inspection, key) -> ReportSection:
    """One section of the inspection's report; 404 for any other."""
    return get_object_or_404(
        ReportSection.objects.select_related("inspectorate", "agency", "updated_by"),
        inspection=inspection,
        key=key,
    )


def section_history(section) -> list[ReportSectionRevision]:
    """Every save of a section, newest first, each with its word diff from the one before
    (`revision.diff`) and the factual-accuracy comment it answered."""
    from inspections.recording.selectors import text_diff

    revisions = list(
        ReportSectionRevision.objects.filter(section=section)
        .select_related("by", "comment")
        .order_by("version")
    )
    previous = ""
    for revision in revisions:
        revision.diff = text_diff(previous, revision.text)
        revision.changed = any(op != "equal" for op, _ in revision.diff)
        previous = revision.text
    revisions.reverse()
    return revisions


def comment_changes(inspection) -> dict[int, list[ReportSectionRevision]]:
    """For each factual-accuracy comment, the section saves that answered it, each with its
    word diff from the save before (`revision.diff`) and its section (`revision.section`)."""
    from inspections.recording.selectors import text_diff

    answered = list(
        ReportSectionRevision.objects.filter(section__inspection=inspection, comment__isnull=False)
        .select_related("section")
        .defer("section__text")
        .order_by()  # sorted below, by when each was saved
    )
    if not answered:
        return {}
    before = {
        (r.section_id, r.version): r.text
        for r in ReportSectionRevision.objects.filter(section__in={r.section_id for r in answered})
        .only("section_id", "version", "text")
        .order_by()
    }
    changes: dict[int, list[ReportSectionRevision]] = {}
    for revision in sorted(answered, key=lambda r: (r.at, r.pk)):
        previous = before.get((revision.section_id, revision.version - 1), "")
        revision.diff = text_diff(previous, revision.text)
        changes.setdefault(revision.comment_id, []).append(revision)
    return changes


def versions_for(inspection) -> QuerySet[ReportVersion]:
    return (
        ReportVersion.objects.filter(inspection=inspection)
        .select_related("created_by")
        .defer("snapshot")
        .order_by("-number")
    )


def version_rows_for(inspection) -> list[ReportVersion]:
    """The versions as the report page's table lists them, newest first: what each is, who
    made it and when, and its PDF's size, pages and hash (not the snapshot, nor the maker's
    account beyond their name)."""
    return list(
        ReportVersion.objects.filter(inspection=inspection)
        .select_related("created_by")
        .only(
            "number",
            "kind",
            "draft_number",
            "pdf_sha256",
            "pdf_size",
            "page_count",
            "created_at",
            "created_by__username",
            "created_by__first_name",
            "created_by__last_name",
        )
        .order_by("-number")
    )


def version_for(inspection, pk) -> ReportVersion:
    """One version of the inspection's report (with its snapshot); 404 for any other."""
    return get_object_or_404(ReportVersion, pk=pk, inspection=inspection)


def versions_by_pk(inspection, pks) -> dict[int, ReportVersion]:
    """Versions of the inspection's report, with their snapshots, by id (for a comparison)."""
    return {v.pk: v for v in ReportVersion.objects.filter(inspection=inspection, pk__in=pks)}


def latest_factual_accuracy_version(inspection) -> ReportVersion | None:
    return (
        ReportVersion.objects.filter(inspection=inspection, kind=VersionKind.FACTUAL_ACCURACY)
        .order_by("-number")
        .first()
    )


def jobs_for(inspection, limit=5) -> list[ReportJob]:
    """The latest generation jobs, as the report page shows their progress (not who asked)."""
    return list(ReportJob.objects.filter(inspection=inspection)[:limit])


def job_for(inspection, pk) -> ReportJob:
    return get_object_or_404(ReportJob, pk=pk, inspection=inspection)


def job_for_user(user, pk) -> ReportJob:
    """A generation job of an inspection the user may see (with its version); otherwise 404."""
    return get_object_or_404(
        ReportJob.objects.filter(inspection__in=visible_inspections(user)).select_related(
            "version"
        ),
        pk=pk,
    )


def area_contacts(inspection) -> list[AreaContact]:
    """The area's leaders who may be sent the factual accuracy version."""
    return list(AreaContact.objects.filter(authority=inspection.authority))


def factual_accuracy_requests_for(inspection) -> list[FactualAccuracyRequest]:
    return list(
        # Not the version itself, whose snapshot is the whole report: its id says which.
        FactualAccuracyRequest.objects.filter(version__inspection=inspection)
        .select_related("sent_by")
        .prefetch_related("comments", "links")
    )


def factual_accuracy_request_for(inspection, pk) -> FactualAccuracyRequest:
    return get_object_or_404(FactualAccuracyRequest, pk=pk, version__inspection=inspection)


def factual_accuracy_comment_for(inspection, pk) -> FactualAccuracyComment:
    return get_object_or_404(
        FactualAccuracyComment.objects.select_related("request__version__inspection"),
        pk=pk,
        request__version__inspection=inspection,
    )


def factual_accuracy_comment_for_user(user, pk) -> FactualAccuracyComment:
    """A factual-accuracy comment on an inspection the user may see; otherwise 404."""
    return get_object_or_404(
        FactualAccuracyComment.objects.select_related("request__version__inspection").filter(
            request__version__inspection__in=visible_inspections(user)
        ),
        pk=pk,
    )


def factual_accuracy_link_by_id(pk) -> FactualAccuracyLink:
    """The recipient's link a signed token names (the link is the permission: no account)."""
    return get_object_or_404(
        FactualAccuracyLink.objects.select_related("request__version__inspection"), pk=pk
    )


def factual_accuracy_link_for(inspection, pk) -> FactualAccuracyLink:
    return get_object_or_404(
        FactualAccuracyLink.objects.select_related("request__version__inspection"),
        pk=pk,
        request__version__inspection=inspection,
    )


def factual_accuracy_link_for_user(user, pk) -> FactualAccuracyLink:
    """A recipient's link of an inspection the user may see; otherwise 404."""
    return get_object_or_404(
        FactualAccuracyLink.objects.select_related("request__version__inspection").filter(
            request__version__inspection__in=visible_inspections(user)
        ),
        pk=pk,
    )


def publication_of(inspection) -> Publication | None:
    """The inspection's publication with its version, less the version's snapshot (the
    whole report, which the pages that ask for this do not show)."""
    return (
        Publication.objects.filter(inspection=inspection)
        .select_related("version")
        .defer("version__snapshot")
        .first()
    )


def publication_and_action_plan_of(inspection) -> tuple[Publication | None, ActionPlan | None]:
    """`publication_of` with its written statement of action (if asked for yet), in one query."""
    publication = (
        Publication.objects.filter(inspection=inspection)
        .select_related("version", "action_plan")
        .defer("version__snapshot")
        .first()
    )
    if publication is None:
        return None, None
    try:
        return publication, publication.action_plan
    except ActionPlan.DoesNotExist:
        return publication, None


def action_plan_of(publication) -> ActionPlan | None:
    if publication is None:
        return None
    return ActionPlan.objects.filter(publication=publication).first()


def action_plan_for(inspection) -> ActionPlan:
    """The inspection's written statement of action; 404 when there is none (yet)."""
    return get_object_or_404(ActionPlan, publication__inspection=inspection)


def overdue_action_plans(user, today: datetime.date | None = None) -> QuerySet[ActionPlan]:
    """Statements of action still awaited after their due date (flagged from the day after):
    every one for admins, those of the inspections they lead for an overall lead, none for
    anyone else."""
    from inspections.models import TeamMember, TeamRole

    today = today or clock.today()
    plans = (
        ActionPlan.objects.filter(status=ActionPlanStatus.AWAITED, due_date__lt=today)
        .select_related("publication__inspection__authority")
        .order_by("due_date", "pk")
    )
    if not user.is_authenticated:
        return plans.none()
    if user.is_admin:
        return plans
    led = TeamMember.objects.filter(user=user, is_active=True, role=TeamRole.OVERALL_LEAD).values(
        "inspection_id"
    )
    return plans.filter(publication__inspection__in=led)


def action_plan_evaluations(plan) -> list[ActionPlanEvaluation]:
    """Every evaluation of the statement, newest submission first, with who made it."""
    return list(
        ActionPlanEvaluation.objects.filter(action_plan=plan)
        .select_related("inspectorate", "by")
        .order_by("-submission", "inspectorate__order", "pk")
    )


def contact_action_plan(user, pk) -> ActionPlan:
    """The statement of action of an inspection the user is the area's nominated contact
    for; 404 for any other inspection, or before the statement is asked for."""
    from inspections.information.permissions import contact_inspections

    return get_object_or_404(
        ActionPlan.objects.select_related(
            "publication__inspection__authority", "publication__inspection__framework_version"
        ),
        publication__inspection__in=contact_inspections(user),
        publication__inspection__pk=pk,
    )


def action_plan_for_user(user, pk) -> ActionPlan:
    """The statement of action of an inspection the user's team may see (API); else 404."""
    return get_object_or_404(
        ActionPlan.objects.select_related("publication__inspection__authority").filter(
            publication__inspection__in=visible_inspections(user)
        ),
        publication__inspection__pk=pk,
    )


# The public register -------------------------------------------------------------------------


UNGRADED = "not_graded"


def public_publications(now=None) -> QuerySet[Publication]:
    """Published reports anyone may read: the embargo has passed."""
    return Publication.objects.public(now or clock.now()).select_related(
        "inspection__authority",
        "inspection__framework_version__framework",
        "inspection__theme",
        "version",
    )


def register_publications(
    *,
    q="",
    authority=None,
    region=None,
    framework=None,
    theme=None,
    year=None,
    grade="",
) -> QuerySet[Publication]:
    """The public register, narrowed by whichever filters are given: newest first, or best
    match first when searching (`reports.search`). It loads what a list of reports shows and
    nothing else: never a version's snapshot, nor the stored words."""
    from .search import search

    publications = (
        Publication.objects.public(clock.now())
        .select_related(
            "inspection__authority", "inspection__framework_version__framework", "inspection__theme"
        )
        .defer("search_text", "search_vector")
        .order_by("-publish_at", "-id")
    )
    if authority:
        publications = publications.filter(inspection__authority=authority)
    if region:
        publications = publications.filter(inspection__authority__region=region)
    if framework:
        publications = publications.filter(inspection__framework_version__framework=framework)
    if theme:
        publications = publications.filter(inspection__theme=theme)
    if year:
        publications = publications.filter(publish_at__year=year)
    if grade:
        graded = OpenDataJudgement.objects.filter(
            publication=OuterRef("pk"), grade_code="" if grade == UNGRADED else grade
        )
        publications = publications.filter(Exists(graded))
    return search(publications, q) if q else publications


def publication_for(user, slug) -> Publication:
    """A publication by slug: public once its time has come; before, only the team and admins
    (everyone else gets 404, as if it did not exist)."""
    publication = get_object_or_404(
        Publication.objects.select_related(
            "inspection__authority", "inspection__framework_version__framework", "version"
        ),
        slug=slug,
    )
    if publication.is_public:
        return publication
    if visible_inspections(user).filter(pk=publication.inspection_id).exists():
        return publication
    raise Http404("No such report")

"""The report's rules in the inspection's lifecycle (registered at start-up).

Publishing needs a final version; sending for factual accuracy needs a factual-accuracy
version and every section agreed by the leads it concerns; starting moderation creates the
report's sections; publishing makes sure a `Publication` exists (publish now when the
lifecycle verb is used directly), and asking for the action plan creates it, due from the
publication time.
"""

from collections import defaultdict

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from inspections.lifecycle import Blocker, after, blocker, guard
from jtai import clock
from jtai.exceptions import ApplicationError


def _ids(inspections) -> list[int]:
    return [i.pk for i in inspections]


def _report_link(pk: int, name: str = "reports:inspection") -> str:
    return reverse(name, args=[pk])


@blocker("send_for_factual_accuracy")
def needs_factual_accuracy_version(inspections) -> dict[int, list[Blocker]]:
    from .models import ReportVersion, VersionKind

    ids = _ids(inspections)
    have = set(
        ReportVersion.objects.filter(
            inspection_id__in=ids, kind=VersionKind.FACTUAL_ACCURACY
        ).values_list("inspection_id", flat=True)
    )
    return {
        pk: [Blocker("Generate the factual accuracy version of the report first", _report_link(pk))]
        for pk in ids
        if pk not in have
    }


@blocker("send_for_factual_accuracy")
def needs_agreed_sections(inspections) -> dict[int, list[Blocker]]:
    """Every section of the report agreed by the leads it concerns (sections exist from the
    start of moderation)."""
    from .models import ReportSection, SectionStatus

    ids = _ids(inspections)
    waiting: dict[int, list[str]] = defaultdict(list)
    started = set(
        ReportSection.objects.filter(inspection_id__in=ids).values_list("inspection_id", flat=True)
    )
    for pk in ids:
        if pk not in started:
            waiting[pk].append("the report's sections have not been started")
    for pk, title in (
        ReportSection.objects.filter(inspection_id__in=ids)
        .exclude(status=SectionStatus.AGREED)
        .order_by("inspection_id", "order", "pk")
        .values_list("inspection_id", "title")
    ):
        waiting[pk].append(f"“{title}”")
    return {
        pk: [
            Blocker(
                "Every section must be agreed before factual accuracy. Not yet agreed: "
                + ", ".join(titles),
                _report_link(pk, "reports:sections"),
            )
        ]
        for pk, titles in waiting.items()
    }


@guard("send_for_factual_accuracy")
def needs_a_request_to_the_area(inspection, *, by, reason):
    """No shortcut past the emails: the verb follows a request sent to the area's contacts
    (`factual_accuracy_send`, from the report page or its API). Registered after the
    sections' guard, so a lead is first told what still needs agreeing."""
    from .models import FactualAccuracyRequest

    if not FactualAccuracyRequest.objects.filter(version__inspection=inspection).exists():
        raise ApplicationError(
            "Send the factual accuracy version to the area's contacts from the report: "
            "choosing who gets it sends their emails and moves the inspection on."
        )


@blocker("publish")
def needs_final_version(inspections) -> dict[int, list[Blocker]]:
    """A final version, which needs every factual-accuracy comment answered first."""
    from .models import FactualAccuracyComment, ReportVersion, VersionKind

    ids = _ids(inspections)
    have = set(
        ReportVersion.objects.filter(inspection_id__in=ids, kind=VersionKind.FINAL).values_list(
            "inspection_id", flat=True
        )
    )
    unanswered = dict(
        FactualAccuracyComment.objects.filter(
            request__version__inspection_id__in=[pk for pk in ids if pk not in have],
            response=FactualAccuracyComment.Response.PENDING,
        )
        .values_list("request__version__inspection_id")
        .annotate(n=Count("pk"))
        .values_list("request__version__inspection_id", "n")
    )
    found: dict[int, list[Blocker]] = {}
    for pk in ids:
        if pk in have:
            continue
        found[pk] = []
        if unanswered.get(pk):
            n = unanswered[pk]
            found[pk].append(
                Blocker(
                    f"{n} factual-accuracy comment{'s' if n != 1 else ''} not yet answered",
                    _report_link(pk),
                )
            )
        found[pk].append(
            Blocker("Generate the final version of the report before publishing", _report_link(pk))
        )
    return found


@blocker("await_action_plan")
def needs_public_report(inspections) -> dict[int, list[Blocker]]:
    """The written statement of action is asked for once the report is public, not while it
    is embargoed (its deadline runs from publication)."""
    from .models import Publication

    now = clock.now()
    found: dict[int, list[Blocker]] = {}
    for publication in Publication.objects.filter(
        inspection_id__in=_ids(inspections), publish_at__gt=now
    ):
        when = timezone.localtime(publication.publish_at)
        found[publication.inspection_id] = [
            Blocker(
                f"The report is embargoed until {when:%H:%M} on {when.day} {when:%B %Y}",
                _report_link(publication.inspection_id),
            )
        ]
    return found


@after("publish")
def ensure_publication(inspection, *, by, transition):
    from .models import Publication, ReportVersion, VersionKind
    from .services import publication_create

    if Publication.objects.filter(inspection=inspection).exists():
        return
    final = ReportVersion.objects.get(inspection=inspection, kind=VersionKind.FINAL)
    publication_create(inspection=inspection, version=final, by=by)


@after("await_action_plan")
def ensure_action_plan(inspection, *, by, transition):
    from .models import ActionPlan, Publication
    from .services import action_plan_due_date

    publication = Publication.objects.filter(inspection=inspection).first()
    if publication is None:
        return
    due = action_plan_due_date(publication)
    ActionPlan.objects.get_or_create(publication=publication, defaults={"due_date": due})
    inspection.action_plan_due_date = due
    inspection.save(update_fields=["action_plan_due_date"])


@after("start_moderation")
def create_report_sections(inspection, *, by, transition):
    from .services import report_sections_ensure

    report_sections_ensure(inspection=inspection)

"""Every browser page of the product, as paths filled in from the demo data.

`page_paths()` walks the URL configuration (so a new page cannot be forgotten), leaves out
what is not a page (files, feeds, API, health checks, the Django admin) and fills each
pattern's parameters from the demo's objects: one inspection per status, and for each
inspection its first judgement, case, evidence record, section and so on. A pattern left
without a path is reported by `unfilled()`, so a test can fail on it.
"""

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

# Not HTML pages (downloads, feeds, health checks) or not pages at all (sign out).
NOT_PAGES = {
    "healthz",
    "readyz",
    "logout",
    "access-records-export",
    "inspections:my-schedule-ics",
    "inspections:information:download",
    "reports:version-pdf",
    "reports:detail-pdf",
    "reports:feed",
    "reports:judgements-csv",
    "reports:action-plan-document",
    "reports:factual-accuracy-download",
}
# Actions answered only to a POST (a GET is refused with 405): forms on other pages.
POST_ONLY = {
    "inspections:transition",
    "inspections:my-schedule-reset",
    "inspections:information:contact-remove",
    "notifications:read",
    "notifications:read-all",
}
# The demo drafts no shared judgement (the LSCB): its pages are tested in tests/inspections.
ABSENT_FROM_DEMO = {"inspections:recording:shared", "inspections:recording:shared-agreement"}
SKIPPED_PREFIXES = ("api/", "django-admin/")
# Each of these demo accounts signs in once (an admin, a lead inspector, an inspector); None
# is the public, not signed in.
ROLES = ("admin", "lead", "cqc", None)
# The inspections whose pages are visited: one at each of these stages of the demo's journey
# (Haringey's published report with its action plan, Birmingham in moderation, Leeds in
# fieldwork, Nottingham notified), plus one with a shared judgement when there is one.
SHOWCASE_STATUSES = ("action_plan_due", "moderation", "fieldwork", "notified")


def url_patterns() -> Iterator[tuple[str, str, list[str]]]:
    """(name, route, parameter names) for every named page pattern."""

    def walk(patterns, prefix="", namespace="", params=()):
        for pattern in patterns:
            inner_params = (*params, *pattern.pattern.converters)
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}{pattern.namespace}:"
                route = prefix + str(pattern.pattern)
                yield from walk(pattern.url_patterns, route, inner, inner_params)
            elif isinstance(pattern, URLPattern) and pattern.name:
                route = prefix + str(pattern.pattern)
                yield namespace + pattern.name, route, list(inner_params)

    for name, route, params in walk(get_resolver().url_patterns):
        if route.startswith(SKIPPED_PREFIXES) or name in NOT_PAGES or name in POST_ONLY:
            continue
        yield name, route, params


def _first(queryset, **values):
    return queryset.filter(**values).order_by("pk").first()


def _inspection_objects(inspection) -> dict[str, object]:
    """The parameter values an inspection's pages take, from its own objects."""
    from inspections.fieldwork.models import TimetableSession, TrackedCase
    from inspections.information.models import InspectionContact, RequestItem
    from inspections.models import (
        CaseSample,
        EvidenceRecord,
        Judgement,
        SharedJudgement,
        TeamMember,
    )
    from reports.models import (
        FactualAccuracyComment,
        FactualAccuracyLink,
        FactualAccuracyRequest,
        ReportJob,
        ReportSection,
        ReportVersion,
    )

    values: dict[str, object] = {"pk": inspection.pk}
    lookups = {
        "judgement_pk": _first(Judgement.objects, inspection=inspection),
        "evidence_pk": _first(EvidenceRecord.objects, inspection=inspection),
        "member_pk": _first(TeamMember.objects, inspection=inspection),
        "shared_pk": _first(SharedJudgement.objects, inspection=inspection),
        "session_pk": _first(TimetableSession.objects, inspection=inspection),
        "contact_pk": _first(InspectionContact.objects, inspection=inspection),
        "item_pk": _first(RequestItem.objects, inspection=inspection),
        "job_pk": _first(ReportJob.objects, inspection=inspection),
        "version_pk": _first(ReportVersion.objects, inspection=inspection),
        "request_pk": _first(FactualAccuracyRequest.objects, version__inspection=inspection),
        "comment_pk": _first(
            FactualAccuracyComment.objects, request__version__inspection=inspection
        ),
        "link_pk": _first(FactualAccuracyLink.objects, request__version__inspection=inspection),
    }
    values.update({key: obj.pk for key, obj in lookups.items() if obj is not None})
    section = _first(ReportSection.objects, inspection=inspection)
    if section is not None:
        values["key"] = section.key
    case = _first(CaseSample.objects, inspection=inspection)
    tracked = _first(TrackedCase.objects, inspection=inspection)
    values["case_pk"] = (case or tracked).pk if (case or tracked) else None
    values["tracked_case_pk"] = tracked.pk if tracked else None
    values["sample_case_pk"] = case.pk if case else None
    answer = tracked.answers.order_by("pk").first() if tracked else None
    if answer is not None:
        values["agency_pk"] = answer.agency_id
    return values


def _parameter_sets(route: str, params: list[str]) -> list[dict[str, object]]:
    from agencies.models import LocalAuthority
    from inspections.models import Inspection
    from inspections.models.frameworks import Framework, FrameworkVersion
    from inspections.planning.models import Programme
    from reports.models import Publication

    if not params:
        return [{}]
    if route.startswith("inspections/<int:pk>/"):
        from inspections.models import SharedJudgement

        sets = []
        showcase = [_first(Inspection.objects, status=status) for status in SHOWCASE_STATUSES]
        # The shared judgement is drafted in a few inspections only: take one that has it.
        shared = _first(SharedJudgement.objects)
        showcase.append(shared.inspection if shared else None)
        for inspection in dict.fromkeys(i for i in showcase if i is not None):
            values = dict(_inspection_objects(inspection))
            # The fieldwork "case" pages are tracked cases; the recording ones case samples.
            if route.startswith("inspections/<int:pk>/cohort/"):
                values["case_pk"] = values["tracked_case_pk"]
            elif "cases/" in route:
                values["case_pk"] = values["sample_case_pk"]
            if all(values.get(param) is not None for param in params):
                sets.append({param: values[param] for param in params})
        return sets
    if route.startswith("inspections/programmes/<int:pk>/"):
        sets = []
        for programme in Programme.objects.order_by("pk"):
            values = {"pk": programme.pk}
            capacity = programme.capacities.order_by("pk").first()
            choice = programme.choices.order_by("pk").first()
            run = programme.runs.order_by("-pk").first()
            values.update(
                capacity_pk=capacity and capacity.pk,
                choice_pk=choice and choice.pk,
                run_pk=run and run.pk,
            )
            if all(values.get(param) is not None for param in params):
                sets.append({param: values[param] for param in params})
        return sets
    if "code" in params:
        framework = Framework.objects.order_by("pk").first()
        values = {"code": framework.code}
        version = FrameworkVersion.objects.filter(framework=framework).order_by("pk").first()
        values["version"] = version.version if version else None
        return [{param: values[param] for param in params}]
    if params == ["slug"]:
        return [{"slug": slug} for slug in Publication.objects.values_list("slug", flat=True)[:3]]
    if params == ["gss_code"]:
        return [{"gss_code": LocalAuthority.objects.order_by("name").first().gss_code}]
    if params == ["pk"] and route.startswith("inspections/partner-agencies/"):
        from agencies.models import PartnerAgency

        return [{"pk": PartnerAgency.objects.order_by("pk").first().pk}]
    if params == ["pk"] and route.startswith("inspections/schedule/done/"):
        return [{"pk": Inspection.objects.order_by("pk").first().pk}]
    return []


def _fill(route: str, values: dict[str, object]) -> str:
    path = route
    for param, value in values.items():
        for converter in ("int", "slug", "str"):
            path = path.replace(f"<{converter}:{param}>", str(value))
    return "/" + path


def page_paths() -> dict[str, list[str]]:
    """{pattern name: [paths]} for every page pattern, filled from the data in the database."""
    return {
        name: [_fill(route, values) for values in _parameter_sets(route, params)]
        for name, route, params in url_patterns()
    }


def unfilled(paths: dict[str, list[str]]) -> list[str]:
    return sorted(
        name for name, found in paths.items() if not found and name not in ABSENT_FROM_DEMO
    )

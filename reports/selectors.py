"""Reads of reports, scoped to the user: team-only versions, and the public register."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from inspections.models import Inspection
from inspections.permissions import visible_inspections
from jtai import clock

from .models import Publication, ReportJob, ReportVersion


def inspection_for_team(user, pk) -> Inspection:
    """The inspection, if the user is on its team or an admin; otherwise 404."""
    return get_object_or_404(
        visible_inspections(user).select_related(
            "authority", "framework_version__framework", "theme"
        ),
        pk=pk,
    )


def versions_for(inspection) -> QuerySet[ReportVersion]:
    return (
        ReportVersion.objects.filter(inspection=inspection)
        .select_related("created_by")
        .defer("snapshot")
        .order_by("-number")
    )


def jobs_for(inspection, limit=5) -> list[ReportJob]:
    return list(
        ReportJob.objects.filter(inspection=inspection).select_related("requested_by")[:limit]
    )


def public_publications(now=None) -> QuerySet[Publication]:
    """Published reports anyone may read: the embargo has passed."""
    return Publication.objects.public(now or clock.now()).select_related(
        "inspection__authority",
        "inspection__framework_version__framework",
        "inspection__theme",
        "version",
    )


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
    from django.http import Http404

    raise Http404("No such report")

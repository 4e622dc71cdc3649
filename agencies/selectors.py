"""Reads of the reference data shared by the pages and the API.

Reference data is public information, so nothing here is scoped to a user. Each selector
decides its joins once, so a list costs a fixed number of queries whatever its length.
"""

from __future__ import annotations

import datetime

from django.db.models import F, Prefetch, Q, QuerySet

from .models import (
    AgencyType,
    IlacsOutcome,
    Inspectorate,
    InspectorateName,
    LocalAuthority,
    PartnerAgency,
    StatisticalNeighbour,
)


def _with_details(queryset: QuerySet) -> QuerySet:
    """Neighbours (with their authority), outcomes newest first, successors and predecessors."""
    return queryset.prefetch_related(
        Prefetch(
            "neighbour_links",
            queryset=StatisticalNeighbour.objects.select_related("neighbour").order_by("rank"),
            to_attr="ranked_neighbours",
        ),
        Prefetch(
            "ilacs_outcomes",
            queryset=IlacsOutcome.objects.order_by("-start_date"),
            to_attr="outcomes_newest_first",
        ),
        Prefetch("successors", queryset=LocalAuthority.objects.order_by("name")),
        Prefetch("predecessors", queryset=LocalAuthority.objects.order_by("name")),
    )


def latest_ilacs_outcome(authority: LocalAuthority) -> IlacsOutcome | None:
    """The latest ILACS outcome of an authority fetched by these selectors (no query)."""
    outcomes = getattr(authority, "outcomes_newest_first", None)
    if outcomes is None:
        return authority.ilacs_outcomes.order_by("-start_date").first()
    return outcomes[0] if outcomes else None


def local_authority_list(
    *,
    search: str = "",
    region: str = "",
    gss_code: str = "",
    current: bool | None = None,
    on: datetime.date | None = None,
) -> QuerySet[LocalAuthority]:
    """Authorities by name, filtered.

    `search` matches any part of the name or official name, or a whole GSS code, DfE LA code,
    Ofsted URN or register code. `current=True` keeps authorities existing on `on` (today by
    default), `False` only former ones, `None` both.
    """
    queryset = LocalAuthority.objects.all()
    if current is True:
        queryset = queryset.current(on)
    elif current is False:
        queryset = queryset.exclude(pk__in=LocalAuthority.objects.current(on).values("pk"))
    if region:
        queryset = queryset.filter(region=region)
    if gss_code:
        queryset = queryset.filter(gss_code__iexact=gss_code)
    search = search.strip()
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search)
            | Q(official_name__icontains=search)
            | Q(gss_code__iexact=search)
            | Q(la_code=search)
            | Q(ofsted_urn=search)
            | Q(code__iexact=search)
        )
    # Current before former when names repeat (North Yorkshire, Somerset).
    return _with_details(
        queryset.order_by("name", F("end_date").desc(nulls_first=True), "gss_code")
    )


def local_authority_get(*, gss_code: str) -> LocalAuthority | None:
    """One authority with its details and the active partner agencies serving it."""
    queryset = _with_details(LocalAuthority.objects.filter(gss_code__iexact=gss_code))
    return queryset.prefetch_related(
        Prefetch(
            "partner_agencies",
            queryset=PartnerAgency.objects.filter(is_active=True)
            .select_related("agency_type")
            .order_by("agency_type__order", "name"),
            to_attr="active_partner_agencies",
        )
    ).first()


def inspectorate_list() -> QuerySet[Inspectorate]:
    return Inspectorate.objects.order_by("order", "name").prefetch_related(
        Prefetch("agency_types", queryset=AgencyType.objects.order_by("order", "name"))
    )


def partner_agency_list(*, authority_gss_code: str = "") -> QuerySet[PartnerAgency]:
    """Partner agencies by type and name, with their types and the areas they serve;
    only those serving the authority with `authority_gss_code` when given."""
    queryset = PartnerAgency.objects.select_related("agency_type").prefetch_related("authorities")
    if authority_gss_code:
        queryset = queryset.filter(authorities__gss_code=authority_gss_code)
    return queryset.order_by("agency_type__order", "name")


def inspectorate_name_on(
    inspectorate: Inspectorate, day: datetime.date, *, short: bool = False
) -> str:
    """The name (or short name) the inspectorate went by on `day`.

    Reads the inspectorate's dated names (prefetched `names` cost no query); a day before
    every recorded name falls back to the inspectorate's current name.
    """
    cache = getattr(inspectorate, "_prefetched_objects_cache", {})
    names = (
        cache["names"]
        if "names" in cache
        else InspectorateName.objects.filter(inspectorate=inspectorate)
    )
    for row in names:
        if row.is_valid_on(day):
            return row.short_name if short else row.name
    return inspectorate.short_name if short else inspectorate.name

"""Reads of the reference data shared by the pages and the API.

Reference data is public information, so nothing here is scoped to a user. Each selector
decides its joins once, so a list costs a fixed number of queries whatever its length.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.db.models import F, Prefetch, Q, QuerySet

from .models import (
    AgencyType,
    AreaContact,
    AuthorityType,
    ContactRole,
    IlacsOutcome,
    Inspectorate,
    InspectorateName,
    LocalAuthority,
    PartnerAgency,
    PartnerAgencyName,
    Region,
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
        Prefetch("agency_types", queryset=AgencyType.objects.order_by("order", "name")), "names"
    )


def partner_agency_list(*, authority_gss_code: str = "") -> QuerySet[PartnerAgency]:
    """Partner agencies by type and name, with their types and the areas they serve;
    only those serving the authority with `authority_gss_code` when given."""
    queryset = PartnerAgency.objects.select_related("agency_type").prefetch_related("authorities")
    if authority_gss_code:
        queryset = queryset.filter(authorities__gss_code=authority_gss_code)
    return queryset.order_by("agency_type__order", "name")


def inspectorate_names_on(day: datetime.date) -> dict[int, tuple[str, str]]:
    """Every inspectorate's (name, short name) as they were on `day`, in one query: for a page
    or report that names several. An inspectorate with no name recorded for the day is absent
    (callers fall back to its current name, as `inspectorate_name_on` does)."""
    return {
        row.inspectorate_id: (row.name, row.short_name)
        for row in InspectorateName.objects.all()
        if row.is_valid_on(day)
    }


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


def agency_names_on(day: datetime.date | None, agencies) -> dict[int, str]:
    """Each agency's name as it was on `day`, in one query: its current name unless a former
    name (`PartnerAgencyName`) covers the day."""
    agencies = list(agencies)
    names = {agency.pk: agency.name for agency in agencies}
    if day is None or not names:
        return names
    # Each agency's names in their order (by end date); no join to sort the agencies themselves.
    rows = PartnerAgencyName.objects.filter(agency_id__in=names, valid_to__gte=day).order_by(
        "agency_id", "valid_to"
    )
    for row in rows:
        if row.is_valid_on(day):
            names[row.agency_id] = row.name
    return names


# --- the bodies of an area, named as they were on a date ------------------------------------

D = datetime.date

# Working Together to Safeguard Children 2018: the safeguarding partners' local arrangements
# replaced Local Safeguarding Children Boards, and local child safeguarding practice reviews
# replaced serious case reviews, by 29 September 2019 at the latest.
SAFEGUARDING_PARTNERS_FROM = D(2019, 9, 29)
WORKING_TOGETHER_2018 = (
    "Working Together to Safeguard Children 2018, transitional guidance (HM Government, "
    "July 2018): local arrangements in place by 29 September 2019"
)
# London's boroughs are policed by the Metropolitan Police, led by a Commissioner and overseen
# by the Mayor's Office for Policing and Crime (from 16 January 2012), not by a chief constable
# and a police and crime commissioner; the City of London has its own force and authority.
POLICING_ACT_2011 = "Police Reform and Social Responsibility Act 2011, sections 3 and 18"
METROPOLITAN = "metropolitan"
CITY_OF_LONDON = "city_of_london"


class DatedLabel(NamedTuple):
    key: str  # a contact role, or a term
    label: str
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None  # the last day, included
    policing: str = ""  # only in the areas of this police force ("" = everywhere)
    source: str = ""

    def applies(self, day: datetime.date | None, policing: str) -> bool:
        if self.policing and self.policing != policing:
            return False
        if day is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


BEFORE_PARTNERS = SAFEGUARDING_PARTNERS_FROM - datetime.timedelta(days=1)

# The first label that applies wins; a role with none is named by its choice label.
CONTACT_ROLE_LABELS = [
    DatedLabel(
        ContactRole.CHIEF_CONSTABLE,
        "Commissioner of Police of the Metropolis",
        policing=METROPOLITAN,
        source=POLICING_ACT_2011,
    ),
    DatedLabel(
        ContactRole.PCC,
        "Deputy Mayor for Policing and Crime (Mayor's Office for Policing and Crime)",
        valid_from=D(2012, 1, 16),
        policing=METROPOLITAN,
        source=POLICING_ACT_2011,
    ),
    DatedLabel(
        ContactRole.CHIEF_CONSTABLE,
        "Commissioner of the City of London Police",
        policing=CITY_OF_LONDON,
        source=POLICING_ACT_2011,
    ),
    DatedLabel(
        ContactRole.PCC,
        "Chair of the City of London Police Authority Board",
        policing=CITY_OF_LONDON,
        source=POLICING_ACT_2011,
    ),
    DatedLabel(
        ContactRole.LSCB_CHAIR,
        "Chair of the Local Safeguarding Children Board",
        valid_to=BEFORE_PARTNERS,
        source=WORKING_TOGETHER_2018,
    ),
    DatedLabel(
        ContactRole.LSCB_CHAIR,
        "Chair of the safeguarding partnership",
        valid_from=SAFEGUARDING_PARTNERS_FROM,
        source=WORKING_TOGETHER_2018,
    ),
]

# Words whose meaning stayed while the body or the process was renamed.
TERMS = [
    DatedLabel(
        "lscb",
        "Local Safeguarding Children Board",
        valid_to=BEFORE_PARTNERS,
        source=WORKING_TOGETHER_2018,
    ),
    DatedLabel(
        "lscb",
        "safeguarding partnership",
        valid_from=SAFEGUARDING_PARTNERS_FROM,
        source=WORKING_TOGETHER_2018,
    ),
    DatedLabel(
        "serious_case_review",
        "serious case review",
        valid_to=BEFORE_PARTNERS,
        source=WORKING_TOGETHER_2018,
    ),
    DatedLabel(
        "serious_case_review",
        "child safeguarding practice review",
        valid_from=SAFEGUARDING_PARTNERS_FROM,
        source=WORKING_TOGETHER_2018,
    ),
]


def policing_of(authority: LocalAuthority) -> str:
    """Which special police arrangement an area has: the Met's boroughs, the City of London,
    or "" (a chief constable and a police and crime commissioner, or their successors)."""
    if authority.region != Region.LONDON:
        return ""
    if authority.la_type == AuthorityType.CITY_CORPORATION:
        return CITY_OF_LONDON
    return METROPOLITAN


def contact_role_label(contact: AreaContact, day: datetime.date | None = None) -> str:
    """The contact's role as it was called in their area on `day` (today's name when None):
    in a London borough, the Commissioner and MOPAC rather than a chief constable and a PCC;
    before 29 September 2019, the chair of the LSCB rather than the safeguarding partnership."""
    return contact_role_label_for(contact.role, contact.authority, day)


def contact_role_label_for(role: str, authority: LocalAuthority, day=None) -> str:
    policing = policing_of(authority)
    for entry in CONTACT_ROLE_LABELS:
        if entry.key == role and entry.applies(day, policing):
            return entry.label
    return ContactRole(role).label if role in ContactRole.values else role


def term_on(term: str, day: datetime.date | None = None) -> str:
    """A renamed body or process as it was called on `day` (today's name when None):
    `term_on("lscb", day)`, `term_on("serious_case_review", day)`."""
    for entry in TERMS:
        if entry.key == term and entry.applies(day, ""):
            return entry.label
    raise KeyError(f"No term {term!r}; known: {sorted({t.key for t in TERMS})}")

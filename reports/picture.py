"""The published picture across England's areas: for each of the 153 authorities with
children's services, what the map shows (its latest published joint inspection report, its
latest Ofsted ILACS judgement, or, for admins, what is planned there), and the counts of
published judgements the charts draw. Each read is a fixed number of queries, however many
reports there are."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone

from agencies.models import Grade, LocalAuthority
from inspections.models import Inspection, Status
from inspections.planning.models import ProgrammeChoice, ProgrammeStatus
from jtai import clock

from .models import Publication
from .opendata import OpenDataJudgement

HEXMAP_PATH = Path(__file__).resolve().parent / "data" / "areas.hexjson"

# The grades from weakest to strongest: an area's report is shown by its weakest judgement.
WEAKEST_FIRST = [
    Grade.INADEQUATE,
    Grade.REQUIRES_IMPROVEMENT,
    Grade.GOOD,
    Grade.OUTSTANDING,
]


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    abbr: str  # printed in each hex, so that colour is not the only cue
    fill: str
    ink: str  # text colour on the fill, at 4.5:1 or more


GRADE_CATEGORIES = [
    Category(Grade.OUTSTANDING, "Outstanding", "O", "#00703c", "#ffffff"),
    Category(Grade.GOOD, "Good", "G", "#85994b", "#0b0c0c"),
    Category(Grade.REQUIRES_IMPROVEMENT, "Requires improvement", "RI", "#f47738", "#0b0c0c"),
    Category(Grade.INADEQUATE, "Inadequate", "I", "#d4351c", "#ffffff"),
]
NONE = Category("none", "No published report", "–", "#f3f2f1", "#0b0c0c")

MEASURES = {
    "reports": {
        "title": "Latest published joint inspection report",
        "categories": [
            *GRADE_CATEGORIES,
            Category(
                "letter", "Published, not graded (letter of findings)", "L", "#5694ca", "#0b0c0c"
            ),
            NONE,
        ],
    },
    "ilacs": {
        "title": "Latest Ofsted inspection of local authority children's services (ILACS)",
        "categories": [
            *GRADE_CATEGORIES,
            Category("ungraded", "Inspected, no overall grade", "U", "#5694ca", "#0b0c0c"),
            Category("none", "No ILACS outcome", "–", "#f3f2f1", "#0b0c0c"),
        ],
    },
    "planning": {
        "title": "Planned joint inspections and proposals (not published)",
        "categories": [
            Category("under_way", "Inspection under way", "U", "#d4351c", "#ffffff"),
            Category("planned", "Inspection planned or notified", "P", "#1d70b8", "#ffffff"),
            Category("proposed", "In a programme's proposal", "Pr", "#85994b", "#0b0c0c"),
            Category("none", "Nothing planned", "–", "#f3f2f1", "#0b0c0c"),
        ],
    },
}
PUBLIC_MEASURES = ("reports", "ilacs")

UNDER_WAY = (
    Status.FIELDWORK,
    Status.EVIDENCE_CLOSED,
    Status.MODERATION,
    Status.FACTUAL_ACCURACY,
)
PLANNED = (Status.PLANNED, Status.NOTIFIED)


@cache
def hexmap() -> dict:
    """The hex layout of the 153 areas (HexJSON, "odd-r"), with its source."""
    return json.loads(HEXMAP_PATH.read_text(encoding="utf-8"))


@dataclass
class Area:
    gss_code: str
    name: str
    region: str
    q: int
    r: int
    category: Category = NONE
    summary: str = "no published report"
    link: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def accessible_name(self) -> str:
        return f"{self.name}: {self.summary}"


def _date(value: datetime.date | datetime.datetime) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return f"{value:%-d %B %Y}"


def _areas() -> dict[str, Area]:
    """The current authorities with children's services, placed on the hex layout."""
    hexes = hexmap()["hexes"]
    areas = {}
    for authority in (
        LocalAuthority.objects.current()
        .with_childrens_services()
        .only("pk", "gss_code", "name", "region")
    ):
        place = hexes.get(authority.gss_code)
        if place is None:  # an authority the layout does not know yet: in the table only
            place = {"q": -1, "r": -1}
        areas[authority.pk] = Area(
            gss_code=authority.gss_code,
            name=authority.name,
            region=authority.get_region_display(),
            q=place["q"],
            r=place["r"],
        )
    return areas


def _by_key(measure: str) -> dict[str, Category]:
    return {c.key: c for c in MEASURES[measure]["categories"]}


def published_reports_picture() -> list[Area]:
    """Each area by its latest published report: coloured by the weakest grade the report
    gives, or as a letter when it gives none (3 queries)."""
    areas = _areas()
    categories = _by_key("reports")
    latest: dict[int, dict] = {}
    for row in (
        Publication.objects.public(clock.now())
        .filter(inspection__authority__in=list(areas))
        .order_by("inspection__authority_id", "-publish_at", "-id")
        .values(
            "pk",
            "slug",
            "publish_at",
            "inspection__authority_id",
            "inspection__framework_version__framework__name",
            "inspection__theme__name",
        )
    ):
        latest.setdefault(row["inspection__authority_id"], row)
    grades: dict[int, set[str]] = {}
    for pk, grade in OpenDataJudgement.objects.filter(
        publication__in=[row["pk"] for row in latest.values()]
    ).values_list("publication_id", "grade_code"):
        if grade:
            grades.setdefault(pk, set()).add(grade)
    for authority_id, row in latest.items():
        area = areas[authority_id]
        kind = row["inspection__framework_version__framework__name"]
        if row["inspection__theme__name"]:
            kind += f" ({row['inspection__theme__name'].lower()})"
        given = grades.get(row["pk"], set())
        weakest = next((g for g in WEAKEST_FIRST if g in given), None)
        area.category = categories[weakest] if weakest else categories["letter"]
        graded = f"weakest judgement {area.category.label.lower()}" if weakest else "not graded"
        area.summary = f"{kind}, published {_date(row['publish_at'])}, {graded}"
        area.link = reverse("reports:detail", args=[row["slug"]])
    return _ordered(areas)


def ilacs_picture() -> list[Area]:
    """Each area by its latest Ofsted ILACS overall effectiveness (the reference data)."""
    areas = _areas()
    categories = _by_key("ilacs")
    for authority in (
        LocalAuthority.objects.filter(pk__in=list(areas)).with_latest_ilacs().only("pk")
    ):
        area = areas[authority.pk]
        if authority.latest_ilacs_date is None:
            area.summary = "no ILACS outcome"
            continue
        grade = authority.latest_ilacs_grade
        area.category = categories.get(grade) or categories["ungraded"]
        label = area.category.label.lower() if grade else "no overall grade"
        area.summary = f"ILACS from {_date(authority.latest_ilacs_date)}, {label}"
    return _ordered(areas)


def planning_picture() -> list[Area]:
    """For admins: each area by the unpublished inspection there (under way before planned),
    else by the draft or scheduled programme that proposes it (3 queries)."""
    areas = _areas()
    categories = _by_key("planning")
    for area in areas.values():
        area.summary = "nothing planned"
    placed: set[int] = set()
    for inspection in (
        Inspection.objects.filter(authority__in=list(areas), status__in=UNDER_WAY + PLANNED)
        .select_related("framework_version__framework")
        .only("pk", "authority_id", "status", "window_start", "window_end", "framework_version")
        .order_by("window_start", "pk")
    ):
        area = areas[inspection.authority_id]
        under_way = inspection.status in UNDER_WAY
        if inspection.authority_id in placed and (
            area.category.key == "under_way" or not under_way
        ):
            continue  # the area already shows one under way, or the soonest planned
        placed.add(inspection.authority_id)
        area.category = categories["under_way" if under_way else "planned"]
        area.summary = (
            f"{inspection.framework_version.framework.name}, "
            f"{inspection.get_status_display().lower()}, on site "
            f"{_date(inspection.window_start)} to {_date(inspection.window_end)}"
        )
        area.link = reverse("inspections:detail", args=[inspection.pk])
    for authority_id, programme in (
        ProgrammeChoice.objects.filter(
            authority__in=list(areas),
            included=True,
            programme__status__in=[ProgrammeStatus.DRAFT, ProgrammeStatus.SCHEDULED],
        )
        .order_by("programme__period_start", "rank")
        .values_list("authority_id", "programme__name")
    ):
        if authority_id in placed:
            continue
        placed.add(authority_id)
        area = areas[authority_id]
        area.category = categories["proposed"]
        area.summary = f"proposed in {programme}"
    return _ordered(areas)


def _ordered(areas: dict[int, Area]) -> list[Area]:
    return sorted(areas.values(), key=lambda a: a.name)


PICTURES = {
    "reports": published_reports_picture,
    "ilacs": ilacs_picture,
    "planning": planning_picture,
}


def legend(measure: str, areas: list[Area]) -> list[tuple[Category, int]]:
    """Each category of the measure with how many areas it holds."""
    counts = Counter(a.category.key for a in areas)
    return [(c, counts.get(c.key, 0)) for c in MEASURES[measure]["categories"]]


# Charts ---------------------------------------------------------------------------------------

CHART_GRADES = [*GRADE_CATEGORIES, Category("", "Not graded", "–", "#5694ca", "#0b0c0c")]


def judgement_counts() -> dict:
    """Published judgements counted by agency type and grade, and by year and grade (one
    query): `{"by_type": [(type, {grade: n})], "by_year": [(year, {grade: n})]}`."""
    by_type: dict[str, Counter] = {}
    by_year: dict[int, Counter] = {}
    rows = (
        OpenDataJudgement.objects.filter(publication__in=Publication.objects.public(clock.now()))
        .annotate(year=ExtractYear("publication__publish_at"))
        .values_list("agency_type", "grade_code", "year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for agency_type, grade, year, n in rows:
        by_type.setdefault(agency_type, Counter())[grade] += n
        by_year.setdefault(year, Counter())[grade] += n
    return {
        "by_type": sorted(by_type.items(), key=lambda item: (-sum(item[1].values()), item[0])),
        "by_year": sorted(by_year.items()),
    }

"""Readers for the public reference files an administrator refreshes jtai from.

* mySociety's "UK Local Authority Names and Codes" CSV (every UK authority, current and former);
* the Ofsted lookup of the 153 children's services authorities (DfE LA code, Ofsted URN,
  Ofsted region, statistical neighbours), keyed by the DfE LA code;
* the Ofsted ILACS outcomes CSV (the latest inspection of each authority).

Readers only parse and check: they return plain records (dicts of model field values) and
raise `RowError` naming the file, the row and the column of the first problem. Row numbers
count the header as row 1, as a spreadsheet shows them. Writing is `agencies.services`.
"""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

from jtai.exceptions import ApplicationError

from .models import AuthorityType, Grade, IlacsFramework, Region

GSS_CODE = re.compile(r"^[ENSW]\d{8}$")
REGISTER_CODE = re.compile(r"^[A-Z]{3,4}$")
LA_CODE = re.compile(r"^\d{3}$")
URN = re.compile(r"^\d{5,8}$")

CHILDRENS_SERVICES_TYPES = {choice.value for choice in AuthorityType}
# The lookup writes East of England as "E"; jtai's Region uses "EE".
LOOKUP_REGION_CODES = {"E": Region.EAST_OF_ENGLAND.value} | {r.value: r.value for r in Region}
REGION_BY_NAME = {r.label.lower(): r.value for r in Region}
MISSING = {"", "nan", "none", "null", "notknown"}
NATIONS = {"England", "Scotland", "Wales", "Northern Ireland"}


class RowError(ApplicationError):
    """A problem in one row of a source file; nothing from that file is imported."""

    def __init__(self, source: str, row: int | None, column: str, message: str):
        where = f"row {row}: " if row else ""
        super().__init__(f"{source}: {where}{column} {message}", fields={column: [message]})
        self.source = source
        self.row = row
        self.column = column


@dataclass
class Record:
    """Model field values read from one row, and where they came from."""

    values: dict
    source: str = ""
    row: int | None = None
    # model field -> source column, to name the column when the database refuses a value
    columns: dict = field(default_factory=dict)
    # model field -> (source, row, column) for values taken from another file (the lookup)
    origins: dict = field(default_factory=dict)
    # related rows given by natural key (GSS codes), resolved once every row is saved
    successors: list | None = None
    neighbours: list | None = None
    # values used only to fill a new or empty field (a weaker source than `values`)
    fallback: dict = field(default_factory=dict)


def _rows(path: Path | str, required: set[str]):
    """(row number, dict) for each data row; a missing column fails before any row is read."""
    path = Path(path)
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise RowError(path.name, None, "file", f"cannot be read ({exc.strerror})") from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = sorted(required - set(reader.fieldnames or []))
        if missing:
            raise RowError(path.name, 1, missing[0], "column is missing from the header")
        for number, row in enumerate(reader, start=2):
            yield number, {key: (value or "").strip() for key, value in row.items() if key}


def _blank(value: str) -> bool:
    return value.strip().lower() in MISSING


def _iso_date(value, source, row, column):
    if _blank(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise RowError(source, row, column, f"{value!r} is not a date (YYYY-MM-DD)") from None


def _uk_date(value, source, row, column, *, short_year_allowed=False):
    if _blank(value):
        return None
    formats = ["%d/%m/%Y"] + (["%d/%m/%y"] if short_year_allowed else [])
    for fmt in formats:
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    expected = "DD/MM/YY or DD/MM/YYYY" if short_year_allowed else "DD/MM/YYYY"
    raise RowError(source, row, column, f"{value!r} is not a date ({expected})")


def _codes(value: str) -> list[str]:
    return [code.strip() for code in value.split(",") if code.strip()]


def _region(row, source, number, code_column, name_column):
    code = row.get(code_column, "")
    if code in LOOKUP_REGION_CODES:
        return LOOKUP_REGION_CODES[code]
    if not _blank(code):
        raise RowError(source, number, code_column, f"{code!r} is not an Ofsted region code")
    name = row.get(name_column, "").lower()
    if name in REGION_BY_NAME:
        return REGION_BY_NAME[name]
    if _blank(name):
        return ""
    raise RowError(source, number, name_column, f"{row[name_column]!r} is not an English region")


# --- the Ofsted lookup -------------------------------------------------------------------

LOOKUP_COLUMNS = {"urn", "la_code", "la_code_new", "stat_neighbours", "region_code", "region_name"}


@dataclass
class LookupRow:
    row: int
    la_code: str
    urn: str
    gss_code: str
    region: str
    neighbours: list
    population: int | None


def read_lookup(path) -> dict[str, LookupRow]:
    """The lookup keyed by GSS code.

    Current authorities carry their GSS code in `la_code_new`; rows of former authorities
    leave it empty and are matched on `ltla23cd` instead.
    """
    source = Path(path).name
    by_gss: dict[str, LookupRow] = {}
    by_la_code: dict[str, LookupRow] = {}
    for number, row in _rows(path, LOOKUP_COLUMNS):
        la_code = row["la_code"]
        if not LA_CODE.match(la_code):
            raise RowError(source, number, "la_code", f"{la_code!r} is not a 3-digit DfE LA code")
        if la_code in by_la_code:
            raise RowError(
                source,
                number,
                "la_code",
                f"{la_code!r} is already on row {by_la_code[la_code].row}",
            )
        urn = row["urn"]
        if not URN.match(urn):
            raise RowError(source, number, "urn", f"{urn!r} is not an Ofsted URN")
        gss_column = "la_code_new" if row["la_code_new"] else "ltla23cd"
        gss_code = row.get(gss_column, "")
        if not GSS_CODE.match(gss_code):
            raise RowError(source, number, gss_column, f"{gss_code!r} is not a GSS code")
        if gss_code in by_gss:
            raise RowError(
                source, number, gss_column, f"{gss_code!r} is already on row {by_gss[gss_code].row}"
            )
        neighbours = _codes(row["stat_neighbours"])
        for code in neighbours:
            if not LA_CODE.match(code):
                raise RowError(
                    source, number, "stat_neighbours", f"{code!r} is not a 3-digit DfE LA code"
                )
        if len(set(neighbours)) != len(neighbours):
            raise RowError(source, number, "stat_neighbours", "lists an authority twice")
        population = row.get("ons_population_0-25", "")
        if _blank(population):
            population = None
        elif population.isdigit():
            population = int(population)
        else:
            raise RowError(
                source, number, "ons_population_0-25", f"{population!r} is not a whole number"
            )
        entry = LookupRow(
            row=number,
            la_code=la_code,
            urn=urn,
            gss_code=gss_code,
            region=_region(row, source, number, "region_code", "region_name"),
            neighbours=neighbours,
            population=population,
        )
        by_gss[gss_code] = by_la_code[la_code] = entry
    for entry in by_gss.values():
        for code in entry.neighbours:
            if code not in by_la_code:
                raise RowError(
                    source, entry.row, "stat_neighbours", f"{code!r} is not an LA code in this file"
                )
            if code == entry.la_code:
                raise RowError(source, entry.row, "stat_neighbours", "lists the authority itself")
    return by_gss


# --- mySociety local authorities ---------------------------------------------------------

AUTHORITY_COLUMNS = {
    "local-authority-code",
    "official-name",
    "nice-name",
    "gss-code",
    "start-date",
    "end-date",
    "replaced-by",
    "nation",
    "region",
    "local-authority-type",
}


@dataclass
class AuthorityFile:
    records: list[Record]
    skipped: int


def read_local_authorities(path, lookup_path=None) -> AuthorityFile:
    """English authorities with children's services, current and former, from mySociety's CSV.

    With the Ofsted lookup, each authority also gets its DfE LA code, Ofsted URN, Ofsted region,
    population aged 0-25 and statistical neighbours; without it those stay as they are.

    Dates: an authority's `end_date` is the first day it no longer exists. The public file
    sometimes gives the last day instead (31 March, successors from 1 April); such an end date
    becomes its successors' start date, so an authority and its successors never overlap or
    leave a gap.
    """
    source = Path(path).name
    lookup = read_lookup(lookup_path) if lookup_path else None
    lookup_source = Path(lookup_path).name if lookup_path else ""
    records: dict[str, Record] = {}
    gss_seen: dict[str, int] = {}
    replaced_by: dict[str, tuple[int, list[str]]] = {}
    skipped = 0
    codes_seen: dict[str, int] = {}
    for number, row in _rows(path, AUTHORITY_COLUMNS):
        nation = row["nation"]
        if nation not in NATIONS:
            raise RowError(source, number, "nation", f"{nation!r} is not a UK nation")
        if nation != "England":
            skipped += 1  # other nations' registers differ (Northern Ireland has no GSS codes)
            continue
        # Every English row is checked, even one jtai skips: a malformed row means a damaged file.
        code = row["local-authority-code"]
        if not REGISTER_CODE.match(code):
            raise RowError(
                source, number, "local-authority-code", f"{code!r} is not a register code"
            )
        if code in codes_seen:
            raise RowError(
                source,
                number,
                "local-authority-code",
                f"{code!r} is already on row {codes_seen[code]}",
            )
        codes_seen[code] = number
        gss_code = row["gss-code"]
        if not GSS_CODE.match(gss_code) or not gss_code.startswith("E"):
            raise RowError(source, number, "gss-code", f"{gss_code!r} is not a GSS code")
        if gss_code in gss_seen:
            raise RowError(
                source, number, "gss-code", f"{gss_code!r} is already on row {gss_seen[gss_code]}"
            )
        gss_seen[gss_code] = number
        start = _iso_date(row["start-date"], source, number, "start-date")
        end = _iso_date(row["end-date"], source, number, "end-date")
        if row["local-authority-type"] not in CHILDRENS_SERVICES_TYPES:
            skipped += 1  # a district or the GLA: no children's services
            continue
        for column in ("nice-name", "official-name"):
            if not row[column]:
                raise RowError(source, number, column, "is empty")
        if start and end and end <= start:
            raise RowError(
                source, number, "end-date", f"{row['end-date']!r} is not after the start date"
            )
        successors = _codes(row["replaced-by"])
        if successors and not end:
            raise RowError(
                source, number, "replaced-by", "is given but the authority has no end date"
            )
        replaced_by[code] = (number, successors)
        values = {
            "code": code,
            "gss_code": gss_code,
            "name": row["nice-name"],
            "official_name": row["official-name"],
            "la_type": row["local-authority-type"],
            "start_date": start,
            "end_date": end,
        }
        # mySociety's regions are ONS regions (and two are wrong for Ofsted): the lookup's
        # Ofsted region wins; this one only fills an empty region.
        region = _region(row, source, number, "-", "region")
        records[code] = Record(
            values=values,
            fallback={"region": region} if region else {},
            source=source,
            row=number,
            columns={
                "code": "local-authority-code",
                "gss_code": "gss-code",
                "name": "nice-name",
                "official_name": "official-name",
                "la_type": "local-authority-type",
                "start_date": "start-date",
                "end_date": "end-date",
                "region": "region",
                "slug": "nice-name",
            },
        )

    # Successors must be authorities of this file; end dates meet their successors' start.
    for code, (number, successor_codes) in replaced_by.items():
        record = records[code]
        if not successor_codes:
            continue
        for successor in successor_codes:
            if successor not in records:
                raise RowError(
                    source,
                    number,
                    "replaced-by",
                    f"{successor!r} is not a children's services authority in this file",
                )
        record.successors = [records[s].values["gss_code"] for s in successor_codes]
        starts = {records[s].values["start_date"] for s in successor_codes}
        end = record.values["end_date"]
        if len(starts) == 1 and None not in starts:
            (start,) = starts
            if end + datetime.timedelta(days=1) == start:
                record.values["end_date"] = start
        if not record.fallback.get("region"):
            regions = {records[s].fallback.get("region") for s in successor_codes}
            if len(regions) == 1 and None not in regions:
                record.fallback["region"] = regions.pop()

    _assign_slugs(records.values())

    if lookup is not None:
        by_la_code = {entry.la_code: entry for entry in lookup.values()}
        gss_codes = {record.values["gss_code"] for record in records.values()}
        for entry in lookup.values():
            if entry.gss_code not in gss_codes:
                raise RowError(
                    lookup_source,
                    entry.row,
                    "la_code_new",
                    f"{entry.gss_code!r} is not an authority in {source}",
                )
        for record in records.values():
            entry = lookup.get(record.values["gss_code"])
            if entry is None:
                continue
            record.values.update(la_code=entry.la_code, ofsted_urn=entry.urn)
            if entry.region:
                record.values["region"] = entry.region
            if entry.population is not None:
                record.values["population_0_25"] = entry.population
            record.neighbours = [by_la_code[code].gss_code for code in entry.neighbours]
            record.origins.update(
                la_code=(lookup_source, entry.row, "la_code"),
                ofsted_urn=(lookup_source, entry.row, "urn"),
                region=(lookup_source, entry.row, "region_code"),
                population_0_25=(lookup_source, entry.row, "ons_population_0-25"),
            )
        # Former authorities absent from the lookup take their successors' Ofsted region.
        for record in records.values():
            if record.successors and record.values["gss_code"] not in lookup:
                regions = {
                    next(r for r in records.values() if r.values["gss_code"] == gss).values.get(
                        "region"
                    )
                    for gss in record.successors
                }
                if len(regions) == 1 and None not in regions:
                    record.values["region"] = regions.pop()
    return AuthorityFile(records=list(records.values()), skipped=skipped)


def _assign_slugs(records) -> None:
    """Slugs from the everyday name; a former authority sharing it takes its official name."""
    records = sorted(records, key=lambda r: (r.values["end_date"] is not None, r.values["code"]))
    taken: set[str] = set()
    for record in records:
        for candidate in (record.values["name"], record.values["official_name"]):
            slug = slugify(candidate)[:120]
            if slug and slug not in taken:
                break
        else:
            slug = slugify(f"{record.values['name']} {record.values['code']}")[:120]
        taken.add(slug)
        record.values["slug"] = slug


# --- Ofsted ILACS outcomes ---------------------------------------------------------------

ILACS_COLUMNS = {
    "la_code",
    "inspection_link",
    "overall_effectiveness_grade",
    "inspection_framework",
    "inspection_start_date",
    "inspection_end_date",
    "publication_date",
    "impact_of_leaders_grade",
    "help_and_protection_grade",
    "in_care_grade",
    "care_leavers_grade",
}
GRADE_COLUMNS = {
    "overall_effectiveness": "overall_effectiveness_grade",
    "impact_of_leaders": "impact_of_leaders_grade",
    "help_and_protection": "help_and_protection_grade",
    "in_care": "in_care_grade",
    "care_leavers": "care_leavers_grade",
}
GRADES = {grade.label.lower(): grade.value for grade in Grade}
FRAMEWORKS = {framework.value for framework in IlacsFramework}
# Care leavers became a separate judgement in January 2023; earlier inspections say so.
NOT_JUDGED = {"inspection_pre_dates_judgement"}


@dataclass
class OutcomeFile:
    records: list[Record]
    skipped: int


def read_ilacs_outcomes(path, lookup_path) -> OutcomeFile:
    """ILACS outcomes, joined to authorities through the lookup (`la_code` -> GSS code).

    A row with no inspection dates and no framework records no inspection and is skipped;
    a row with some of them must have all of them.
    """
    source = Path(path).name
    lookup = read_lookup(lookup_path)
    by_la_code = {entry.la_code: entry for entry in lookup.values()}
    records: list[Record] = []
    seen: dict[tuple, int] = {}
    skipped = 0
    for number, row in _rows(path, ILACS_COLUMNS):
        la_code = row["la_code"]
        if la_code not in by_la_code:
            raise RowError(
                source, number, "la_code", f"{la_code!r} is not an LA code of the lookup"
            )
        framework = row["inspection_framework"].lower()
        dated = [row["inspection_start_date"], row["inspection_end_date"]]
        if all(_blank(value) for value in dated) and _blank(framework):
            skipped += 1
            continue
        if framework not in FRAMEWORKS:
            raise RowError(
                source,
                number,
                "inspection_framework",
                f"{row['inspection_framework']!r} is not short or standard",
            )
        start = _uk_date(row["inspection_start_date"], source, number, "inspection_start_date")
        end = _uk_date(row["inspection_end_date"], source, number, "inspection_end_date")
        for column, value in (("inspection_start_date", start), ("inspection_end_date", end)):
            if value is None:
                raise RowError(source, number, column, "is empty")
        if end < start:
            raise RowError(source, number, "inspection_end_date", "is before the start date")
        published = _uk_date(
            row["publication_date"], source, number, "publication_date", short_year_allowed=True
        )
        if published and published < end:
            raise RowError(source, number, "publication_date", "is before the inspection ended")
        link = row["inspection_link"]
        if not _blank(link) and not re.match(r"^https?://\S+$", link):
            raise RowError(source, number, "inspection_link", f"{link!r} is not a web address")
        values = {
            "framework": framework,
            "start_date": start,
            "end_date": end,
            "publication_date": published,
            "report_url": "" if _blank(link) else link,
        }
        for field_name, column in GRADE_COLUMNS.items():
            grade = row[column].lower()
            if _blank(grade) or grade in NOT_JUDGED:
                values[field_name] = ""
            elif grade in GRADES:
                values[field_name] = GRADES[grade]
            else:
                raise RowError(source, number, column, f"{row[column]!r} is not a grade")
        gss_code = by_la_code[la_code].gss_code
        key = (gss_code, start)
        if key in seen:
            raise RowError(source, number, "inspection_start_date", f"repeats row {seen[key]}")
        seen[key] = number
        columns = {field_name: column for field_name, column in GRADE_COLUMNS.items()} | {
            "authority": "la_code",
            "framework": "inspection_framework",
            "start_date": "inspection_start_date",
            "end_date": "inspection_end_date",
            "publication_date": "publication_date",
            "report_url": "inspection_link",
        }
        records.append(
            Record(
                values=values | {"authority": gss_code}, source=source, row=number, columns=columns
            )
        )
    return OutcomeFile(records=records, skipped=skipped)

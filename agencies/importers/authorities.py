"""mySociety's "UK Local Authority Names and Codes": the English authorities with children's
services, current and former, optionally joined to the Ofsted lookup."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify

from .lookup import read_lookup
from .rows import (
    CHILDRENS_SERVICES_TYPES,
    GSS_CODE,
    NATIONS,
    REGISTER_CODE,
    Record,
    RowError,
    iso_date,
    read_rows,
    region_of,
    split_codes,
)

# The columns read, in the order mySociety's file gives them.
AUTHORITY_COLUMNS = (
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
)


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
    for number, row in read_rows(path, AUTHORITY_COLUMNS):
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
        start = iso_date(row["start-date"], source, number, "start-date")
        end = iso_date(row["end-date"], source, number, "end-date")
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
        successors = split_codes(row["replaced-by"])
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
        region = region_of(row, source, number, "-", "region")
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

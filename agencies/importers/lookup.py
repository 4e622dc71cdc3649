"""The Ofsted lookup of the children's services authorities: DfE LA code, Ofsted URN,
Ofsted region, population and statistical neighbours, keyed by GSS code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .rows import GSS_CODE, LA_CODE, URN, RowError, is_blank, read_rows, region_of, split_codes

# The columns every row needs, in the order Ofsted's file gives them; `ltla23cd` and
# `ons_population_0-25` are read where present.
LOOKUP_COLUMNS = ("urn", "la_code", "la_code_new", "stat_neighbours", "region_code", "region_name")


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
    for number, row in read_rows(path, LOOKUP_COLUMNS):
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
        neighbours = split_codes(row["stat_neighbours"])
        for code in neighbours:
            if not LA_CODE.match(code):
                raise RowError(
                    source, number, "stat_neighbours", f"{code!r} is not a 3-digit DfE LA code"
                )
        if len(set(neighbours)) != len(neighbours):
            raise RowError(source, number, "stat_neighbours", "lists an authority twice")
        population = row.get("ons_population_0-25", "")
        if is_blank(population):
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
            region=region_of(row, source, number, "region_code", "region_name"),
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

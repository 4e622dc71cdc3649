"""jtai's own reference fixture: the facts it needs about authorities, in its own format.

`agencies/fixtures/reference.json` holds one JSON object:

    {"format": "jtai-reference/1", "sources": [...],
     "authorities": [{"gss_code": ..., "code": ..., "name": ..., "successors": [GSS codes],
                      "neighbours": [GSS codes in rank order], ...}, ...],
     "ilacs_outcomes": [{"authority": GSS code, "framework": ..., "start_date": ..., ...}, ...]}

Dates are ISO 8601. `build_reference_fixture` regenerates it from the public files;
`load_reference_data` (and the data migration) load it.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from .importers import Record
from .models import IlacsOutcome

FIXTURE_PATH = Path(__file__).resolve().parent / "fixtures" / "reference.json"
FORMAT = "jtai-reference/1"
DATE_FIELDS = {"start_date", "end_date", "publication_date"}
AUTHORITY_FIELDS = [
    "gss_code",
    "code",
    "name",
    "official_name",
    "slug",
    "la_type",
    "la_code",
    "ofsted_urn",
    "region",
    "start_date",
    "end_date",
    "population_0_25",
]
OUTCOME_FIELDS = ["authority", *IlacsOutcome.FACTS]


def _plain(values: dict, names: list[str]) -> dict:
    out = {}
    for name in names:
        if name not in values:
            continue
        value = values[name]
        out[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return out


def fixture_text(authorities: list[Record], outcomes: list[Record], sources: list[str]) -> str:
    """The fixture as text: one record a line, sorted, so a refresh shows as a readable diff."""
    authority_rows = []
    for record in sorted(authorities, key=lambda r: r.values["gss_code"]):
        row = _plain(record.fallback | record.values, AUTHORITY_FIELDS)
        row["successors"] = sorted(record.successors or [])
        row["neighbours"] = list(record.neighbours or [])
        authority_rows.append(row)
    outcome_rows = [
        _plain(record.values, OUTCOME_FIELDS)
        for record in sorted(
            outcomes, key=lambda r: (r.values["authority"], r.values["start_date"])
        )
    ]

    def block(rows):
        return ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)

    return (
        "{\n"
        f' "format": {json.dumps(FORMAT)},\n'
        f' "sources": {json.dumps(sources, ensure_ascii=False)},\n'
        f' "authorities": [\n{block(authority_rows)}\n ],\n'
        f' "ilacs_outcomes": [\n{block(outcome_rows)}\n ]\n'
        "}\n"
    )


def read_fixture(path=None) -> tuple[list[Record], list[Record]]:
    """Records for `agencies.services` from the fixture (the shipped one by default)."""
    path = Path(path or FIXTURE_PATH)
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"{path.name} is not a {FORMAT} fixture")

    def values(row, names):
        out = {}
        for name in names:
            if name in row:
                value = row[name]
                if name in DATE_FIELDS and value:
                    value = datetime.date.fromisoformat(value)
                out[name] = value
        return out

    authorities = [
        Record(
            values=values(row, AUTHORITY_FIELDS),
            source=path.name,
            row=None,
            columns={},
            successors=row.get("successors", []),
            neighbours=row.get("neighbours", []),
        )
        for row in data["authorities"]
    ]
    outcomes = [
        Record(values=values(row, OUTCOME_FIELDS), source=path.name, columns={})
        for row in data["ilacs_outcomes"]
    ]
    return authorities, outcomes

"""The Ofsted ILACS outcomes: the latest inspection of each authority's children's services."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..models import Grade, IlacsFramework
from .lookup import read_lookup
from .rows import Record, RowError, is_blank, read_rows, uk_date

# The columns read, in the order Ofsted's file gives them.
ILACS_COLUMNS = (
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
)
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
    for number, row in read_rows(path, ILACS_COLUMNS):
        la_code = row["la_code"]
        if la_code not in by_la_code:
            raise RowError(
                source, number, "la_code", f"{la_code!r} is not an LA code of the lookup"
            )
        framework = row["inspection_framework"].lower()
        dated = [row["inspection_start_date"], row["inspection_end_date"]]
        if all(is_blank(value) for value in dated) and is_blank(framework):
            skipped += 1
            continue
        if framework not in FRAMEWORKS:
            raise RowError(
                source,
                number,
                "inspection_framework",
                f"{row['inspection_framework']!r} is not short or standard",
            )
        start = uk_date(row["inspection_start_date"], source, number, "inspection_start_date")
        end = uk_date(row["inspection_end_date"], source, number, "inspection_end_date")
        for column, value in (("inspection_start_date", start), ("inspection_end_date", end)):
            if value is None:
                raise RowError(source, number, column, "is empty")
        if end < start:
            raise RowError(source, number, "inspection_end_date", "is before the start date")
        published = uk_date(
            row["publication_date"], source, number, "publication_date", short_year_allowed=True
        )
        if published and published < end:
            raise RowError(source, number, "publication_date", "is before the inspection ended")
        link = row["inspection_link"]
        if not is_blank(link) and not re.match(r"^https?://\S+$", link):
            raise RowError(source, number, "inspection_link", f"{link!r} is not a web address")
        values = {
            "framework": framework,
            "start_date": start,
            "end_date": end,
            "publication_date": published,
            "report_url": "" if is_blank(link) else link,
        }
        for field_name, column in GRADE_COLUMNS.items():
            grade = row[column].lower()
            if is_blank(grade) or grade in NOT_JUDGED:
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

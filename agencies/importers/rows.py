"""What every reader shares: reading a CSV file's rows, checking common values, and the
`RowError` that names the file, the row and the column of a problem."""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jtai.exceptions import ApplicationError

from ..models import AuthorityType, Region

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


def read_rows(path: Path | str, required: Iterable[str]):
    """(row number, dict) for each data row; a missing column fails before any row is read.

    The whole file is decoded first, so text that is not UTF-8 is refused before any row is
    used, with the row and byte where it goes wrong; a row with fewer fields than the header (a
    file cut off mid-row) is refused rather than read as blanks.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RowError(path.name, None, "file", f"cannot be read ({exc.strerror})") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RowError(
            path.name, line, "file", f"is not UTF-8 text (byte {exc.start} cannot be read)"
        ) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = sorted(set(required) - set(reader.fieldnames or []))
    if missing:
        raise RowError(path.name, 1, missing[0], "column is missing from the header")
    width = len(reader.fieldnames)
    for number, row in enumerate(reader, start=2):
        absent = [key for key, value in row.items() if key and value is None]
        if absent:
            raise RowError(
                path.name,
                number,
                absent[0],
                f"is missing: the row has {width - len(absent)} of the header's {width} fields "
                "(the row is cut short)",
            )
        yield number, {key: (value or "").strip() for key, value in row.items() if key}


def is_blank(value: str) -> bool:
    return value.strip().lower() in MISSING


def iso_date(value, source, row, column):
    if is_blank(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise RowError(source, row, column, f"{value!r} is not a date (YYYY-MM-DD)") from None


def uk_date(value, source, row, column, *, short_year_allowed=False):
    if is_blank(value):
        return None
    formats = ["%d/%m/%Y"] + (["%d/%m/%y"] if short_year_allowed else [])
    for fmt in formats:
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    expected = "DD/MM/YY or DD/MM/YYYY" if short_year_allowed else "DD/MM/YYYY"
    raise RowError(source, row, column, f"{value!r} is not a date ({expected})")


def split_codes(value: str) -> list[str]:
    return [code.strip() for code in value.split(",") if code.strip()]


def region_of(row, source, number, code_column, name_column):
    code = row.get(code_column, "")
    if code in LOOKUP_REGION_CODES:
        return LOOKUP_REGION_CODES[code]
    if not is_blank(code):
        raise RowError(source, number, code_column, f"{code!r} is not an Ofsted region code")
    name = row.get(name_column, "").lower()
    if name in REGION_BY_NAME:
        return REGION_BY_NAME[name]
    if is_blank(name):
        return ""
    raise RowError(source, number, name_column, f"{row[name_column]!r} is not an English region")

"""The children's names the team holds for an inspection, for the publication check.

The product keeps cases by reference only: a case sample, a tracked case and the case-tracking
answers have no field for a name, and recording refuses the tell-tale forms of one in their
free text. Names still reach the team in two ways, and both are read here:

- the area's files marked "contains names" (lists of children it sends for the request for
  information): in a CSV or Excel file, the values of every column headed as a name ("Name",
  "First name", "Forename", "Surname", "Child's name", "Known as", ...). PDF and Word files
  are free text with no columns to read: their names cannot be told from other words;
- a name written into the case records' free text before the least-data checks refused it, in
  the forms those checks look for ("named Jo", "known as Jo", "first name: Jo").

Each name is kept as its words (first names and surnames alike), capitalised, two letters or
more; the publication check refuses a published word that is one of them.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from xml.etree import ElementTree

from inspections.recording.least_data import NAMED

logger = logging.getLogger(__name__)

# A column header that holds names, once lower-cased and stripped of punctuation.
NAME_HEADER = re.compile(
    r"^(?:child\s*s?\s+)?(?:(?:first|given|fore|last|family|sur|full|middle|preferred)\s*)?"
    r"names?$|^forenames?$|^known\s+as$|^child$",
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
_MAX_ROWS = 20000
_XLSX_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def _is_name_header(value: str) -> bool:
    cleaned = re.sub(r"[^a-z ]+", " ", (value or "").lower().replace("'", ""))
    return bool(NAME_HEADER.match(" ".join(cleaned.split())))


def _names_in_rows(rows) -> set[str]:
    """The words of every cell under a name header (the first row with one is the header)."""
    columns: list[int] | None = None
    names: set[str] = set()
    for n, row in enumerate(rows):
        if n > _MAX_ROWS:
            break
        if columns is None:
            columns = [i for i, cell in enumerate(row) if _is_name_header(cell)] or None
            continue
        for i in columns:
            if i < len(row):
                names.update(_words(row[i]))
    return names


def _words(value: str) -> set[str]:
    return {w.capitalize() for w in _WORD.findall(value or "") if len(w) >= 2}


def _csv_rows(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(io.StringIO(text), dialect)


def _column(reference: str) -> int:
    letters = re.match(r"[A-Z]+", reference or "A")
    n = 0
    for ch in letters.group(0) if letters else "A":
        n = n * 26 + ord(ch) - 64
    return n - 1


def _xml(data: bytes):
    """A part of the area's file, parsed: one with a document type (where entity expansion
    lives) is refused, and expat resolves no external entity."""
    if b"<!doctype" in data[:4096].lower() or b"<!entity" in data.lower():
        raise ValueError("An XML part with a document type is not read.")
    return ElementTree.fromstring(data)  # noqa: S314 (no DTD: nothing to expand or fetch)


def _xlsx_rows(data: bytes):
    """Each worksheet's rows as lists of strings (shared and inline strings; numbers as text)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        shared: list[str] = []
        if "xl/sharedStrings.xml" in package.namelist():
            root = _xml(package.read("xl/sharedStrings.xml"))
            for item in root.findall("m:si", _XLSX_NS):
                shared.append("".join(t.text or "" for t in item.iter(f"{{{_XLSX_NS['m']}}}t")))
        sheets = sorted(
            n for n in package.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")
        )
        for sheet in sheets:
            root = _xml(package.read(sheet))
            rows = []
            for row in root.iter(f"{{{_XLSX_NS['m']}}}row"):
                cells: dict[int, str] = {}
                for cell in row.findall("m:c", _XLSX_NS):
                    kind = cell.get("t")
                    if kind == "inlineStr":
                        text = "".join(t.text or "" for t in cell.iter(f"{{{_XLSX_NS['m']}}}t"))
                    else:
                        value = cell.find("m:v", _XLSX_NS)
                        text = value.text if value is not None and value.text else ""
                        if kind == "s" and text.isdigit() and int(text) < len(shared):
                            text = shared[int(text)]
                    cells[_column(cell.get("r", ""))] = text
                if cells:
                    rows.append([cells.get(i, "") for i in range(max(cells) + 1)])
            yield rows


def names_in_file(data: bytes, kind: str) -> set[str]:
    """The name words of a CSV or Excel file's name columns (empty for other kinds)."""
    if kind == "csv":
        return _names_in_rows(_csv_rows(data))
    if kind == "xlsx":
        names: set[str] = set()
        for rows in _xlsx_rows(data):
            names |= _names_in_rows(rows)
        return names
    return set()


def names_in_text(text: str) -> set[str]:
    """The names a free text introduces as names ("named Jo", "first name: Jo")."""
    found = set()
    for match in NAMED.finditer(text or ""):
        found.add(_WORD.findall(match.group(0))[-1].capitalize())
    return found


def inspection_case_names(inspection_id: int) -> set[str]:
    """Every name word the team holds for the inspection (see the module)."""
    from inspections.fieldwork.models import CaseTrackingAnswer, TrackedCase
    from inspections.information.models import RequestUpload
    from inspections.models import CaseAssessment, CaseSample

    names: set[str] = set()
    uploads = RequestUpload.objects.filter(
        item__inspection_id=inspection_id, contains_names=True, kind__in=("csv", "xlsx")
    )
    for upload in uploads:
        try:
            with upload.file.open("rb") as f:
                names |= names_in_file(f.read(), upload.kind)
        except Exception:  # a damaged or missing file must not stop the check: log it
            logger.warning("Could not read names from upload %s", upload.pk, exc_info=True)
    texts = [
        *CaseSample.objects.filter(inspection_id=inspection_id).values_list("summary", flat=True),
        *CaseAssessment.objects.filter(case__inspection_id=inspection_id).values_list(
            "note", flat=True
        ),
        *TrackedCase.objects.filter(inspection_id=inspection_id).values_list(
            "partnership_audit", flat=True
        ),
        *CaseTrackingAnswer.objects.filter(case__inspection_id=inspection_id).values_list(
            "answer", flat=True
        ),
    ]
    for text in texts:
        names |= names_in_text(text)
    return names

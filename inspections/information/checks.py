"""What the area may upload, judged by the file's content, never by its name or first bytes
alone: a PDF must parse, a CSV must be UTF-8 text with one consistent delimiter, a Word or
Excel file must be an Office Open XML package of the right kind. The size is checked before
anything is read."""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from pathlib import PurePath

from django.conf import settings

from jtai.exceptions import ApplicationError

logger = logging.getLogger(__name__)

PDF = "pdf"
CSV = "csv"
XLSX = "xlsx"
DOCX = "docx"
KINDS = (PDF, CSV, XLSX, DOCX)
ACCEPTED = "PDF, CSV, Excel (.xlsx) or Word (.docx)"

# The part of an Office Open XML package that says what the package is.
_MAIN_PART_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
}
_CSV_DELIMITERS = ",;\t|"
# An archive that expands beyond this many times the limit is refused (a zip bomb).
_MAX_EXPANSION = 20


def max_upload_bytes() -> int:
    return settings.JTAI_UPLOAD_MAX_BYTES


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def check_size(upload) -> None:
    """Refuse an empty or over-size file from its declared size, before reading a byte."""
    limit = max_upload_bytes()
    if upload.size is None or upload.size > limit:
        raise ApplicationError(f"The file must be smaller than {_megabytes(limit)}")
    if upload.size == 0:
        raise ApplicationError("The file is empty")


def _refuse(kind: str) -> ApplicationError:
    return ApplicationError(
        f"The file is not a valid {kind.upper()} file: check it opens, then upload it again"
    )


def _check_pdf(upload) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    upload.seek(0)
    if upload.read(5) != b"%PDF-":
        raise _refuse(PDF)
    upload.seek(0)
    try:
        reader = PdfReader(upload)
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        logger.info("PDF refused: %s", exc)
        raise _refuse(PDF) from exc
    if pages < 1:
        raise _refuse(PDF)


def _check_csv(upload) -> None:
    upload.seek(0)
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ApplicationError("The CSV file must be saved as UTF-8 text") from exc
    if "\x00" in text or text.lstrip().startswith("<"):
        raise _refuse(CSV)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise _refuse(CSV)
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines[:50]), delimiters=_CSV_DELIMITERS)
    except csv.Error as exc:
        raise _refuse(CSV) from exc
    try:
        widths = {len(row) for row in csv.reader(io.StringIO(text), dialect) if row}
    except csv.Error as exc:
        raise _refuse(CSV) from exc
    # Every row has the same number of fields, and there are at least two.
    if len(widths) != 1 or widths.pop() < 2:
        raise ApplicationError(
            "The CSV file must have the same number of columns, separated by the same "
            "character, on every row"
        )


def _check_office(upload, kind: str) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            members = package.infolist()
            if sum(m.file_size for m in members) > _MAX_EXPANSION * max_upload_bytes():
                raise _refuse(kind)
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names:
                raise _refuse(kind)
            content_types = package.read("[Content_Types].xml").decode("utf-8", "replace")
            if package.testzip() is not None:
                raise _refuse(kind)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise _refuse(kind) from exc
    if _MAIN_PART_TYPES[kind] not in content_types:
        raise _refuse(kind)


def check_upload(upload) -> str:
    """The kind of `upload` (pdf, csv, xlsx or docx), or ApplicationError saying why not.

    The size is judged first, from `upload.size`: an over-size file is never read."""
    check_size(upload)
    kind = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if kind not in KINDS:
        raise ApplicationError(f"The file must be a {ACCEPTED} file")
    if kind == PDF:
        _check_pdf(upload)
    elif kind == CSV:
        _check_csv(upload)
    else:
        _check_office(upload, kind)
    upload.seek(0)
    return kind

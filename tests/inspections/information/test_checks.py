"""Uploads are judged by content: a PDF must parse, a CSV must be consistent UTF-8 text, an
Office file must be the right kind of package; an over-size file is refused unread."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from inspections.information import checks
from jtai.exceptions import ApplicationError


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def office_bytes(kind: str) -> bytes:
    main = {
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    }[kind]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types"><Override PartName="/main.xml" ContentType="{main}"/></Types>',
        )
        package.writestr("main.xml", "<x/>")
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


class Unreadable:
    """An upload whose body must not be touched: the size alone refuses it."""

    name = "huge.pdf"

    def __init__(self, size):
        self.size = size

    def read(self, *args):
        raise AssertionError("the body was read")

    def seek(self, *args):
        raise AssertionError("the body was touched")

    def chunks(self, *args):
        raise AssertionError("the body was read")

    open = read


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("report.pdf", pdf_bytes(), "pdf"),
        ("children.csv", b"reference,age,plan\nC-001,14,CP\nC-002,15,CIN\n", "csv"),
        ("children.csv", "reference;age\nC-001;14\n".encode("utf-8-sig"), "csv"),
        ("children.xlsx", office_bytes("xlsx"), "xlsx"),
        ("audit.docx", office_bytes("docx"), "docx"),
    ],
)
def test_good_files_are_accepted(name, content, kind):
    assert checks.check_upload(upload(name, content)) == kind


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # A PDF header with an HTML body, with and without an end-of-file marker.
        ("report.pdf", b"%PDF-1.7\n<html><body><script>alert(1)</script></body></html>\n"),
        ("report.pdf", b"%PDF-1.4\n<html><body>not a pdf</body></html>\n%%EOF\n"),
        ("report.pdf", b"<html><body>not a pdf</body></html>"),
        ("children.csv", b"<html><body>a,b</body></html>\n<p>c,d</p>\n"),
        ("children.csv", b"reference,age\nC-001,14,extra\nC-002\n"),
        ("children.csv", "reference,age\nC-001,14\n".encode("utf-16")),
        ("children.csv", b"just one column\nno delimiter\n"),
        ("children.xlsx", b"PK\x03\x04 not really a zip"),
        ("children.xlsx", office_bytes("docx")),
        ("audit.docx", office_bytes("xlsx")),
        ("audit.exe", b"MZ\x90\x00"),
        ("notes.html", b"<html></html>"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(name, content):
    with pytest.raises(ApplicationError):
        checks.check_upload(upload(name, content))


def test_an_over_size_file_is_refused_before_it_is_read(settings):
    settings.JTAI_UPLOAD_MAX_BYTES = 1024 * 1024
    with pytest.raises(ApplicationError, match="smaller than 1 MB"):
        checks.check_upload(Unreadable(size=1024 * 1024 + 1))


def test_an_empty_file_is_refused():
    with pytest.raises(ApplicationError, match="empty"):
        checks.check_upload(upload("children.csv", b""))

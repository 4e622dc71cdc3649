"""A source file that is cut short or is not UTF-8 imports nothing, and the error names where."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agencies.factories import (
    BARNSLEY_ILACS,
    BARNSLEY_LOOKUP,
    ILACS_HEADER,
    LOOKUP_HEADER,
    write_csv,
)
from agencies.models import IlacsOutcome

pytestmark = pytest.mark.django_db


def _import(outcomes, lookup):
    call_command("import_ilacs_outcomes", str(outcomes), "--lookup", str(lookup), stdout=StringIO())


@pytest.fixture
def lookup(tmp_path):
    IlacsOutcome.objects.filter(authority__code__in=["BNS", "ROT"]).delete()
    return write_csv(tmp_path / "lookup.csv", LOOKUP_HEADER, BARNSLEY_LOOKUP)


def test_a_truncated_row_is_named_and_nothing_is_imported(lookup, tmp_path):
    path = write_csv(tmp_path / "ilacs.csv", ILACS_HEADER, BARNSLEY_ILACS)
    lines = path.read_text(encoding="utf-8").splitlines()
    # The data row loses its last columns, as a file cut off mid-row would.
    lines[1] = ",".join(lines[1].split(",")[:4])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = IlacsOutcome.objects.count()
    with pytest.raises(CommandError) as error:
        _import(path, lookup)
    assert "ilacs.csv: row 2:" in str(error.value)
    assert "cut short" in str(error.value)
    assert "Nothing was imported." in str(error.value)
    assert IlacsOutcome.objects.count() == before


def test_a_file_that_is_not_utf8_is_named_with_its_line_and_byte(lookup, tmp_path):
    path = write_csv(tmp_path / "ilacs.csv", ILACS_HEADER, BARNSLEY_ILACS)
    data = path.read_bytes().replace(b"barnsley", b"barnsl\xe9y", 1)
    path.write_bytes(data)
    before = IlacsOutcome.objects.count()
    with pytest.raises(CommandError) as error:
        _import(path, lookup)
    message = str(error.value)
    assert "ilacs.csv: row 2:" in message
    assert "not UTF-8" in message
    assert f"byte {data.index(bytes([0xE9]))}" in message
    assert IlacsOutcome.objects.count() == before

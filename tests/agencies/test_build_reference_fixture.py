"""build_reference_fixture: jtai's fixture, regenerated from the public files."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agencies.factories import (
    AUTHORITY_HEADER,
    ILACS_HEADER,
    LOOKUP_HEADER,
    NORTHAMPTONSHIRE,
    NORTHAMPTONSHIRE_LOOKUP,
    write_csv,
)
from agencies.models import LocalAuthority

NORTH_NORTHANTS_ILACS = [
    "2637539", "EM", "north northamptonshire", "940",
    "https://files.ofsted.gov.uk/v1/file/50200000", "requires improvement", "standard",
    "03/10/2022", "14/10/2022", "25/11/22", "requires improvement", "requires improvement",
    "requires improvement", "inspection_pre_dates_judgement",
]  # fmt: skip


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "public"
    folder.mkdir()
    write_csv(folder / "uk_local_authorities.csv", AUTHORITY_HEADER, NORTHAMPTONSHIRE)
    write_csv(folder / "ofsted_la_lookup.csv", LOOKUP_HEADER, NORTHAMPTONSHIRE_LOOKUP)
    write_csv(folder / "ofsted_ilacs_outcomes.csv", ILACS_HEADER, [NORTH_NORTHANTS_ILACS])
    return folder


def build(source, output) -> str:
    out = StringIO()
    call_command("build_reference_fixture", source=str(source), output=str(output), stdout=out)
    return out.getvalue()


def test_builds_the_fixture_from_the_public_files(source, tmp_path):
    output = tmp_path / "reference.json"
    message = build(source, output)
    assert "2 current and 1 former authorities, 1 ILACS outcomes" in message
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["format"] == "jtai-reference/1"
    by_code = {a["code"]: a for a in data["authorities"]}
    assert set(by_code) == {"NTH", "NNT", "WNT"}
    assert by_code["NTH"]["successors"] == ["E06000061", "E06000062"]
    assert by_code["NTH"]["end_date"] == "2021-04-01"
    assert by_code["NNT"]["neighbours"] == ["E06000062"]
    assert by_code["NNT"]["la_code"] == "940"
    (outcome,) = data["ilacs_outcomes"]
    assert outcome["authority"] == "E06000061"
    assert outcome["start_date"] == "2022-10-03"
    assert outcome["overall_effectiveness"] == "requires_improvement"
    assert outcome["care_leavers"] == ""
    # The same files give the same fixture, byte for byte.
    first = output.read_bytes()
    build(source, output)
    assert output.read_bytes() == first


@pytest.mark.django_db
def test_load_reference_data_reads_a_built_fixture(source, tmp_path):
    output = tmp_path / "reference.json"
    build(source, output)
    out = StringIO()
    call_command("load_reference_data", fixture=str(output), stdout=out)
    # The real data already has these three; the small lookup changes their neighbours.
    assert "3 local authorities: 0 created, 2 updated, 1 unchanged" in out.getvalue()
    assert LocalAuthority.objects.get(code="NNT").neighbour_links.count() == 1


def test_a_missing_public_file_is_named(source, tmp_path):
    (source / "ofsted_la_lookup.csv").unlink()
    with pytest.raises(CommandError, match="ofsted_la_lookup.csv is not in"):
        build(source, tmp_path / "out.json")


def test_a_current_authority_missing_from_the_lookup_is_refused(source, tmp_path):
    write_csv(source / "ofsted_la_lookup.csv", LOOKUP_HEADER, NORTHAMPTONSHIRE_LOOKUP[:1])
    with pytest.raises(CommandError, match="missing from ofsted_la_lookup.csv: North Northam"):
        build(source, tmp_path / "out.json")
    assert not (tmp_path / "out.json").exists()

"""import_local_authorities and import_ilacs_outcomes: good file, re-import, bad file."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agencies.factories import (
    AUTHORITY_HEADER,
    BARNSLEY_ILACS,
    BARNSLEY_LOOKUP,
    ILACS_HEADER,
    LOOKUP_HEADER,
    NORTHAMPTONSHIRE,
    NORTHAMPTONSHIRE_LOOKUP,
    write_csv,
)
from agencies.models import Grade, IlacsOutcome, LocalAuthority, Region, StatisticalNeighbour

pytestmark = pytest.mark.django_db

NORTHANTS_GSS = ["E10000021", "E06000061", "E06000062"]


def run(command, *args) -> str:
    out = StringIO()
    call_command(command, *[str(arg) for arg in args], stdout=out)
    return out.getvalue()


def snapshot():
    """Everything the imports write, to prove a failed import wrote nothing."""
    return (
        sorted(LocalAuthority.objects.values_list()),
        sorted(StatisticalNeighbour.objects.values_list("authority_id", "neighbour_id", "rank")),
        sorted(LocalAuthority.successors.through.objects.values_list()),
        sorted(IlacsOutcome.objects.values_list()),
    )


@pytest.fixture
def northants(tmp_path):
    """The Northamptonshire rows, with the authorities removed from the database first."""
    LocalAuthority.objects.filter(gss_code__in=NORTHANTS_GSS).delete()
    authorities = write_csv(tmp_path / "authorities.csv", AUTHORITY_HEADER, NORTHAMPTONSHIRE)
    lookup = write_csv(tmp_path / "lookup.csv", LOOKUP_HEADER, NORTHAMPTONSHIRE_LOOKUP)
    return authorities, lookup


def test_import_creates_authorities_with_successors_and_lookup_codes(northants):
    authorities, lookup = northants
    out = run("import_local_authorities", authorities, "--lookup", lookup)
    assert "3 local authorities: 3 created, 0 updated, 0 unchanged (2 rows skipped)" in out

    county = LocalAuthority.objects.get(gss_code="E10000021")
    assert county.end_date == datetime.date(2021, 4, 1)
    assert county.la_code == "928" and county.ofsted_urn == "121939"
    assert set(county.successors.values_list("code", flat=True)) == {"NNT", "WNT"}
    north = LocalAuthority.objects.get(code="NNT")
    assert (north.la_code, north.ofsted_urn, north.region) == (
        "940",
        "2637539",
        Region.EAST_MIDLANDS,
    )
    assert north.population_0_25 == 107825
    assert north.slug == "north-northamptonshire"
    assert [link.neighbour.code for link in north.neighbour_links.all()] == ["WNT"]
    assert not LocalAuthority.objects.filter(code__in=["KET", "ABE"]).exists()


def test_a_second_import_changes_nothing(northants):
    authorities, lookup = northants
    run("import_local_authorities", authorities, "--lookup", lookup)
    before = snapshot()
    out = run("import_local_authorities", authorities, "--lookup", lookup)
    assert "3 local authorities: 0 created, 0 updated, 3 unchanged" in out
    assert snapshot() == before


def test_without_the_lookup_codes_from_an_earlier_import_are_kept(northants):
    authorities, lookup = northants
    run("import_local_authorities", authorities, "--lookup", lookup)
    out = run("import_local_authorities", authorities)
    assert "0 created, 0 updated, 3 unchanged" in out
    assert LocalAuthority.objects.get(code="NNT").la_code == "940"


def test_a_changed_row_updates_only_that_authority(northants, tmp_path):
    authorities, lookup = northants
    run("import_local_authorities", authorities, "--lookup", lookup)
    rows = [list(row) for row in NORTHAMPTONSHIRE]
    rows[2][1] = "North Northamptonshire Unitary Council"
    changed = write_csv(tmp_path / "changed.csv", AUTHORITY_HEADER, rows)
    out = run("import_local_authorities", changed, "--lookup", lookup)
    assert "0 created, 1 updated, 2 unchanged" in out
    assert LocalAuthority.objects.get(code="NNT").official_name.endswith("Unitary Council")


def test_the_public_end_date_convention_is_normalised(tmp_path):
    """Bournemouth ends "2019-03-31" in the register; BCP starts 2019-04-01: no gap."""
    LocalAuthority.objects.filter(code__in=["BMH", "BPC"]).delete()
    rows = [
        ["BMH", "Bournemouth Borough Council", "Bournemouth", "E06000028", "2005-06-19",
         "2019-03-31", "BPC", "England", "", "UA", "False"],
        ["BPC", "Bournemouth, Christchurch and Poole Council",
         "Bournemouth, Christchurch and Poole", "E06000058", "2019-04-01", "", "", "England",
         "South West", "UA", "True"],
    ]  # fmt: skip
    path = write_csv(tmp_path / "bcp.csv", AUTHORITY_HEADER, rows)
    run("import_local_authorities", path)
    bournemouth = LocalAuthority.objects.get(code="BMH")
    assert bournemouth.end_date == datetime.date(2019, 4, 1)
    assert bournemouth.region == Region.SOUTH_WEST  # from its successor


def _replace(rows, index, column, value, header=AUTHORITY_HEADER):
    rows = [list(row) for row in rows]
    rows[index][header.index(column)] = value
    return rows


@pytest.mark.parametrize(
    ("row_index", "column", "value", "message"),
    [
        (2, "gss-code", "E0X", "row 4: gss-code 'E0X' is not a GSS code"),
        (3, "gss-code", "E06000061", "row 5: gss-code 'E06000061' is already on row 4"),
        (2, "start-date", "2021-13-01", "row 4: start-date '2021-13-01' is not a date"),
        (1, "end-date", "31/03/2021", "row 3: end-date '31/03/2021' is not a date"),
        (1, "replaced-by", "NNT,ZZZ", "row 3: replaced-by 'ZZZ' is not a children's services"),
        (3, "nice-name", "", "row 5: nice-name is empty"),
        (3, "local-authority-code", "w1", "row 5: local-authority-code 'w1' is not a register"),
        (2, "region", "Atlantis", "row 4: region 'Atlantis' is not an English region"),
        # A district jtai skips is still checked: a malformed row means a damaged file.
        (0, "gss-code", "E07", "row 2: gss-code 'E07' is not a GSS code"),
        (0, "start-date", "1 April 1974", "row 2: start-date '1 April 1974' is not a date"),
        (4, "nation", "Englnd", "row 6: nation 'Englnd' is not a UK nation"),
    ],
)
def test_a_bad_row_imports_nothing_and_names_row_and_field(
    northants, tmp_path, row_index, column, value, message
):
    _, lookup = northants
    rows = _replace(NORTHAMPTONSHIRE, row_index, column, value)
    bad = write_csv(tmp_path / "bad.csv", AUTHORITY_HEADER, rows)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        run("import_local_authorities", bad, "--lookup", lookup)
    assert "Nothing was imported." in str(error.value)
    assert f"bad.csv: {message}" in str(error.value)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("row_index", "column", "value", "message"),
    [
        (1, "la_code", "94", "row 3: la_code '94' is not a 3-digit DfE LA code"),
        (1, "urn", "URN1", "row 3: urn 'URN1' is not an Ofsted URN"),
        (2, "stat_neighbours", "940, 999", "row 4: stat_neighbours '999' is not an LA code"),
        (1, "region_code", "XX", "row 3: region_code 'XX' is not an Ofsted region code"),
        (1, "la_code_new", "E0X", "row 3: la_code_new 'E0X' is not a GSS code"),
        (2, "ons_population_0-25", "lots", "row 4: ons_population_0-25 'lots' is not a whole"),
    ],
)
def test_a_bad_lookup_row_imports_nothing(northants, tmp_path, row_index, column, value, message):
    authorities, _ = northants
    rows = _replace(NORTHAMPTONSHIRE_LOOKUP, row_index, column, value, LOOKUP_HEADER)
    lookup = write_csv(tmp_path / "badlookup.csv", LOOKUP_HEADER, rows)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        run("import_local_authorities", authorities, "--lookup", lookup)
    assert f"badlookup.csv: {message}" in str(error.value)
    assert snapshot() == before


def test_a_value_the_database_refuses_names_its_row_and_imports_nothing(northants, tmp_path):
    """Barnsley already holds DfE LA code 370; the earlier good rows are rolled back too."""
    authorities, _ = northants
    rows = _replace(NORTHAMPTONSHIRE_LOOKUP, 2, "la_code", "370", LOOKUP_HEADER)
    rows[1][LOOKUP_HEADER.index("stat_neighbours")] = "370"
    lookup = write_csv(tmp_path / "lookup.csv", LOOKUP_HEADER, rows)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        run("import_local_authorities", authorities, "--lookup", lookup)
    assert "lookup.csv: row 4: la_code '370': Local authority with this DfE LA code" in str(
        error.value
    )
    assert "already exists" in str(error.value)
    assert snapshot() == before
    assert not LocalAuthority.objects.filter(gss_code__in=NORTHANTS_GSS).exists()


def test_a_file_without_a_needed_column_is_refused(tmp_path):
    header = [c for c in AUTHORITY_HEADER if c != "gss-code"]
    path = write_csv(tmp_path / "short.csv", header, [])
    with pytest.raises(CommandError, match="short.csv: row 1: gss-code column is missing"):
        run("import_local_authorities", path)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="nowhere.csv: file cannot be read"):
        run("import_local_authorities", tmp_path / "nowhere.csv")


# --- ILACS outcomes ----------------------------------------------------------------------


@pytest.fixture
def barnsley(tmp_path):
    IlacsOutcome.objects.filter(authority__code__in=["BNS", "ROT"]).delete()
    outcomes = write_csv(tmp_path / "ilacs.csv", ILACS_HEADER, BARNSLEY_ILACS)
    lookup = write_csv(tmp_path / "lookup.csv", LOOKUP_HEADER, BARNSLEY_LOOKUP)
    return outcomes, lookup


def test_ilacs_import_creates_then_changes_nothing(barnsley):
    outcomes, lookup = barnsley
    out = run("import_ilacs_outcomes", outcomes, "--lookup", lookup)
    assert "1 ILACS outcomes: 1 created, 0 updated, 0 unchanged (1 rows skipped)" in out
    outcome = IlacsOutcome.objects.get(authority__code="BNS")
    assert outcome.start_date == datetime.date(2023, 9, 11)
    assert outcome.publication_date == datetime.date(2023, 10, 27)
    assert outcome.help_and_protection == Grade.REQUIRES_IMPROVEMENT
    assert not IlacsOutcome.objects.filter(authority__code="ROT").exists()

    before = snapshot()
    out = run("import_ilacs_outcomes", outcomes, "--lookup", lookup)
    assert "0 created, 0 updated, 1 unchanged" in out
    assert snapshot() == before


def test_ilacs_import_updates_a_changed_grade(barnsley, tmp_path):
    outcomes, lookup = barnsley
    run("import_ilacs_outcomes", outcomes, "--lookup", lookup)
    rows = _replace(BARNSLEY_ILACS, 0, "in_care_grade", "outstanding", ILACS_HEADER)
    changed = write_csv(tmp_path / "changed.csv", ILACS_HEADER, rows)
    out = run("import_ilacs_outcomes", changed, "--lookup", lookup)
    assert "0 created, 1 updated, 0 unchanged" in out
    assert IlacsOutcome.objects.get(authority__code="BNS").in_care == Grade.OUTSTANDING


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("overall_effectiveness_grade", "excellent", "overall_effectiveness_grade 'excellent'"),
        ("inspection_start_date", "2023-09-11", "inspection_start_date '2023-09-11' is not a date"),
        ("inspection_end_date", "01/09/2023", "inspection_end_date is before the start date"),
        ("inspection_framework", "long", "inspection_framework 'long' is not short or standard"),
        ("publication_date", "31/02/23", "publication_date '31/02/23' is not a date"),
        ("la_code", "999", "la_code '999' is not an LA code of the lookup"),
        ("inspection_link", "not a link", "inspection_link 'not a link' is not a web address"),
    ],
)
def test_a_bad_ilacs_row_imports_nothing(barnsley, tmp_path, column, value, message):
    _, lookup = barnsley
    good_row = list(BARNSLEY_ILACS[0])
    good_row[ILACS_HEADER.index("la_code")] = "372"  # Rotherham, a good row first
    rows = [good_row, *_replace(BARNSLEY_ILACS[:1], 0, column, value, ILACS_HEADER)]
    bad = write_csv(tmp_path / "bad.csv", ILACS_HEADER, rows)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        run("import_ilacs_outcomes", bad, "--lookup", lookup)
    assert f"bad.csv: row 3: {message}" in str(error.value)
    assert snapshot() == before


def test_ilacs_for_an_authority_not_yet_imported_is_refused(barnsley, tmp_path):
    outcomes, lookup = barnsley
    LocalAuthority.objects.filter(code="BNS").delete()
    with pytest.raises(CommandError, match="row 2: la_code matches GSS code 'E08000016'"):
        run("import_ilacs_outcomes", outcomes, "--lookup", lookup)


def test_ilacs_import_needs_the_lookup(barnsley):
    outcomes, _ = barnsley
    with pytest.raises(CommandError, match="--lookup"):
        run("import_ilacs_outcomes", outcomes)

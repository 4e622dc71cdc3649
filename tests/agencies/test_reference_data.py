"""The real reference data every database gets from the data migration."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from agencies.models import (
    Grade,
    IlacsFramework,
    IlacsOutcome,
    LocalAuthority,
    Region,
    StatisticalNeighbour,
)
from agencies.reference import FIXTURE_PATH, FORMAT

pytestmark = pytest.mark.django_db

FORMER = {
    # register code: (name, replaced on, successors' GSS codes)
    "BMH": ("Bournemouth", datetime.date(2019, 4, 1), {"E06000058"}),
    "POL": ("Poole", datetime.date(2019, 4, 1), {"E06000058"}),
    "DOR": ("Dorset County", datetime.date(2019, 4, 1), {"E06000059"}),
    "BKM": ("Buckinghamshire County", datetime.date(2020, 4, 1), {"E06000060"}),
    "NTH": ("Northamptonshire", datetime.date(2021, 4, 1), {"E06000061", "E06000062"}),
    "CMA": ("Cumbria", datetime.date(2023, 4, 1), {"E06000063", "E06000064"}),
    "NYK": ("North Yorkshire", datetime.date(2023, 4, 1), {"E06000065"}),
    "SOM": ("Somerset", datetime.date(2023, 4, 1), {"E06000066"}),
}


def test_the_153_current_authorities_have_unique_codes_and_a_region():
    current = LocalAuthority.objects.current()
    assert current.count() == 153
    rows = list(current.values("gss_code", "la_code", "ofsted_urn", "region", "la_type"))
    assert len({r["gss_code"] for r in rows}) == 153
    assert len({r["la_code"] for r in rows}) == 153
    assert len({r["ofsted_urn"] for r in rows}) == 153
    assert all(r["region"] in Region.values for r in rows)
    assert all(r["la_code"] and len(r["la_code"]) == 3 for r in rows)
    # 33 London boroughs including the City of London; 36 metropolitan districts.
    by_type = {}
    for row in rows:
        by_type[row["la_type"]] = by_type.get(row["la_type"], 0) + 1
    assert by_type == {"LBO": 32, "CC": 1, "MD": 36, "UA": 63, "CTY": 21}
    assert current.filter(region=Region.LONDON).count() == 33


def test_regions_are_ofsted_regions_not_the_register_regions():
    # mySociety's register puts Derbyshire in the West Midlands; Ofsted, correctly, not.
    assert LocalAuthority.objects.get(code="DBY").region == Region.EAST_MIDLANDS
    assert LocalAuthority.objects.get(code="LIN").region == Region.EAST_MIDLANDS
    assert LocalAuthority.objects.get(code="MDW").region == Region.SOUTH_EAST


@pytest.mark.parametrize("code", sorted(FORMER))
def test_reorganised_authorities_are_end_dated_with_their_successors(code):
    name, replaced_on, successors = FORMER[code]
    former = LocalAuthority.objects.get(code=code)
    assert former.name == name
    assert former.end_date == replaced_on
    assert not former.is_current
    assert former.region
    assert set(former.successors.values_list("gss_code", flat=True)) == successors
    for successor in former.successors.all():
        assert successor.is_current
        # No gap, no overlap: the successor starts the day the former authority ends.
        assert successor.start_date == former.end_date
        assert former in successor.predecessors.all()


def test_northamptonshire_became_north_and_west_northamptonshire():
    county = LocalAuthority.objects.get(gss_code="E10000021")
    assert sorted(county.successors.values_list("name", flat=True)) == [
        "North Northamptonshire",
        "West Northamptonshire",
    ]
    assert county.la_code == "928"
    on_the_eve = datetime.date(2021, 3, 31)
    assert LocalAuthority.objects.current(on_the_eve).filter(pk=county.pk).exists()
    assert not LocalAuthority.objects.current(on_the_eve).filter(code="NNT").exists()
    assert LocalAuthority.objects.current(on_the_eve).count() == 153 - 1 - 1 + 1 - 1


def test_only_the_eight_former_authorities_are_not_current():
    former = LocalAuthority.objects.exclude(pk__in=LocalAuthority.objects.current().values("pk"))
    assert set(former.values_list("code", flat=True)) == set(FORMER)


def test_statistical_neighbours_are_ten_current_authorities_in_rank_order():
    links = StatisticalNeighbour.objects.select_related("authority", "neighbour")
    per_authority = {}
    for link in links:
        per_authority.setdefault(link.authority.gss_code, []).append(link)
    assert len(per_authority) == 153
    for gss_code, ranked in per_authority.items():
        assert sorted(link.rank for link in ranked) == list(range(1, 11)), gss_code
        assert all(link.neighbour.is_current for link in ranked)
        assert all(link.neighbour_id != link.authority_id for link in ranked)
    barnsley = LocalAuthority.objects.get(gss_code="E08000016")
    first = barnsley.neighbour_links.get(rank=1).neighbour
    assert first.name == "Rotherham"


def test_latest_ilacs_outcomes_are_loaded_with_every_grade():
    assert IlacsOutcome.objects.count() >= 151
    assert IlacsOutcome.objects.values("authority").distinct().count() == 151
    barnsley = IlacsOutcome.objects.get(authority__gss_code="E08000016")
    assert barnsley.framework == IlacsFramework.SHORT
    assert barnsley.start_date == datetime.date(2023, 9, 11)
    assert barnsley.end_date == datetime.date(2023, 9, 15)
    assert barnsley.publication_date == datetime.date(2023, 10, 27)
    assert barnsley.overall_effectiveness == Grade.GOOD
    assert barnsley.help_and_protection == Grade.REQUIRES_IMPROVEMENT
    assert barnsley.report_url == "https://files.ofsted.gov.uk/v1/file/50231520"
    grades = set(IlacsOutcome.objects.values_list("overall_effectiveness", flat=True))
    assert grades == {"", *Grade.values}


def test_rows_without_a_grade_or_an_inspection_are_kept_honest():
    brent = IlacsOutcome.objects.get(authority__name="Brent")
    assert brent.overall_effectiveness == ""  # the public file has no overall grade
    assert brent.impact_of_leaders == Grade.GOOD
    # Brighton and Hove, Nottingham: the public file records no inspection dates.
    assert not IlacsOutcome.objects.filter(authority__name__in=["Brighton and Hove", "Nottingham"])
    # Inspections before 2023 made no separate care leavers judgement.
    assert IlacsOutcome.objects.get(authority__code="NNT").care_leavers == ""


def test_load_reference_data_is_idempotent_and_repairs_changes():
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    assert "161 local authorities: 0 created, 0 updated, 161 unchanged" in out.getvalue()
    assert "151 ILACS outcomes: 0 created, 0 updated, 151 unchanged" in out.getvalue()

    LocalAuthority.objects.filter(code="BNS").update(name="Barnsleigh")
    IlacsOutcome.objects.filter(authority__code="WKF").delete()
    StatisticalNeighbour.objects.filter(authority__code="LDS", rank=1).delete()
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    assert "161 local authorities: 0 created, 2 updated, 159 unchanged" in out.getvalue()
    assert "151 ILACS outcomes: 1 created, 0 updated, 150 unchanged" in out.getvalue()
    assert LocalAuthority.objects.get(code="BNS").name == "Barnsley"
    assert LocalAuthority.objects.get(code="LDS").neighbour_links.count() == 10
    assert LocalAuthority.objects.count() == 161


def test_the_fixture_is_jtai_own_compact_format():
    data = json.loads(FIXTURE_PATH.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT
    assert len(data["authorities"]) == 161
    assert len(data["ilacs_outcomes"]) == 151
    assert sum(1 for a in data["authorities"] if a["end_date"] is None) == 153
    # One record a line, so a refresh reads as a diff.
    assert FIXTURE_PATH.read_text(encoding="utf-8").count("\n") == 161 + 151 + 8


def test_latest_ilacs_grade_can_be_filtered_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        inadequate = list(
            LocalAuthority.objects.current()
            .with_latest_ilacs()
            .filter(latest_ilacs_grade=Grade.INADEQUATE)
            .values_list("name", "latest_ilacs_date")
        )
    assert len(inadequate) == 12  # 13 in the file; Nottingham's row has no inspection dates
    assert all(isinstance(day, datetime.date) for _, day in inadequate)
    no_outcome = LocalAuthority.objects.with_latest_ilacs().get(name="Nottingham")
    assert no_outcome.latest_ilacs_grade is None

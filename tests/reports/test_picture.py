"""The published picture: the hex map of the 153 areas (one named shape per area, the same
facts in its table), the admins' map of planning, and the charts with their tables; each
page a fixed number of queries however many reports there are."""

import json
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import LocalAuthority
from inspections.models import Inspection, Status
from reports import picture
from reports.models import Publication
from reports.opendata import OpenDataJudgement
from tests.reports.test_register_search import _copies, _publish

pytestmark = pytest.mark.django_db
MAP = reverse("reports:map")
CHARTS = reverse("reports:charts")


class MapReader(HTMLParser):
    """The map's hexes (their accessible names) and its table's rows."""

    def __init__(self, html: str):
        super().__init__()
        self.hexes: dict[str, dict] = {}
        self.rows: dict[str, list[str]] = {}
        self._row = None
        self._cell = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "g" and "jtai-hex" in (attrs.get("class") or "").split():
            self.hexes[attrs["data-gss"]] = attrs
        elif tag == "polygon" and self.hexes and "fill" in attrs:
            last = list(self.hexes.values())[-1]
            last.setdefault("fill", attrs["fill"])
        elif tag == "tr" and attrs.get("data-gss"):
            self._row = attrs["data-gss"]
            self.rows[self._row] = []
        elif tag in ("td", "th") and self._row:
            self._cell = []
        elif tag == "a" and self._row and self._cell is not None:
            self.rows[self._row].append(f"link:{attrs['href']}")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[self._row].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _current_areas() -> dict[str, str]:
    return dict(
        LocalAuthority.objects.current().with_childrens_services().values_list("gss_code", "name")
    )


def test_the_layout_is_the_153_current_areas_each_in_its_own_hex():
    layout = picture.hexmap()
    assert layout["layout"] == "odd-r"
    assert {"title", "publisher", "url", "licence"} <= set(layout["source"])
    hexes = layout["hexes"]
    assert set(hexes) == set(_current_areas())
    assert len(hexes) == 153
    assert len({(h["q"], h["r"]) for h in hexes.values()}) == 153
    # The reorganisations of 2019 to 2023 are in; the authorities they ended are not.
    for gss in (
        "E06000058",
        "E06000059",
        "E06000060",
        "E06000061",
        "E06000062",
        "E06000063",
        "E06000064",
        "E06000065",
        "E06000066",
    ):
        assert gss in hexes
    for ended in ("E10000002", "E10000006", "E10000021", "E10000023", "E10000027"):
        assert ended not in hexes
    # The file is HexJSON others can read.
    assert json.loads(picture.HEXMAP_PATH.read_text())["hexes"] == hexes


def test_one_named_shape_per_area_and_the_table_says_the_same(client):
    haringey = _publish(authority="haringey")
    letter = _publish(authority="leeds", framework="jtai")
    response = client.get(MAP)
    assert response.status_code == 200
    page = MapReader(response.content.decode())
    areas = _current_areas()
    assert set(page.hexes) == set(areas) and len(page.hexes) == 153
    assert set(page.rows) == set(areas)
    for gss, name in areas.items():
        label = page.hexes[gss]["aria-label"]
        assert page.hexes[gss]["role"] == "img"
        assert label.startswith(f"{name}: ")
        row = page.rows[gss]
        cells = [c for c in row if not c.startswith("link:")]
        # Area, region, what it is shown as, the details: the hex's name says the same.
        assert cells[0] == name
        said = label.removeprefix(f"{name}: ")
        assert cells[3] == said[0].upper() + said[1:]
    weakest = min(
        OpenDataJudgement.objects.filter(publication=haringey).exclude(grade_code=""),
        key=lambda j: picture.WEAKEST_FIRST.index(j.grade_code),
    ).grade_code
    gss = haringey.inspection.authority.gss_code
    assert page.hexes[gss]["data-category"] == weakest
    assert f"link:{reverse('reports:detail', args=[haringey.slug])}" in page.rows[gss]
    assert "weakest judgement" in page.hexes[gss]["aria-label"]
    assert page.hexes[letter.inspection.authority.gss_code]["data-category"] == "letter"
    assert "not graded" in page.hexes[letter.inspection.authority.gss_code]["aria-label"]
    untouched = page.hexes["E06000014"]  # York
    assert untouched["data-category"] == "none"
    assert untouched["aria-label"] == "York: no published report"
    html = response.content.decode()
    assert "Requires improvement (" in html and "No published report (151 areas)" in html


def test_an_embargoed_report_is_not_on_the_map(client):
    from django.utils import timezone

    publication = _publish(authority="haringey")
    Publication.objects.filter(pk=publication.pk).update(
        publish_at=timezone.now() + timezone.timedelta(days=2)
    )
    page = MapReader(client.get(MAP).content.decode())
    assert page.hexes[publication.inspection.authority.gss_code]["data-category"] == "none"


def test_the_ilacs_map_reads_the_reference_data(client):
    page = MapReader(client.get(MAP, {"show": "ilacs"}).content.decode())
    annotated = {
        a.gss_code: a.latest_ilacs_grade
        for a in LocalAuthority.objects.current().with_childrens_services().with_latest_ilacs()
    }
    for gss, grade in annotated.items():
        if grade:
            assert page.hexes[gss]["data-category"] == grade
    assert sum(1 for h in page.hexes.values() if h["data-category"] == "outstanding") > 10


def test_planning_is_for_admins_only(client, admin, lead_inspector):
    from inspections.factories import InspectionFactory

    planned = InspectionFactory(status=Status.PLANNED)
    under_way = InspectionFactory(status=Status.MODERATION)
    assert client.get(MAP, {"show": "planning"}).status_code == 404
    client.force_login(lead_inspector)
    assert client.get(MAP, {"show": "planning"}).status_code == 404
    assert b"planning" not in client.get(MAP).content.split(b"<main")[1].split(b"</select>")[0]
    client.force_login(admin)
    response = client.get(MAP, {"show": "planning"})
    assert response.status_code == 200
    page = MapReader(response.content.decode())
    assert page.hexes[planned.authority.gss_code]["data-category"] == "planned"
    assert page.hexes[under_way.authority.gss_code]["data-category"] == "under_way"
    assert "moderation" in page.hexes[under_way.authority.gss_code]["aria-label"]
    assert (
        f"link:{reverse('inspections:detail', args=[planned.pk])}"
        in page.rows[planned.authority.gss_code]
    )


def test_a_map_that_is_not_on_the_list_is_a_400(client):
    response = client.get(MAP, {"show": "weather"})
    assert response.status_code == 400
    assert "Select what the map should show from the list" in response.content.decode()


def test_charts_count_published_judgements_with_their_tables(client):
    publication = _publish(authority="haringey")
    _publish(authority="leeds", framework="jtai")
    response = client.get(CHARTS)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == 2
    rows = {r["label"]: r for r in response.context["type_rows"]}
    stated = OpenDataJudgement.objects.all()
    assert sum(r["total"] for r in rows.values()) == stated.count()
    partnership = stated.filter(agency_type="Partnership", publication=publication)
    assert rows["Partnership"]["total"] >= partnership.count() > 0
    year = publication.publish_at.year
    (year_row,) = [r for r in response.context["year_rows"] if r["label"] == year]
    assert year_row["total"] == stated.count()
    # Not graded is the last series: the letter's judgements are there.
    assert year_row["counts"][-1] == stated.filter(grade_code="").count() > 0
    assert "Published judgements by type of agency and grade" in html


def test_map_and_charts_query_counts_are_flat(client):
    template = _publish(authority="city-of-bristol")
    counts = []
    for total in (20, 200):
        _copies(template, total - Publication.objects.count())
        for url in (MAP, CHARTS):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            assert not any("snapshot" in q["sql"] for q in queries.captured_queries)
            counts.append(len(queries.captured_queries))
    assert counts == [3, 1, 3, 1], counts


def test_planning_map_query_count_is_flat(client, admin):
    from inspections.factories import InspectionFactory

    client.force_login(admin)
    counts = []
    for total in (5, 50):
        while Inspection.objects.count() < total:
            InspectionFactory(
                status=Status.PLANNED if Inspection.objects.count() % 2 else Status.FIELDWORK
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(MAP, {"show": "planning"}).status_code == 200
        counts.append(len(queries.captured_queries))
    # The session and its user, the areas, the inspections, the proposals.
    assert counts[0] == counts[1], counts
    print("PLANCOUNTS", counts)
    assert counts[0] <= 6, counts

"""The open-data CSV of published judgements: no cell a spreadsheet would run as a formula."""

import csv
import io

import pytest
from django.urls import reverse

from reports.factories import build_inspection, publish_directly
from reports.models import ReportVersion

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://evil.example/","Click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_cells_that_start_like_a_formula_are_quoted(client):
    publication = publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    version = publication.version
    snapshot = version.snapshot
    snapshot["authority"]["name"] = FORMULAS[0]
    judgements = [j for agency in snapshot["agencies"] for j in agency["judgements"]]
    assert len(judgements) >= len(FORMULAS) - 1
    snapshot["agencies"][0]["name"] = FORMULAS[0]
    for judgement, text in zip(judgements, FORMULAS[1:], strict=False):
        judgement["area_title"] = text
    ReportVersion.objects.filter(pk=version.pk).update(snapshot=snapshot)

    response = client.get(reverse("reports:judgements-csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode(), newline="")))
    assert rows
    assert {row["local_authority"] for row in rows} == {"'" + FORMULAS[0]}
    assert rows[0]["agency"] == "'" + FORMULAS[0]
    titles = {row["judgement_area"] for row in rows}
    for text in FORMULAS[1:]:
        assert "'" + text in titles
        assert text not in titles
    # Ordinary text is left alone.
    assert rows[0]["report"].startswith("http")
    for row in rows:
        for value in row.values():
            assert not value or value[0] not in "=+-@\t\r"

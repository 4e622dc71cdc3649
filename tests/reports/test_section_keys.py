"""The report's sections are created once: later visits of the report page know they all exist
from the keys alone, without writing the pre-filled texts again, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.factories import build_inspection
from reports.services import report_sections_ensure
from reports.services.sections import section_keys, section_plan

pytestmark = pytest.mark.django_db

# Session, user, the inspection with the user's role, then the page's own: the sections (and the
# two reads that tell they are all there), versions, jobs, and what blocks generating.
MANAGE_QUERIES = 12


@pytest.mark.parametrize("framework", ["integrated-2015", "jtai", "child-protection-2012"])
def test_the_keys_are_the_plans_keys(framework):
    inspection = build_inspection(framework=framework, cases=0, evidence_per_agency=0)
    assert section_keys(inspection) == {entry["key"] for entry in section_plan(inspection)}


@pytest.mark.parametrize("framework", ["integrated-2015", "jtai"])
def test_sections_that_exist_are_not_planned_again(framework):
    inspection = build_inspection(framework=framework, cases=0, evidence_per_agency=0)
    first = report_sections_ensure(inspection=inspection)
    with CaptureQueriesContext(connection) as queries:
        again = report_sections_ensure(inspection=inspection)
    assert [s.pk for s in again] == [s.pk for s in first]
    # The sections, then (for a summary report) the judged agencies and the shared areas:
    # no judgement's text, no contact, no inspectorate's name.
    reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    assert len(reads) <= 3
    for sql in reads:
        assert "strengths" not in sql
        assert "areacontact" not in sql


def test_the_report_page_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, page_cache_off
):
    inspection = build_inspection(cases=2, evidence_per_agency=1)
    client.force_login(inspection.leads["ofsted"])
    url = reverse("reports:inspection", args=[inspection.pk])
    assert client.get(url).status_code == 200  # the first visit creates the sections
    with django_assert_max_num_queries(MANAGE_QUERIES):
        assert client.get(url).status_code == 200

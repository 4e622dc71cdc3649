"""The public register: search (PostgreSQL full text, and the plain SQLite fallback), filters
in any combination, 400 for a choice not on the list, and a flat number of queries that never
reads a version's snapshot."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inspections.factories import InspectionFactory
from inspections.models import Judgement, Status
from reports import search
from reports.factories import build_inspection, publish_directly
from reports.models import Publication, ReportVersion, VersionKind
from reports.opendata import OpenDataJudgement
from reports.services.publication import publication_create

pytestmark = pytest.mark.django_db
REGISTER = reverse("reports:register")


def _publish(authority=None, framework="integrated-2015", words="", days_ago=1):
    inspection = build_inspection(
        framework=framework, authority=authority, cases=0, evidence_per_agency=0, contacts=False
    )
    if words:
        judgement = Judgement.objects.filter(inspection=inspection).first()
        judgement.evidence_summary += f"\n\n{words}"
        judgement.save(update_fields=["evidence_summary"])
    return publish_directly(
        inspection, publish_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def _copies(template: Publication, n: int) -> None:
    """`n` more publications carrying the template's snapshot (as large as a real one), each
    of its own inspection, through the publication service."""
    snapshot = template.version.snapshot
    lead = template.published_by
    for _ in range(n):
        inspection = InspectionFactory(
            framework_version=template.inspection.framework_version, status=Status.PUBLISHED
        )
        version = ReportVersion.objects.create(
            inspection=inspection,
            number=1,
            kind=VersionKind.FINAL,
            pdf="reports/placeholder.pdf",
            pdf_sha256="0" * 64,
            snapshot=snapshot,
            created_by=lead,
        )
        publication_create(
            inspection=inspection,
            version=version,
            by=lead,
            embargo_until=timezone.now() - datetime.timedelta(hours=1),
        )


def _slugs(response) -> list[str]:
    return [p.inspection.authority.slug for p in response.context["page_obj"]]


def _count(response) -> int:
    return response.context["page_obj"].paginator.count


def test_publication_stores_its_words_and_grades():
    publication = _publish(words="A trampoline in the waiting room.")
    publication.refresh_from_db()
    assert "trampoline" in publication.search_text
    assert publication.inspection.authority.name in publication.search_text
    grades = set(
        OpenDataJudgement.objects.filter(publication=publication).values_list(
            "grade_code", flat=True
        )
    )
    assert grades <= {"outstanding", "good", "requires_improvement", "inadequate"}
    assert "requires_improvement" in grades  # the shared judgement's, among others
    snapshot = publication.version.snapshot
    stated = sum(len(a["judgements"]) for a in snapshot["agencies"]) + len(snapshot["shared"])
    assert OpenDataJudgement.objects.filter(publication=publication).count() == stated


def test_full_text_search_finds_a_word_in_the_text_and_ranks(client, require_postgres):
    haringey = _publish(authority="haringey", days_ago=5)
    mention = _publish(authority="leeds", words="Leeds works with colleagues in Haringey.")
    _publish(authority="york")
    # Stemming: "trampolines" finds "trampoline".
    _publish(authority="city-of-bristol", words="A trampoline stands in the family centre.")
    response = client.get(REGISTER, {"q": "trampolines"})
    assert response.status_code == 200
    assert _slugs(response) == ["city-of-bristol"]
    # The title (which names the area) ranks above a passing mention, though older.
    found = list(client.get(REGISTER, {"q": "haringey"}).context["page_obj"])
    assert [p.pk for p in found] == [haringey.pk, mention.pk]
    assert found[0].rank > found[1].rank
    # Web-search syntax: a quoted phrase, a word left out.
    assert _count(client.get(REGISTER, {"q": '"family centre"'})) == 1
    assert _count(client.get(REGISTER, {"q": "haringey -leeds"})) == 1
    assert _count(client.get(REGISTER, {"q": "zeppelin"})) == 0


def test_sqlite_fallback_matches_every_word(client, monkeypatch):
    monkeypatch.setattr(search, "uses_full_text", lambda: False)
    _publish(authority="city-of-bristol", words="A trampoline stands in the family centre.")
    _publish(authority="york", words="A trampoline in York.")
    assert _count(client.get(REGISTER, {"q": "Trampoline"})) == 2
    response = client.get(REGISTER, {"q": "trampoline bristol"})
    assert _slugs(response) == ["city-of-bristol"]
    assert _count(client.get(REGISTER, {"q": "zeppelin"})) == 0
    empty = client.get(REGISTER, {"q": "zeppelin"})
    assert "No reports match" in empty.content.decode()


def test_filters_combine_and_keep_their_values(client):
    bristol = _publish(authority="city-of-bristol")
    _publish(authority="york")
    jtai = _publish(authority="leeds", framework="jtai")
    params = {"region": "SW", "framework": "integrated-2015", "grade": "requires_improvement"}
    response = client.get(REGISTER, params)
    assert [p.pk for p in response.context["page_obj"]] == [bristol.pk]
    html = response.content.decode()
    assert 'value="SW" selected' in html
    assert 'Remove<span class="govuk-visually-hidden"> filter</span> region: South West' in html
    # The letter gives no grades: found by "not graded" only.
    assert [p.pk for p in client.get(REGISTER, {"grade": "not_graded"}).context["page_obj"]] == [
        jtai.pk
    ]
    year = timezone.localtime(bristol.publish_at).year
    assert _count(client.get(REGISTER, {"year": year, "region": "YH"})) == 2
    empty = client.get(REGISTER, {"region": "NE"})
    assert _count(empty) == 0
    assert "No reports match these filters" in empty.content.decode()


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"region": "XX"}, "region", "Select a region from the list"),
        ({"grade": "splendid"}, "grade", "Select a grade from the list"),
        ({"year": "1066"}, "year", "Select a year from the list"),
        ({"framework": "nope"}, "framework", "Select an inspection type from the list"),
        ({"q": "x" * 201}, "q", "Search words must be 200 characters or fewer"),
    ],
)
def test_a_choice_not_on_the_list_is_a_400_that_says_so(client, params, field, message):
    _publish(authority="city-of-bristol")
    response = client.get(
        REGISTER, {**params, "region": params.get("region", "SW")} if field != "region" else params
    )
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    html = response.content.decode()
    assert "There is a problem" in html
    assert _count(response) == 0


def test_pagination_keeps_search_and_filters(client):
    template = _publish(authority="city-of-bristol")
    _copies(template, 22)
    response = client.get(REGISTER, {"framework": "integrated-2015", "q": ""})
    assert _count(response) == 23
    assert "?framework=integrated-2015&amp;q=&amp;page=2" in response.content.decode()
    second = client.get(REGISTER, {"framework": "integrated-2015", "page": 2})
    assert len(second.context["page_obj"]) == 3


def test_query_count_is_flat_and_no_snapshot_is_read(client):
    template = _publish(authority="city-of-bristol")
    _copies(template, 19)
    counts = []
    for total in (20, 200):
        _copies(template, total - Publication.objects.count())
        searched = {"q": "bristol", "grade": "requires_improvement", "framework": "integrated-2015"}
        for params in ({}, searched):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(REGISTER, params)
            assert response.status_code == 200
            assert _count(response) == total
            assert not any("snapshot" in q["sql"] for q in queries.captured_queries)
            assert not any(
                "search_text" in q["sql"].split("WHERE")[0] for q in queries.captured_queries
            )
            counts.append(len(queries.captured_queries))
    assert counts[0] == counts[2] and counts[1] == counts[3], counts
    print("QUERYCOUNTS", counts)
    assert max(counts) <= 8, counts


def test_the_migration_indexes_reports_published_before_it(client):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps

    migration = importlib.import_module("reports.migrations.0009_publication_search_and_grades")
    _publish(authority="city-of-bristol", words="A trampoline in the yard.")
    Publication.objects.update(search_text="", search_vector=None)
    assert _count(client.get(REGISTER, {"q": "trampoline"})) == 0
    # The backfill reads only the editor's connection (no schema change, so no editor is
    # opened: SQLite refuses one inside the test's transaction).
    migration._index_published(apps, SimpleNamespace(connection=connection))
    assert _count(client.get(REGISTER, {"q": "trampoline"})) == 1

"""The public register: search (PostgreSQL full text, and the plain SQLite fallback), filters
in any combination, 400 for a choice not on the list, and a flat number of queries that never
reads a version's snapshot: as many with 2,000 publications as with 20."""

import datetime
import itertools
import re
from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from agencies.models import Inspectorate, LocalAuthority
from inspections.factories import InspectionFactory, monday_of
from inspections.models import INACTIVE_STATUSES, Inspection, Judgement, Status
from reports import search
from reports.assembly import report_title
from reports.factories import build_inspection, publish_directly
from reports.models import Publication, ReportVersion, VersionKind
from reports.opendata import OpenDataJudgement, open_data_cells
from reports.services.publication import publication_create, unique_slug

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


def _final_version(inspection, snapshot, lead) -> ReportVersion:
    """A copy's final version (unsaved), carrying the template's snapshot."""
    return ReportVersion(
        inspection=inspection,
        number=1,
        kind=VersionKind.FINAL,
        pdf="reports/placeholder.pdf",
        pdf_sha256="0" * 64,
        snapshot=snapshot,
        created_by=lead,
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
        version = _final_version(inspection, snapshot, lead)
        version.save()
        publication_create(
            inspection=inspection,
            version=version,
            by=lead,
            embargo_until=timezone.now() - datetime.timedelta(hours=1),
        )


def _bulk_copies(template: Publication, n: int) -> None:
    """`n` more publications as `_copies` makes them (each of its own inspection, with a final
    version carrying the template's snapshot, public since an hour ago), written in bulk
    for speed: this writes, a few statements at a time, what `publication_create` writes
    one by one. The title (`report_title`), the words and tsvector `publication_index`
    stores and the open-data rows `open_data_record` writes come from the same functions
    and the same snapshot; the slug comes from `unique_slug`, given the slugs taken,
    without a query per slug. The rendering of the published edition, queued on commit, is
    left out (a test's transaction never commits). The service itself is tested elsewhere
    in this module (through `_publish` and `_copies`), and the test after the pagination's
    compares what each writes."""
    if n <= 0:
        return
    snapshot = template.version.snapshot
    lead = template.published_by
    framework_version = template.inspection.framework_version
    # Each inspection of an authority in a window of its own: the database refuses two
    # overlapping inspections of one authority. Whole weeks apart, from the framework's first
    # Monday, skipping the windows the authority's inspections already hold.
    authorities = list(LocalAuthority.objects.with_childrens_services().order_by("pk"))
    busy = defaultdict(list)
    for authority_id, begins, ends in Inspection.objects.exclude(
        status__in=INACTIVE_STATUSES
    ).values_list("authority_id", "window_start", "window_end"):
        busy[authority_id].append((begins, ends))
    length = datetime.timedelta(days=framework_version.window_days - 1)
    step = datetime.timedelta(weeks=-(-framework_version.window_days // 7))
    first = monday_of(framework_version.active_from + datetime.timedelta(days=6))

    def windows():
        for slot in itertools.count():
            begins = first + slot * step
            for authority in authorities:
                if not any(b <= begins + length and begins <= e for b, e in busy[authority.pk]):
                    yield authority, begins

    start = Inspection.objects.count()
    inspections = [
        Inspection(
            authority=authority,
            framework_version=framework_version,
            reference=f"bulk-{framework_version.framework.code}-{start + k}",
            window_start=begins,
            window_end=begins + length,
            status=Status.PUBLISHED,
        )
        for k, (authority, begins) in enumerate(itertools.islice(windows(), n))
    ]
    inspections = Inspection.objects.bulk_create(inspections)
    inspectorates = list(
        Inspectorate.objects.filter(code__in=["ofsted", "cqc", "hmicfrs", "hmiprobation"])
    )
    Inspection.inspectorates.through.objects.bulk_create(
        Inspection.inspectorates.through(inspection=i, inspectorate=inspectorate)
        for i in inspections
        for inspectorate in inspectorates
    )
    versions = ReportVersion.objects.bulk_create(
        _final_version(i, snapshot, lead) for i in inspections
    )
    # Against the slugs taken so far and those given in this batch.
    taken = set(Publication.objects.values_list("slug", flat=True))
    slugs = []
    for i in inspections:
        slugs.append(unique_slug(i, taken))
        taken.add(slugs[-1])
    words = search.snapshot_text(snapshot)
    now = timezone.now()
    publications = Publication.objects.bulk_create(
        Publication(
            inspection=i,
            version=v,
            slug=slug,
            title=report_title(i),
            publish_at=now - datetime.timedelta(hours=1),
            published_by=lead,
            created_at=now,
            search_text=words,
        )
        for i, v, slug in zip(inspections, versions, slugs, strict=True)
    )
    if search.uses_full_text():
        # `publication_index`'s tsvector, for every copy in one statement.
        Publication.objects.filter(pk__in=[p.pk for p in publications]).update(
            search_vector=search._vector()
        )
    cells = open_data_cells(snapshot)
    OpenDataJudgement.objects.bulk_create(
        (OpenDataJudgement(publication=p, **row) for p in publications for row in cells),
        batch_size=2000,
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


def test_bulk_copies_store_what_the_service_stores():
    template = _publish(authority="city-of-bristol")
    _copies(template, 1)
    _bulk_copies(template, 1)
    served, bulk = Publication.objects.exclude(pk=template.pk).order_by("pk")
    for publication in (served, bulk):
        inspection = publication.inspection
        base = slugify(
            f"{inspection.authority.name}-{inspection.framework_version.framework.code}-"
            f"{inspection.window_start:%Y-%m}"
        )
        assert re.fullmatch(rf"{re.escape(base)}(-\d+)?", publication.slug)
        assert publication.title == report_title(publication.inspection)
        assert publication.publish_at < timezone.now()
        assert publication.version.snapshot == template.version.snapshot
    assert bulk.search_text == served.search_text == search.snapshot_text(template.version.snapshot)
    vector = bulk.search_vector
    search.publication_index(bulk)
    bulk.refresh_from_db()
    assert bulk.search_vector == vector

    def rows(publication):
        return list(
            OpenDataJudgement.objects.filter(publication=publication)
            .order_by("position")
            .values_list(
                *[
                    f.name
                    for f in OpenDataJudgement._meta.fields
                    if f.name not in ("id", "publication")
                ]
            )
        )

    assert rows(bulk) == rows(served) and len(rows(bulk)) > 0


def test_query_count_is_flat_and_no_snapshot_is_read(client):
    template = _publish(authority="city-of-bristol")
    _copies(template, 19)
    counts = []
    for total in (20, 2000):
        _bulk_copies(template, total - Publication.objects.count())
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

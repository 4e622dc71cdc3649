"""The register's search: what a published report says, indexed at publication, and found
by PostgreSQL's full-text search (English stemming; ranked, the title, which names the area,
above the text), or, on SQLite, by every word appearing somewhere in the report (newest
first).

A publication's words come from its snapshot, the version the public reads, never from the
judgements as they are now. Its judgements' grades are the open-data rows written at
publication (`reports.opendata`): the grade filter and the charts read those, never a snapshot."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet, Value

from .assembly import snapshot_lines
from .models import Publication

CONFIG = "english"
# Words longer than this cannot be in an index entry (PostgreSQL's tsvector limit is 2 KB).
MAX_QUERY_LENGTH = 200


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def snapshot_text(snapshot: dict) -> str:
    """The report's words, in reading order, for the search."""
    return "\n".join(line for line in snapshot_lines(snapshot) if line)


def publication_index(publication: Publication, snapshot: dict | None = None) -> None:
    """Store the publication's words (and, on PostgreSQL, their tsvector). Called when it is
    published; migration 0009 did the same for those before."""
    snapshot = snapshot if snapshot is not None else publication.version.snapshot
    text = snapshot_text(snapshot)
    Publication.objects.filter(pk=publication.pk).update(search_text=text)
    if uses_full_text():
        Publication.objects.filter(pk=publication.pk).update(search_vector=_vector())


def _vector():
    return SearchVector("title", weight="A", config=CONFIG) + SearchVector(
        "search_text", weight="B", config=CONFIG
    )


def reindex_vectors() -> int:
    """Recompute every publication's tsvector from its stored words (PostgreSQL only)."""
    if not uses_full_text():
        return 0
    count = 0
    for pk in Publication.objects.values_list("pk", flat=True):
        count += Publication.objects.filter(pk=pk).update(search_vector=_vector())
    return count


def search(publications: QuerySet[Publication], q: str) -> QuerySet[Publication]:
    """The publications that match the words `q`, best first on PostgreSQL (rank, then the
    newest), newest first on SQLite."""
    q = " ".join(q.split())[:MAX_QUERY_LENGTH]
    if not q:
        return publications
    if uses_full_text():
        query = SearchQuery(q, search_type="websearch", config=CONFIG)
        return (
            publications.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-publish_at", "-id")
        )
    for word in q.split():
        word = word.strip("\"'")
        if not word or word.lower() in ("or", "and") or word.startswith("-"):
            continue
        publications = publications.filter(
            Q(title__icontains=word)
            | Q(inspection__authority__name__icontains=word)
            | Q(search_text__icontains=word)
        )
    return publications.annotate(rank=Value(0.0))

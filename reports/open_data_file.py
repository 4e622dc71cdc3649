"""What the open-data file of published judgements is read from: its state (for `ETag` and
`Last-Modified`) and its rows, the public reports' only."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet
from django.utils.http import http_date

from jtai import clock

from .models import Publication
from .opendata import FIELDS as OPEN_DATA_FIELDS
from .opendata import OpenDataJudgement

# Part of the ETag: a change to the file's columns or format changes it for every client.
OPEN_DATA_FORMAT = "1"


@dataclass(frozen=True)
class OpenDataState:
    """What the open-data file depends on: which reports are public at `now`."""

    now: datetime.datetime
    count: int
    last_id: int | None
    last_modified: datetime.datetime | None

    @property
    def etag(self) -> str:
        latest = self.last_modified.isoformat() if self.last_modified else "-"
        key = f"{OPEN_DATA_FORMAT}:{self.count}:{self.last_id}:{latest}"
        return f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'

    @property
    def last_modified_timestamp(self) -> int | None:
        return int(self.last_modified.timestamp()) if self.last_modified else None

    @property
    def last_modified_http(self) -> str:
        return http_date(self.last_modified_timestamp)


def open_data_state(now=None) -> OpenDataState:
    """One aggregate over the public reports: how many, the newest, the latest to go public
    (a report appears when its embargo ends, so that moment is when the file last changed)."""
    now = now or clock.now()
    found = Publication.objects.public(now).aggregate(
        count=Count("pk"), last_id=Max("pk"), latest=Max("publish_at")
    )
    return OpenDataState(now, found["count"], found["last_id"], found["latest"])


def open_data_rows(now) -> QuerySet:
    """(report slug, published at, *the open-data columns) of every report public at `now`,
    oldest report first, each report's rows in order."""
    return (
        OpenDataJudgement.objects.filter(publication__publish_at__lte=now)
        .order_by("publication__publish_at", "publication_id", "position")
        .values_list("publication__slug", "publication__publish_at", *OPEN_DATA_FIELDS)
    )

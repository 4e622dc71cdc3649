"""The open-data CSV of published judgements: public, read in batches from the open-data rows
written at publication and streamed, so a worker's memory stays flat whatever the number of
reports; with an ETag and Last-Modified so that a client or a proxy asks only whether anything
changed (304)."""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from jtai.streaming import csv_chunks

from .. import open_data_file
from ..opendata import COLUMNS

CSV_COLUMNS = ["report", "published", *(column for column, _ in COLUMNS)]
# Rows read from the database at a time.
BATCH = 500
# A proxy may serve the file this long before asking again (a report whose embargo ends
# shows within this time).
MAX_AGE = 300

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's "CSV
# injection"): such cells are written with a leading single quote, which shows as text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _rows(rows, report_url):
    """Each open-data row with its report's address and publication date in front."""
    last = (None, None, None)
    for slug, publish_at, *cells in rows:
        if slug != last[0]:
            last = (slug, report_url(slug), timezone.localtime(publish_at).date().isoformat())
        yield [last[1], last[2], *(_safe_cell(c) for c in cells)]


def _report_url(request):
    """slug -> the report's address, built once rather than reversed for every row."""
    marker = "report-slug-marker"
    before, after = request.build_absolute_uri(reverse("reports:detail", args=[marker])).split(
        marker
    )
    return lambda slug: f"{before}{slug}{after}"


def _headers(response, state) -> None:
    response["ETag"] = state.etag
    if state.last_modified:
        response["Last-Modified"] = state.last_modified_http
    patch_cache_control(response, public=True, max_age=MAX_AGE)


@require_safe
def judgements_csv(request):
    """Open data: one row per agency and judgement area of every published report."""
    state = open_data_file.open_data_state()
    not_modified = get_conditional_response(
        request, etag=state.etag, last_modified=state.last_modified_timestamp
    )
    if not_modified is not None:
        _headers(not_modified, state)
        return not_modified
    rows = open_data_file.open_data_rows(state.now).iterator(chunk_size=BATCH)
    response = StreamingHttpResponse(
        csv_chunks(CSV_COLUMNS, _rows(rows, _report_url(request))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="published-judgements.csv"'
    _headers(response, state)
    return response

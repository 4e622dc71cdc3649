"""`make bench`'s pages benchmark, tiny and bounded: 20 inspections, a few requests per page,
against gunicorn on PostgreSQL. It proves the harness works (seeding through the services,
the server, signing in, every page answering 200, the table and the CSV's figures); the full
run is `make bench-pages`."""

import pytest

from benchmarks import bench_pages


@pytest.mark.services
# Serialized rollback: the flush afterwards leaves the content types as the next transactional
# test expects them (the server's processes need committed rows, so this test commits).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_small_run_measures_every_page(require_postgres, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    result = bench_pages.run(size=20, rounds=1, requests=4)

    assert result["verdict"] == "PASS", "\n".join(result["notes"])
    trivial, *pages = result["rows"]
    assert trivial["page"] == "trivial page (signed in)"
    assert trivial["queries"] <= 2
    assert {"calendar, 12 busy months", "judgement page", "public register"} <= {
        row["page"] for row in pages
    }
    for row in pages:
        assert float(row["ratio median"]) > 0, row
        assert isinstance(row["queries"], int), row
    assert result["csv"]["status"] == 200
    assert result["csv"]["rows"] > 0


def test_without_postgresql_it_says_it_did_not_run(monkeypatch):
    from django.conf import settings

    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.sqlite3")
    result = bench_pages.run(size=20, rounds=1, requests=1)

    assert result["verdict"] == "NOT RUN"
    assert "PostgreSQL" in result["notes"][0]

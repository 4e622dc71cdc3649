"""`make bench`'s correctness-under-load run, tiny and bounded: 5 clients for 5 seconds against
gunicorn on PostgreSQL. It proves the harness works (server, sign-in, saves, checks); the
full run is `make bench-load`."""

import pytest

from benchmarks import bench_load


@pytest.mark.services
# Serialized rollback: the flush afterwards leaves the content types as the next transactional
# test expects them (the server's processes need committed rows, so this test commits).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_short_run_under_load_loses_nothing(require_postgres):
    result = bench_load.run(clients=5, seconds=5)

    assert result["verdict"] == "PASS", "\n".join(result["notes"])
    counts = {row["kind"]: row for row in result["rows"]}
    assert counts["all"]["requests"] > 0
    assert counts["all"]["5xx"] == 0
    assert counts["all"]["conn errors"] == 0
    assert counts["judgement save (API)"]["2xx/3xx"] > 0
    assert counts["evidence create (API)"]["2xx/3xx"] > 0
    assert counts["register"]["2xx/3xx"] > 0
    assert {c["check"] for c in result["checks"]} >= {
        "no errors",
        "judgement history",
        "evidence present",
    }


def test_without_postgresql_it_says_it_did_not_run(monkeypatch):
    from django.conf import settings

    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.sqlite3")
    result = bench_load.run(clients=1, seconds=1)

    assert result["verdict"] == "NOT RUN"
    assert result["rows"] == []
    assert "PostgreSQL" in result["notes"][0]

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
        assert float(row["no cache: ratio median"]) > 0, row
        assert isinstance(row["no cache: queries"], int), row
        if row["page"] != "/api/inspections/":
            # Seen again: the session, its user and the data's stamp.
            assert row["queries"] <= 3, row
    assert result["stale after a write"] == []
    assert any("all showed the save" in note for note in result["notes"])
    assert result["csv"]["status"] == 200
    assert result["csv"]["rows"] > 0


def test_without_postgresql_it_says_it_did_not_run(monkeypatch):
    from django.conf import settings

    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.sqlite3")
    result = bench_pages.run(size=20, rounds=1, requests=1)

    assert result["verdict"] == "NOT RUN"
    assert "PostgreSQL" in result["notes"][0]


def test_the_trivial_page_is_the_benchmarks_alone(client, admin):
    """Served with the benchmark's settings only: the product has no such page."""
    from django.test import override_settings
    from django.urls import NoReverseMatch, reverse

    from benchmarks.urls import TRIVIAL_PATH

    with pytest.raises(NoReverseMatch):
        reverse("benchmark-trivial")
    client.force_login(admin)
    assert client.get(TRIVIAL_PATH).status_code == 404
    with override_settings(ROOT_URLCONF="benchmarks.urls"):
        page = client.get(TRIVIAL_PATH)
        assert page.status_code == 200
        assert "Trivial page" in page.content.decode()
        client.logout()
        assert client.get(TRIVIAL_PATH).status_code == 302  # signed in only

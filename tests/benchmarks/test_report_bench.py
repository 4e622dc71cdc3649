"""The report benchmark, short: a small report, one interleaved pair of fresh processes (the
bare WeasyPrint floor and the whole job as a worker runs it) and two renders in one process
for the memory figure. It proves the harness measures what it says; `make bench` runs it at
length (about 40 and 160 pages, several runs).

The fresh processes each load Django and WeasyPrint, so even this short run takes longer than
the suite's 30-second budget for a benchmark: it runs only with `JTAI_BENCH_TESTS=1`."""

import os
import time

import pydyf
import pytest

from benchmarks import bench_report
from reports.models import ReportVersion
from reports.rendering import _cached_page_references


@pytest.mark.services
@pytest.mark.skipif(
    not os.environ.get("JTAI_BENCH_TESTS"), reason="over 30 s: set JTAI_BENCH_TESTS=1 to run"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_short_run_measures_the_job_against_bare_weasyprint(require_postgres):
    started = time.monotonic()
    result = bench_report.run(sizes=(("tiny", 0, 3, 1),), renders=2)

    (row,) = result["rows"]
    assert row["pages"] >= 4
    for clock in ("cpu", "wall"):
        assert row[f"job_{clock}_min_s"] > 0
        # Against the floor writing the same PDF/UA-1 (the verdict) and, beside it, the floor
        # writing WeasyPrint's untagged default.
        for floor in ("", "plain_"):
            assert row[f"{floor}floor_{clock}_min_s"] > 0
            assert row[f"ratio_{floor}{clock}_min"] == pytest.approx(
                row[f"job_{clock}_min_s"] / row[f"{floor}floor_{clock}_min_s"], rel=0.05
            )
    stages = result["stages_cpu_s"]["~tiny pages"]
    assert set(stages) == {
        "assemble",
        "render HTML",
        "stylesheet",
        "HTML parse",
        "WeasyPrint layout",
        "PDF write (tagged)",
        "check and store",
        "other",
    }
    assert sum(stages.values()) == pytest.approx(row["job_cpu_min_s"], abs=0.02)
    assert {"tagging_s", "page_ref_cache_saves_s"} <= set(row)
    # The job the fresh process ran is a stored version of the report, like any other.
    assert ReportVersion.objects.filter(page_count=row["pages"]).count() == 1 + 2
    assert result["memory"]["pages"] == row["pages"]
    assert result["memory"]["renders"] == 2
    assert result["memory"]["peak_mb"] >= result["memory"]["rss_mb"] > 50
    assert result["verdict"] in {"PASS", "OVER TARGET"}
    assert any(note.startswith("job ÷ floor (bare WeasyPrint") for note in result["notes"])
    assert any(note.startswith("job ÷ untagged floor") for note in result["notes"])
    assert time.monotonic() - started < 300  # bounded, even on a busy machine


def test_without_postgresql_it_says_it_did_not_run(monkeypatch):
    from django.conf import settings

    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.sqlite3")
    result = bench_report.run()

    assert result["verdict"] == "NOT RUN"
    assert "PostgreSQL" in result["notes"][0]


def test_page_references_are_kept_until_a_page_is_added():
    _cached_page_references()
    pdf = pydyf.PDF()
    for _ in range(3):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    first = pdf.page_references
    assert first == tuple(f"{n} 0 R".encode() for n in pdf.pages["Kids"][::3])
    assert pdf.page_references is first  # not rebuilt for every tagged element
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert len(pdf.page_references) == 4
    assert pdf.page_references[:3] == first

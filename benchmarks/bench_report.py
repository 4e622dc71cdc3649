"""The report job against bare WeasyPrint, both in fresh processes.

A realistic integrated inspection (5 agencies × 4 judgement areas, the shared LSCB judgement,
a case sample; about 40 pages, then about 160) is measured three ways, interleaved, several
times each:

- (a) **the floor**: a fresh Python process that does only what WeasyPrint itself does with the
  very print HTML the job lays out, with the same stylesheet (the product's print.css) and the
  same options the product passes: `weasyprint.HTML(string=html, base_url=None)
  .render(stylesheets=[css]).write_pdf(pdf_variant="pdf/ua-1")`, a tagged PDF/UA-1 (structure
  tree, bookmarks, "Page X of Y" from the same CSS), as the product must write. None of the
  product's code runs in it (not its URL fetcher: the HTML fetches nothing; not its cache of
  pydyf's page references, which makes the job's tagged write faster than bare WeasyPrint's and
  is reported beside). The verdict is against this floor: bare WeasyPrint making the same kind
  of PDF. Beside it, so nobody reads the ratio against the cheaper document, is the same floor
  writing WeasyPrint's default, an untagged PDF (`ratio_plain_*`); the difference between the
  two floors is WeasyPrint's own price for PDF/UA-1. The jobs are drafts, as an inspection has
  any number of drafts and one final version, and a draft's HTML differs from the final's only
  by its label and marking;
- (b) **the whole job as a worker runs it**: a fresh process, started as a Celery pool process
  starts (Django set up, the task code loaded, `jtai.celery.freeze_startup_heap`: the template
  engine loaded, the heap frozen), given a queued `ReportJob`, runs `report_job_run` (assemble
  the snapshot from the database, render the print HTML, lay it out, write the tagged
  PDF/UA-1, check the snapshot's text, which is the PDF's, for anything that identifies a
  child, seal and store the file, record the version).

Fairness: every process starts the clock after its imports (the floors after
`import weasyprint`; the job after `django.setup()`, `import weasyprint` and the worker's
start-up, as a Celery worker has its code loaded before a job arrives), so none carries
interpreter start-up and each pays WeasyPrint's first-render warm-up (fonts, parsing the
stylesheet) once. The start-up each process also took is reported beside, not in the ratio.
Each process reports its CPU seconds and its wall-clock seconds; the verdict is on CPU (on a
machine shared with other work, wall-clock mostly measures the neighbours; the job's waits on
the database server are the one cost CPU seconds leave out, and the wall-clock ratio is beside
it). Ratios are of the minima (the least disturbed runs), with the medians beside them.

Also: the job's time per stage (from timing wrappers around the product's and WeasyPrint's own
functions, so the job runs unchanged; "HTML parse" and "stylesheet" are work the floors do too,
"other" is the rest of the job: its queries on the job row, its progress, the file's hash),
WeasyPrint's price for tagging and what the product's page-reference cache takes off it, pages
per second at about 40 and 160 pages, and one fresh process's memory after ten renders. Needs
PostgreSQL (the processes share the benchmark's database); without it the result says it was
not run.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 1.05
ROOT = Path(__file__).resolve().parent.parent

# (a) The floors: nothing but WeasyPrint, on the same HTML and stylesheet, with the product's
# options (argv[3]: the PDF variant, "pdf/ua-1", or "" for WeasyPrint's default, untagged).
_FLOOR = """
import json, sys, time
started = time.perf_counter()
import weasyprint
ready, cpu = time.perf_counter(), time.process_time()
html = open(sys.argv[1], encoding="utf-8").read()
css = weasyprint.CSS(string=open(sys.argv[2], encoding="utf-8").read())
options = {"pdf_variant": sys.argv[3]} if sys.argv[3] else {}
document = weasyprint.HTML(string=html, base_url=None).render(stylesheets=[css])
data = document.write_pdf(**options)
print(json.dumps({"startup_s": ready - started, "wall_s": time.perf_counter() - ready,
                  "cpu_s": time.process_time() - cpu, "bytes": len(data)}))
"""

# (b) The job as a worker runs it, with timing wrappers around each stage's function.
_JOB = """
import json, os, sys, time
started = time.perf_counter()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jtai.settings_test")
import django
django.setup()
from reports.services import drafting
from reports import rendering
from jtai.celery import freeze_startup_heap
freeze_startup_heap()  # what each worker pool process does as it starts
import weasyprint
import weasyprint.document

stages = {}
def timed(name, fn):
    def wrapper(*args, **kwargs):
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            stages[name] = stages.get(name, 0.0) + time.process_time() - t
    return wrapper

drafting.assemble_report = timed("assemble", drafting.assemble_report)
drafting.render_print_html = timed("render HTML", drafting.render_print_html)
drafting._store_version = timed("check and store", drafting._store_version)
rendering._stylesheet = timed("stylesheet", rendering._stylesheet)
weasyprint.HTML.__init__ = timed("HTML parse", weasyprint.HTML.__init__)
weasyprint.HTML.render = timed("WeasyPrint layout", weasyprint.HTML.render)
weasyprint.document.Document.write_pdf = timed(
    "PDF write (tagged)", weasyprint.document.Document.write_pdf
)

def vm(key):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0

ready = time.perf_counter()
runs = []
for job_id in map(int, sys.argv[1].split(",")):
    stages.clear()
    t, c = time.perf_counter(), time.process_time()
    version = drafting.report_job_run(job_id=job_id)
    cpu = time.process_time() - c
    stages["other"] = cpu - sum(stages.values())
    runs.append({"wall_s": time.perf_counter() - t, "cpu_s": cpu,
                 "stages": dict(stages), "pages": version.page_count})
print(json.dumps({"startup_s": ready - started, "runs": runs,
                  "rss_kb": vm("VmRSS"), "hwm_kb": vm("VmHWM")}))
"""


def _child(script: str, *args: str) -> dict:
    from benchmarks.bench_load import server_environment

    env = server_environment()
    env.update(DJANGO_SETTINGS_MODULE="jtai.settings_test", DJANGO_DEBUG="1")
    env.pop("DJANGO_SECRET_KEY", None)
    from django.conf import settings

    env["DJANGO_SECRET_KEY"] = settings.SECRET_KEY  # the same derived file keys
    spawned = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        raise RuntimeError(f"benchmark child failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["process_s"] = time.perf_counter() - spawned
    return result


def _build(paragraphs: int, cases: int):
    from reports.factories import build_inspection

    return build_inspection(cases=cases, paragraphs=paragraphs, evidence_per_agency=20)


def _queue(inspection, n: int) -> list[int]:
    """`n` queued jobs, as the page's request leaves them for a worker (drafts: an inspection
    has any number of them, and one final version only)."""
    from reports.models import ReportJob, VersionKind

    return [
        ReportJob.objects.create(
            inspection=inspection, kind=VersionKind.DRAFT, requested_by=inspection.leads["ofsted"]
        ).pk
        for _ in range(n)
    ]


def _final_html(inspection) -> str:
    """The print HTML the job lays out for its first draft (the floor's input)."""
    from reports.assembly import assemble_report
    from reports.rendering import render_print_html, version_marking

    return render_print_html(
        assemble_report(inspection.pk), version_label="Draft 1", marking=version_marking("draft")
    )


_TAGGING = """
import json, sys, time
import django
django.setup()
import weasyprint
from reports.rendering import PDF_VARIANT, _cached_page_references
html = open(sys.argv[1], encoding="utf-8").read()
css = weasyprint.CSS(string=open(sys.argv[2], encoding="utf-8").read())
document = weasyprint.HTML(string=html).render(stylesheets=[css])
document.write_pdf()  # warm: fonts
def least(**options):
    times = []
    for _ in range(3):
        t = time.process_time()
        document.write_pdf(**options)
        times.append(time.process_time() - t)
    return min(times)
plain, bare = least(), least(pdf_variant=PDF_VARIANT)
_cached_page_references()  # as html_to_pdf does
print(json.dumps({"plain_s": plain, "bare_tagged_s": bare,
                  "tagged_s": least(pdf_variant=PDF_VARIANT), "startup_s": 0}))
"""


def _tagging_cost(path: str) -> dict:
    """The untagged write, bare WeasyPrint's tagged write and the product's (with its cache of
    page references) of one laid-out document, CPU minima, in a fresh process (this one's heap,
    full of the benchmark's own objects, would slow them all)."""
    from reports.rendering import PRINT_CSS

    return _child(_TAGGING, path, str(PRINT_CSS))


def _summary(values: list[float]) -> tuple[float, float]:
    return min(values), statistics.median(values)


SIDES = {"floor": "pdf/ua-1", "plain_floor": "", "job": None}


def measure(label: str, paragraphs: int, cases: int, repeats: int) -> dict:
    """`repeats` interleaved runs of each floor and of the job, for one size of report."""
    from reports.rendering import PDF_VARIANT, PRINT_CSS

    assert SIDES["floor"] == PDF_VARIANT  # the floor writes what the product writes
    inspection = _build(paragraphs, cases)
    html = _final_html(inspection)
    times = {(side, clock): [] for side in SIDES for clock in ("cpu_s", "wall_s")}
    stages, pages = [], 0
    startups = {side: [] for side in SIDES}
    with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8", delete=False) as f:
        f.write(html)
        path = f.name
    try:
        for n in range(repeats):
            # Rotate the order, so no side always meets a warmer page cache or a quieter machine.
            order = list(SIDES)[n % 3 :] + list(SIDES)[: n % 3]
            for side in order:
                if side == "job":
                    out = _child(_JOB, str(_queue(inspection, 1)[0]))
                    run = out["runs"][0]
                    stages.append(run["stages"])
                    pages = run["pages"]
                else:
                    out = run = _child(_FLOOR, path, str(PRINT_CSS), SIDES[side])
                for clock in ("cpu_s", "wall_s"):
                    times[side, clock].append(run[clock])
                startups[side].append(out["startup_s"])
        tagging = _tagging_cost(path)
    finally:
        os.unlink(path)
    job_cpu = times["job", "cpu_s"]
    best = min(range(len(job_cpu)), key=job_cpu.__getitem__)
    row = {"report": f"~{label} pages", "pages": pages, "runs": repeats}
    for clock in ("cpu_s", "wall_s"):
        name = clock.removesuffix("_s")
        (job_min, job_med) = _summary(times["job", clock])
        for floor, prefix in (("floor", ""), ("plain_floor", "plain_")):
            floor_min, floor_med = _summary(times[floor, clock])
            row.update(
                {
                    f"{prefix}floor_{name}_min_s": round(floor_min, 2),
                    f"{prefix}floor_{name}_median_s": round(floor_med, 2),
                }
            )
            if floor == "floor":
                row.update(
                    {
                        f"job_{name}_min_s": round(job_min, 2),
                        f"job_{name}_median_s": round(job_med, 2),
                    }
                )
            row.update(
                {
                    f"ratio_{prefix}{name}_min": round(job_min / floor_min, 3),
                    f"ratio_{prefix}{name}_median": round(job_med / floor_med, 3),
                }
            )
    row.update(
        {
            "pages_per_cpu_s": round(pages / min(job_cpu), 1),
            "pages_per_wall_s": round(pages / min(times["job", "wall_s"]), 1),
            "stages_cpu_s": {k: round(v, 3) for k, v in stages[best].items()},
            "tagging_s": round(tagging["bare_tagged_s"] - tagging["plain_s"], 3),
            "page_ref_cache_saves_s": round(tagging["bare_tagged_s"] - tagging["tagged_s"], 3),
            "startup_floor_s": round(statistics.median(startups["floor"]), 2),
            "startup_job_s": round(statistics.median(startups["job"]), 2),
        }
    )
    return row


def memory_after(renders: int, paragraphs: int = 6, cases: int = 60) -> dict:
    """One fresh worker-like process running `renders` jobs in turn: its memory afterwards."""
    inspection = _build(paragraphs, cases)
    out = _child(_JOB, ",".join(map(str, _queue(inspection, renders))))
    return {
        "renders": len(out["runs"]),
        "pages": out["runs"][0]["pages"],
        "rss_mb": round(out["rss_kb"] / 1024, 1),
        "peak_mb": round(out["hwm_kb"] / 1024, 1),
    }


def run(sizes=(("40", 14, 100, 5), ("160", 72, 480, 3)), renders: int = 10) -> dict:
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return {
            "title": "Report job vs bare WeasyPrint (fresh processes)",
            "verdict": "NOT RUN",
            "rows": [],
            "notes": [
                "Not run: it needs PostgreSQL (set DATABASE_URL), a database the fresh "
                "processes share with this one."
            ],
        }
    rows = [measure(label, p, c, r) for label, p, c, r in sizes]
    memory = memory_after(renders, *sizes[0][1:3]) if renders else None
    first = rows[0]
    ratio = first["ratio_cpu_min"]
    notes = [
        f"job ÷ floor (bare WeasyPrint writing the same PDF/UA-1, same options) at "
        f"{first['pages']} pages, CPU seconds: {ratio} (minima of {first['runs']} interleaved "
        f"runs; medians {first['ratio_cpu_median']}); wall clock: {first['ratio_wall_min']} "
        f"(medians {first['ratio_wall_median']}); target ≤ {TARGET_RATIO} on CPU: "
        f"{'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}",
        "job ÷ untagged floor (WeasyPrint's default PDF, no PDF/UA-1: not what the product may "
        "write), CPU: "
        + ", ".join(
            f"{r['ratio_plain_cpu_min']} (medians {r['ratio_plain_cpu_median']}) at "
            f"{r['pages']} pages"
            for r in rows
        )
        + "; against the tagged floor: "
        + ", ".join(
            f"{r['ratio_cpu_min']} (medians {r['ratio_cpu_median']}) at {r['pages']} pages"
            for r in rows
        ),
        "stages of the least-CPU job run (CPU s; HTML parse and stylesheet the floor does too): "
        + ", ".join(f"{k} {v}" for k, v in first["stages_cpu_s"].items()),
        "PDF/UA-1 tagging in bare WeasyPrint (tagged write − untagged write, same document): "
        + ", ".join(f"{r['tagging_s']} s at {r['pages']} pages" for r in rows)
        + "; of which the product's page-reference cache saves the job (not the floor) "
        + ", ".join(f"{r['page_ref_cache_saves_s']} s at {r['pages']} pages" for r in rows),
        "pages per second (CPU; wall): "
        + ", ".join(
            f"{r['pages_per_cpu_s']}; {r['pages_per_wall_s']} at {r['pages']} pages" for r in rows
        ),
        "start-up outside the ratio (median s): "
        + ", ".join(f"floor {r['startup_floor_s']}, job {r['startup_job_s']}" for r in rows[:1]),
    ]
    if memory:
        notes.append(
            f"memory after {memory['renders']} renders of {memory['pages']} pages in one "
            f"process: {memory['rss_mb']} MB resident, {memory['peak_mb']} MB peak"
        )
    return {
        "title": "Report job vs bare WeasyPrint (fresh processes)",
        "verdict": "PASS" if ratio <= TARGET_RATIO else "OVER TARGET",
        "rows": [{k: v for k, v in r.items() if k != "stages_cpu_s"} for r in rows],
        "stages_cpu_s": {r["report"]: r["stages_cpu_s"] for r in rows},
        "memory": memory,
        "notes": notes,
        "target_ratio": TARGET_RATIO,
    }

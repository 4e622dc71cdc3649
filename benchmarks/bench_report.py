"""The report job against bare WeasyPrint, both in fresh processes (the performance issue's
report benchmark).

A realistic integrated inspection (5 agencies × 4 judgement areas, the shared LSCB judgement,
a case sample; about 40 pages, then about 160) is measured two ways, interleaved, several
times each:

- (a) **the floor**: a fresh Python process that does only
  `weasyprint.HTML(string=html).write_pdf(stylesheets=[the product's print.css])` on the very
  print HTML the job lays out (WeasyPrint's defaults: an untagged PDF); the jobs are drafts, as
  an inspection has any number of drafts and one final version, and a draft's HTML differs
  from the final's only by its label and marking;
- (b) **the whole job as a worker runs it**: a fresh process, started as a Celery pool process
  starts (Django set up, the task code loaded, `jtai.celery.freeze_startup_heap`), given a
  queued `ReportJob`, runs `report_job_run` (assemble the snapshot from the database, render
  the print HTML, lay it out, write the tagged PDF/UA-1, check it for anything that identifies
  a child, seal and store the file, record the version).

Fairness: both processes start the clock after their imports (the floor after
`import weasyprint`; the job after `django.setup()` and `import weasyprint`, as a Celery worker
has its code loaded before a job arrives), so neither carries interpreter start-up and both
pay WeasyPrint's first-render warm-up (fonts, the stylesheet) once. The start-up each process
also took is reported beside, not in the ratio. Each process reports its CPU seconds and its
wall-clock seconds; the verdict is on CPU (on a machine shared with other work, wall-clock
mostly measures the neighbours; the job's waits on the database server are the one cost CPU
seconds leave out, and the wall-clock ratio is beside it). Ratios are of the minima (the least
disturbed runs), with the medians beside them.

Also: the job's time per stage (from timing wrappers around the product's own functions, so
the job runs unchanged), pages per second at about 40 and 160 pages, and one fresh process's
memory after ten renders. Needs PostgreSQL (the processes share the benchmark's database);
without it the result says it was not run.
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

# (a) The floor: nothing but WeasyPrint, on the same HTML and stylesheet.
_FLOOR = """
import json, sys, time
started = time.perf_counter()
import weasyprint
ready, cpu = time.perf_counter(), time.process_time()
html = open(sys.argv[1], encoding="utf-8").read()
css = weasyprint.CSS(string=open(sys.argv[2], encoding="utf-8").read())
data = weasyprint.HTML(string=html).write_pdf(stylesheets=[css])
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
    runs.append({"wall_s": time.perf_counter() - t, "cpu_s": time.process_time() - c,
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
_cached_page_references()  # as html_to_pdf does
html = open(sys.argv[1], encoding="utf-8").read()
css = weasyprint.CSS(string=open(sys.argv[2], encoding="utf-8").read())
document = weasyprint.HTML(string=html).render(stylesheets=[css])
document.write_pdf()  # warm: fonts
plain, tagged = [], []
for _ in range(3):
    t = time.process_time(); document.write_pdf(); plain.append(time.process_time() - t)
    t = time.process_time(); document.write_pdf(pdf_variant=PDF_VARIANT)
    tagged.append(time.process_time() - t)
print(json.dumps({"plain_s": min(plain), "tagged_s": min(tagged), "startup_s": 0}))
"""


def _tagging_cost(path: str) -> tuple[float, float]:
    """(untagged write, tagged write) of one laid-out document, CPU minima, in a fresh process
    (this one's heap, full of the benchmark's own objects, would slow both)."""
    from reports.rendering import PRINT_CSS

    out = _child(_TAGGING, path, str(PRINT_CSS))
    return out["plain_s"], out["tagged_s"]


def _summary(values: list[float]) -> tuple[float, float]:
    return min(values), statistics.median(values)


def measure(label: str, paragraphs: int, cases: int, repeats: int) -> dict:
    """`repeats` interleaved pairs of (a) and (b) for one size of report."""
    from reports.rendering import PRINT_CSS

    inspection = _build(paragraphs, cases)
    html = _final_html(inspection)
    times = {
        ("floor", "cpu_s"): [],
        ("floor", "wall_s"): [],
        ("job", "cpu_s"): [],
        ("job", "wall_s"): [],
    }
    stages, pages = [], 0
    startups = {"floor": [], "job": []}
    with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8", delete=False) as f:
        f.write(html)
        path = f.name
    try:
        for n in range(repeats):
            # Alternate which goes first, so neither always meets a warmer page cache.
            order = ("floor", "job") if n % 2 == 0 else ("job", "floor")
            for side in order:
                if side == "floor":
                    out = run = _child(_FLOOR, path, str(PRINT_CSS))
                else:
                    out = _child(_JOB, str(_queue(inspection, 1)[0]))
                    run = out["runs"][0]
                    stages.append(run["stages"])
                    pages = run["pages"]
                for clock in ("cpu_s", "wall_s"):
                    times[side, clock].append(run[clock])
                startups[side].append(out["startup_s"])
        plain_write, tagged_write = _tagging_cost(path)
    finally:
        os.unlink(path)
    job_cpu = times["job", "cpu_s"]
    best = min(range(len(job_cpu)), key=job_cpu.__getitem__)
    row = {"report": f"~{label} pages", "pages": pages, "runs": repeats}
    for clock in ("cpu_s", "wall_s"):
        (floor_min, floor_med), (job_min, job_med) = (
            _summary(times["floor", clock]),
            _summary(times["job", clock]),
        )
        name = clock.removesuffix("_s")
        row.update(
            {
                f"floor_{name}_min_s": round(floor_min, 2),
                f"floor_{name}_median_s": round(floor_med, 2),
                f"job_{name}_min_s": round(job_min, 2),
                f"job_{name}_median_s": round(job_med, 2),
                f"ratio_{name}_min": round(job_min / floor_min, 3),
                f"ratio_{name}_median": round(job_med / floor_med, 3),
            }
        )
    row.update(
        {
            "pages_per_cpu_s": round(pages / min(job_cpu), 1),
            "pages_per_wall_s": round(pages / min(times["job", "wall_s"]), 1),
            "stages_cpu_s": {k: round(v, 3) for k, v in stages[best].items()},
            "tagging_s": round(tagged_write - plain_write, 3),
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
        f"job ÷ floor at {first['pages']} pages, CPU seconds: {ratio} (minima of "
        f"{first['runs']} interleaved runs; medians {first['ratio_cpu_median']}); wall clock: "
        f"{first['ratio_wall_min']} (medians {first['ratio_wall_median']}); target ≤ "
        f"{TARGET_RATIO} on CPU: {'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}",
        "stages of the least-CPU job run (CPU s): "
        + ", ".join(f"{k} {v}" for k, v in first["stages_cpu_s"].items()),
        f"PDF/UA-1 tagging (tagged write − untagged write, same document): "
        f"{first['tagging_s']} s at {first['pages']} pages",
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

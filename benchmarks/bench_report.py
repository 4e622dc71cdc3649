"""The report pipeline against a bare WeasyPrint render of the same HTML.

A realistic integrated inspection (5 agencies × 4 judgement areas, the shared LSCB judgement,
60 case samples; about 40 pages): the whole pipeline (assemble the snapshot from the database,
render the print HTML, WeasyPrint to tagged PDF/UA-1) is timed against WeasyPrint alone on the
final HTML, in the same process. Also: the cost of PDF/UA tagging (against an untagged PDF),
the worker's peak memory (a fresh subprocess rendering the same report, `ru_maxrss`), and how
time grows from 40 to 160 pages. Times are CPU seconds of this process (medians), so the
other work on a shared machine does not distort the ratios.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 1.2
REPEATS = 4

_CHILD = """
import json, os, resource, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jtai.settings_test")
import django
django.setup()
from reports.rendering import html_to_pdf, render_print_html
def hwm_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
snapshot = json.load(open(sys.argv[1]))
before = hwm_kb()
before_maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
pdf = html_to_pdf(render_print_html(snapshot, version_label="Final version"))
elapsed = time.perf_counter() - start
print(json.dumps({"before_kb": before, "peak_kb": hwm_kb(), "pages": pdf.page_count,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "maxrss_before_kb": before_maxrss, "seconds": elapsed}))
"""


def _timed(fn):
    """CPU time of this process (other work on a shared machine does not count) and result."""
    gc.collect()  # no collection left over from the previous measurement
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def _build(paragraphs: int, cases: int):
    from reports.factories import build_inspection

    return build_inspection(cases=cases, paragraphs=paragraphs, evidence_per_agency=20)


def run() -> dict:
    import logging

    from reports.assembly import assemble_report
    from reports.rendering import html_to_pdf, render_print_html

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)

    def pipeline(inspection_id):
        snapshot = assemble_report(inspection_id)
        html = render_print_html(snapshot, version_label="Final version")
        return snapshot, html, html_to_pdf(html)

    rows = []
    notes = []
    sizes = {}
    # About 40, 80 and 160 pages: the narrative and the case sample grow together.
    for label, paragraphs, cases in (("40", 6, 60), ("80", 15, 120), ("160", 33, 240)):
        inspection = _build(paragraphs, cases)
        repeats = REPEATS if label == "40" else 2
        pipe_times, bare_times, plain_times = [], [], []
        # A first call warms fonts, templates and the stylesheet cache.
        snapshot, html, pdf = pipeline(inspection.pk)
        for n in range(repeats):
            # Alternate the order, so neither side always runs on a warmer (or fuller) heap.
            bare_first = n % 2 == 1
            if bare_first:
                bare_times.append(_timed(lambda h=html: html_to_pdf(h))[0])
            t, (snapshot, html, pdf) = _timed(lambda i=inspection.pk: pipeline(i))
            pipe_times.append(t)
            if not bare_first:
                bare_times.append(_timed(lambda h=html: html_to_pdf(h))[0])
            plain_times.append(_timed(lambda h=html: html_to_pdf(h, variant=None))[0])
        pipe, bare, plain = (statistics.median(x) for x in (pipe_times, bare_times, plain_times))
        assemble_s, _ = _timed(lambda i=inspection.pk: assemble_report(i))
        html_s, _ = _timed(lambda s=snapshot: render_print_html(s, version_label="Final version"))
        sizes[label] = {"snapshot": snapshot, "pages": pdf.page_count, "pipeline": pipe}
        rows.append(
            {
                "report": f"~{label} pages",
                "pages": pdf.page_count,
                "pipeline_s": round(pipe, 2),
                "bare_weasyprint_ua_s": round(bare, 2),
                "pipeline_vs_bare": round(pipe / bare, 3),
                "assemble_s": round(assemble_s, 3),
                "html_s": round(html_s, 3),
                "plain_pdf_s": round(plain, 2),
                "ua_vs_plain": round(bare / plain, 3),
                "ms_per_page": round(1000 * pipe / pdf.page_count, 1),
                "pdf_kb": round(len(pdf.data) / 1024),
            }
        )

    # Peak memory of a fresh worker-like process rendering the ~40-page report.
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(sizes["40"]["snapshot"], f)
        path = f.name
    try:
        root = Path(__file__).resolve().parent.parent
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, path],
            cwd=root,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "jtai.settings_test"},
            capture_output=True,
            text=True,
            check=True,
        )
        child = json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        os.unlink(path)

    ratio = rows[0]["pipeline_vs_bare"]
    growth = sizes["160"]["pipeline"] / sizes["40"]["pipeline"]
    page_growth = sizes["160"]["pages"] / sizes["40"]["pages"]
    notes.append(
        f"pipeline / bare WeasyPrint (PDF/UA-1) at ~40 pages: {ratio} "
        f"(target ≤ {TARGET_RATIO}): {'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}"
    )
    notes.append(f"PDF/UA-1 tagging costs {rows[0]['ua_vs_plain']}× an untagged render")
    notes.append(
        f"worker peak memory (fresh process, {child['pages']} pages): "
        f"{child['peak_kb'] / 1024:.0f} MB peak RSS (VmHWM; {child['before_kb'] / 1024:.0f} MB "
        f"after Django start-up); ru_maxrss {child['maxrss_kb'] / 1024:.0f} MB (Linux carries "
        f"the launching process's maximum across exec, so ru_maxrss over-states a child)"
    )
    notes.append(
        f"40 → 160 pages: pages ×{page_growth:.2f}, time ×{growth:.2f} "
        f"({'linear or better' if growth <= page_growth * 1.15 else 'worse than linear'})"
    )
    return {
        "title": "Report generation: pipeline vs bare WeasyPrint, PDF/UA cost, memory, growth",
        "rows": rows,
        "notes": notes,
        "worker_peak_rss_mb": round(child["peak_kb"] / 1024, 1),
        "target_ratio": TARGET_RATIO,
    }

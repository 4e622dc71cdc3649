"""Pages at national volume: each page people open daily, served by gunicorn (4 workers) on
PostgreSQL with the production settings, against a trivial page of the benchmark's own.

The data set (`pages_seed`, which says what goes through the services and what is written in
bulk) is JTAI_PAGES_INSPECTIONS inspections over ten years (default 2,000:
about 10,000 team members, 46,000 judgements and evidence records, 1,940 publications); 200
makes a quick run.

The trivial page is the benchmark's own (`benchmarks.urls`, served with
`benchmarks.server_settings`: the production settings plus that one page), signed in: the base
template around a fixed paragraph, with no query beyond the session and its user. It is not a
page of the product, so it stays the same yardstick while the product's pages change.

Each page is measured in bursts of JTAI_PAGES_REQUESTS requests (default 48) from 16 concurrent
clients, right after a burst of the trivial page, for JTAI_PAGES_ROUNDS rounds (default 3): its
throughput divided by the trivial page's of the same round is the ratio (min and median over
the rounds); p50 and p95 are over every request of the page. Queries per request are counted
in-process (Django's test client, the same user). The open-data CSV is timed on its own, with
the web workers' memory (resident set, the largest worker) before and after 20 concurrent
downloads.
"""

from __future__ import annotations

import os
import re
import statistics
import tempfile
import threading
import time
from pathlib import Path

from benchmarks import pages_seed
from benchmarks.bench_load import (
    CSRF_INPUT,
    WORKERS,
    ConnectionFailed,
    Server,
    Session,
    server_environment,
)
from benchmarks.urls import TRIVIAL_PATH

TITLE = "Pages at national volume: throughput against a trivial page (gunicorn, PostgreSQL)"
CONCURRENCY = 16
TRIVIAL = TRIVIAL_PATH
TARGET = 0.5
# The server with the page cache (as the product runs), then without it (every request renders
# its page: what the first request after a write costs).
MODES = ("cached", "uncached")


def _pages(s: pages_seed.Seeded) -> list[tuple[str, str | None, str]]:
    """(name, who is signed in, path)."""
    return [
        ("inspector's task list", "inspector", f"/inspections/{s.fieldwork}/tasks/"),
        ("judgement page", "inspector", f"/inspections/{s.fieldwork}/judgements/{s.judgement}/"),
        ("inspection page", "admin", f"/inspections/{s.detail}/"),
        ("inspections list", "admin", "/inspections/"),
        ("calendar, 12 busy months", "admin", f"/inspections/calendar/?from={s.calendar_from}"),
        ("moderation grid", "lead", f"/inspections/{s.moderation}/moderation/"),
        ("report management", "lead", f"/inspections/{s.moderation}/report/"),
        ("home (admin)", "admin", "/"),
        ("home (inspector)", "inspector", "/"),
        ("public register", None, "/reports/"),
        ("public report page", None, f"/reports/{s.slug}/"),
        ("/api/inspections/", "admin", "/api/inspections/"),
    ]


def _usernames(s: pages_seed.Seeded) -> dict:
    return {"admin": s.admin, "inspector": s.inspector, "lead": s.lead}


def count_queries(pages, usernames, *, page_cache: bool) -> dict[str, int]:
    """Queries per request of each page, in-process, as the same user: with the page cache,
    a page seen again (its entry rendered by the request before); without, every render."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from agencies.models import User

    counts = {}
    clients = {None: Client(HTTP_HOST="127.0.0.1")}
    for persona, username in usernames.items():
        clients[persona] = Client(HTTP_HOST="127.0.0.1")
        clients[persona].force_login(User.objects.get(username=username))
    with override_settings(ROOT_URLCONF="benchmarks.urls", JTAI_PAGE_CACHE=page_cache):
        for name, persona, path in [("trivial page", "admin", TRIVIAL), *pages]:
            # Caches warmed, as in a running server (a first visit may write: the report's
            # page creates its sections, and a page that wrote is rendered again).
            clients[persona].get(path)
            clients[persona].get(path)
            with CaptureQueriesContext(connection) as captured:
                response = clients[persona].get(path)
            ok = response.status_code == 200
            counts[name] = len(captured) if ok else f"{response.status_code}"
    return counts


def sign_in(port: int, username: str) -> Session:
    from agencies.factories import PASSWORD

    session = Session(port)
    page = session.request("GET", "/accounts/login/")
    token = CSRF_INPUT.search(page.text)
    form = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": PASSWORD}
    answer = session.request("POST", "/accounts/login/", form=form)
    if answer.status != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"{username} could not sign in: {answer.status}")
    return session


def burst(session: Session, path: str, requests: int) -> tuple[float, list[float], list[str]]:
    """`requests` GETs of `path` from CONCURRENCY threads: (requests per second, latencies,
    unexpected answers)."""
    lock = threading.Lock()
    left = [requests]
    latencies: list[float] = []
    problems: list[str] = []

    def client():
        mine = Session(session.port)
        mine.cookies = dict(session.cookies)
        while True:
            with lock:
                if left[0] <= 0:
                    return
                left[0] -= 1
            began = time.perf_counter()
            try:
                status = mine.request("GET", path).status
            except ConnectionFailed as exc:
                status = str(exc)
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    problems.append(f"{path}: {status}")

    threads = [threading.Thread(target=client) for _ in range(CONCURRENCY)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return requests / (time.perf_counter() - began), latencies, problems


def _ms(values: list[float], q: int) -> str:
    if len(values) < 2:
        return "-"
    return f"{statistics.quantiles(values, n=100, method='inclusive')[q - 1] * 1000:.0f}"


def worker_rss_mb(master_pid: int) -> float:
    """The largest resident set among gunicorn's workers, in MB."""
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    except OSError:
        return 0.0
    largest = 0
    for pid in children:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    largest = max(largest, int(line.split()[1]))
        except OSError:
            continue
    return largest / 1024


def measure_csv(server: Server) -> dict:
    public = Session(server.port)
    began = time.perf_counter()
    response = public.request("GET", "/reports/judgements.csv", timeout=300)
    seconds = time.perf_counter() - began
    before = worker_rss_mb(server.process.pid)
    _, latencies, problems = burst(public, "/reports/judgements.csv", 20)
    after = worker_rss_mb(server.process.pid)
    return {
        "status": response.status,
        "seconds": seconds,
        "bytes": len(response.body),
        "rows": response.body.count(b"\n") - 1,
        "rss before": before,
        "rss after": after,
        "p95 of 20": _ms(latencies, 95),
        "problems": problems[:3],
    }


VERSION_INPUT = re.compile(r'name="version" value="(\d+)"')


def check_fresh_after_a_write(sessions, pages) -> list[str]:
    """With every worker holding the judgement page in memory, the inspector saves its
    evidence summary; then every request, whichever worker answers, must show it. Returns what
    was stale."""
    judgement = next(path for name, _, path in pages if name == "judgement page")
    inspector = sessions["inspector"]
    burst(inspector, judgement, 4 * WORKERS)
    page = inspector.request("GET", judgement).text
    token, version = CSRF_INPUT.search(page), VERSION_INPUT.search(page)
    if token is None or version is None:
        return [f"{judgement}: no form to save"]
    text = f"Written while every worker held this page: {time.time_ns()}"
    form = {
        "csrfmiddlewaretoken": token.group(1),
        "version": version.group(1),
        "strengths": "",
        "improvements": "",
        "evidence_summary": text,
        "action": "draft",
    }
    saved = inspector.request("POST", judgement, form=form)
    if saved.status != 302:
        return [f"{judgement}: the save answered {saved.status}"]
    stale = []
    for _ in range(4 * WORKERS):
        answer = inspector.request("GET", judgement)
        if text not in answer.text:
            stale.append(f"{judgement}: {answer.status} without the saved text")
    return stale


def _not_run(reason: str) -> dict:
    return {"title": TITLE, "rows": [], "notes": [f"Not run: {reason}."], "verdict": "NOT RUN"}


def run(*, size: int | None = None, rounds: int | None = None, requests: int | None = None):
    from django.conf import settings
    from django.test.utils import override_settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return _not_run("it needs PostgreSQL (set DATABASE_URL), as production runs on it")
    # Its own media folder: the PDFs of an earlier run are never taken for this run's.
    with (
        tempfile.TemporaryDirectory(prefix="jtai-pages-media-") as media,
        override_settings(MEDIA_ROOT=media),
    ):
        return _run(size, rounds, requests)


def _run(size, rounds, requests) -> dict:
    from django.db import connections

    size = size or int(os.environ.get("JTAI_PAGES_INSPECTIONS", "2000"))
    rounds = rounds or int(os.environ.get("JTAI_PAGES_ROUNDS", "3"))
    requests = requests or int(os.environ.get("JTAI_PAGES_REQUESTS", "48"))

    seeded = pages_seed.seed(size)
    pages = _pages(seeded)
    usernames = _usernames(seeded)
    queries = {mode: count_queries(pages, usernames, page_cache=mode == "cached") for mode in MODES}
    connections.close_all()  # the server has its own connections
    measured = {
        mode: {name: {"ratios": [], "latencies": []} for name, _, _ in pages} for mode in MODES
    }
    trivial_latencies: list[float] = []
    problems: list[str] = []
    measuring = {}
    log = ""  # the end of each server's log whose answers were unexpected
    with tempfile.TemporaryDirectory(prefix="jtai-pages-") as tmp:
        for mode in MODES:
            environment = server_environment()
            environment["DJANGO_SETTINGS_MODULE"] = "benchmarks.server_settings"
            environment["JTAI_PAGE_CACHE"] = "1" if mode == "cached" else "0"
            server = Server(environment, Path(tmp) / f"gunicorn-{mode}.log")
            try:
                problems_before = len(problems)
                server.start()
                sessions = {p: sign_in(server.port, u) for p, u in usernames.items()}
                sessions[None] = Session(server.port)
                for _, persona, path in pages:  # every worker warmed on every page
                    burst(sessions[persona], path, 2 * WORKERS)
                burst(sessions["admin"], TRIVIAL, 2 * WORKERS)
                began = time.monotonic()
                for _ in range(rounds):
                    for name, persona, path in pages:
                        trivial, latencies, wrong = burst(sessions["admin"], TRIVIAL, requests)
                        trivial_latencies += latencies
                        throughput, latencies, more = burst(sessions[persona], path, requests)
                        measured[mode][name]["ratios"].append(throughput / trivial)
                        measured[mode][name]["latencies"] += latencies
                        problems += wrong + more
                measuring[mode] = time.monotonic() - began
                if mode == "cached":
                    csv = measure_csv(server)
                    stale = check_fresh_after_a_write(sessions, pages)
            finally:
                server.stop()
            if len(problems) > problems_before:
                log = f"{log} [{mode}] {server.tail()}"

    rows = [
        {
            "page": "trivial page (signed in)",
            "ratio min": "1",
            "ratio median": "1",
            "p50 ms": _ms(trivial_latencies, 50),
            "p95 ms": _ms(trivial_latencies, 95),
            "queries": queries["cached"]["trivial page"],
            "no cache: ratio median": "1",
            "no cache: p95 ms": "",
            "no cache: queries": queries["uncached"]["trivial page"],
        }
    ]
    for name, _, _ in pages:
        cached, uncached = measured["cached"][name], measured["uncached"][name]
        rows.append(
            {
                "page": name,
                "ratio min": f"{min(cached['ratios']):.2f}",
                "ratio median": f"{statistics.median(cached['ratios']):.2f}",
                "p50 ms": _ms(cached["latencies"], 50),
                "p95 ms": _ms(cached["latencies"], 95),
                "queries": queries["cached"][name],
                "no cache: ratio median": f"{statistics.median(uncached['ratios']):.2f}",
                "no cache: p95 ms": _ms(uncached["latencies"], 95),
                "no cache: queries": queries["uncached"][name],
            }
        )
    below = [r["page"] for r in rows[1:] if float(r["ratio median"]) < TARGET]
    notes = [
        f"Data: {', '.join(f'{v:,} {k}' for k, v in seeded.counts.items())}; "
        f"seeded in {seeded.seconds:.0f} s ("
        + ", ".join(f"{k} {v:.0f} s" for k, v in seeded.phases.items())
        + ").",
        f"{rounds} rounds of {requests} requests per page from {CONCURRENCY} concurrent "
        f"clients, each after a burst of the trivial page ({TRIVIAL}, signed in); gunicorn "
        f"with {WORKERS} sync workers, production settings; measuring took "
        f"{measuring['cached']:.0f} s with the page cache and {measuring['uncached']:.0f} s "
        "without.",
        "With the page cache (the product as it runs), a page seen again while nothing has been "
        "written is served from the worker's memory: the ratio columns. The 'no cache' columns "
        "are the same pages rendered on every request (JTAI_PAGE_CACHE=0): the cost of the "
        "first view after a write.",
        f"Open-data CSV: {csv['status']}, {csv['rows']:,} rows, {csv['bytes'] / 1e6:.1f} MB in "
        f"{csv['seconds']:.2f} s; largest web worker {csv['rss before']:.0f} MB before and "
        f"{csv['rss after']:.0f} MB after 20 concurrent downloads (p95 {csv['p95 of 20']} ms).",
        f"Pages below {TARGET}x the trivial page (median): {', '.join(below) or 'none'}.",
    ]
    notes.append(
        "Fresh after a write: with every worker holding the judgement page, the inspector saved "
        f"it; {4 * WORKERS} requests after the save "
        + (f"gave {len(stale)} stale answers: {stale[:3]}." if stale else "all showed the save.")
    )
    if problems or csv["problems"]:
        notes.append(f"Unexpected answers: {(problems + csv['problems'])[:5]}")
        notes.append(f"Server log (end): {log}")
    return {
        "title": TITLE,
        "rows": rows,
        "notes": notes,
        "verdict": "FAIL" if problems or csv["problems"] or stale else "PASS",
        "stale after a write": stale,
        "size": size,
        "csv": csv,
    }

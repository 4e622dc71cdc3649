"""Correctness under load: gunicorn (4 workers) on PostgreSQL, concurrent clients for a while.

Inspectors read their task lists and judgement pages (signed in through the login form),
save judgements and record and change evidence through the API (token), while the public
reads the register and a published report. Several clients act as the same inspector (one
person, several tabs), so they race on the same judgements and evidence records.

Throughput is not the point here (the performance benchmarks own that): the run passes when
no request fails (no 5xx, no connection error, no unexpected 4xx; a 409 for a stale version is
a correct answer, re-read and retried) and every acknowledged save is in the database:
each judgement save answered 200 is a revision of that judgement with the version and text
acknowledged, and every evidence write answered 201/200 is there. Evidence writes that
another writer silently overwrote (a write started from text older than an acknowledged one)
are counted as lost updates.

The server runs with the production settings (DEBUG off, collected static files, the client
standing behind a TLS-terminating proxy that sends X-Forwarded-Proto), tasks in-process.
JTAI_LOAD_CLIENTS (default 50) and JTAI_LOAD_SECONDS (default 60) bound the run. PostgreSQL
is required (DATABASE_URL): without it the result says so and nothing is measured.
"""

from __future__ import annotations

import datetime
import http.client
import json
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
TITLE = "Correctness under load: gunicorn (4 workers), PostgreSQL, concurrent clients"
WORKERS = 4
INSPECTIONS = 3
PUBLISHED = 2
REQUEST_TIMEOUT = 60.0
KINDS = [
    "login",
    "tasks page",
    "judgement page",
    "judgement read (API)",
    "judgement save (API)",
    "evidence create (API)",
    "evidence read (API)",
    "evidence update (API)",
    "register",
    "report page",
]
# How often each client action is chosen.
ACTIONS = {
    "tasks": 2,
    "judgement_page": 2,
    "judgement_save": 6,
    "evidence_create": 2,
    "evidence_update": 4,
    "register": 2,
    "report": 2,
}
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- an HTTP client: the standard library, one connection per request (gunicorn's sync
# workers close it anyway), cookies kept per session -----------------------------------------


class ConnectionFailed(Exception):
    pass


@dataclass
class Response:
    status: int
    body: bytes
    headers: list

    def json(self):
        return json.loads(self.body or b"null")

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Session:
    """A browser-like session: cookies (Secure ones included, as the proxy terminates TLS),
    the proxy's X-Forwarded-Proto, and an optional API token."""

    def __init__(self, port: int, token: str | None = None):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}
        self.token = token

    def request(self, method, path, *, json_body=None, form=None, timeout=REQUEST_TIMEOUT):
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https"}
        body = None
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        elif form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if method not in ("GET", "HEAD"):
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            data = raw.read()
            header_list = raw.getheaders()
        except (OSError, http.client.HTTPException) as exc:
            raise ConnectionFailed(f"{type(exc).__name__}: {exc}") from exc
        finally:
            conn.close()
        for name, value in header_list:
            if name.lower() == "set-cookie":
                jar = SimpleCookie()
                jar.load(value)
                for key, morsel in jar.items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(key, None)
                    else:
                        self.cookies[key] = morsel.value
        return Response(raw.status, data, header_list)


# --- counting ----------------------------------------------------------------------------------


class Tally:
    """Requests per kind: answers by class and latencies. Thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {k: defaultdict(int) for k in KINDS}
        self.latency = {k: [] for k in KINDS}
        self.samples: list[str] = []  # a few unexpected answers, for the notes

    def call(self, session: Session, kind: str, method: str, path: str, *, expect=(), **kw):
        began = time.perf_counter()
        try:
            response = session.request(method, path, **kw)
        except ConnectionFailed as exc:
            with self.lock:
                self.counts[kind]["requests"] += 1
                self.counts[kind]["conn errors"] += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{kind} {method} {path}: {exc}")
            return None
        elapsed = time.perf_counter() - began
        with self.lock:
            counts = self.counts[kind]
            counts["requests"] += 1
            self.latency[kind].append(elapsed)
            status = response.status
            if 200 <= status < 400:
                counts["2xx"] += 1
            elif status == 409:
                counts["409"] += 1
            elif status >= 500:
                counts["5xx"] += 1
            else:
                counts["other 4xx"] += 1
            unexpected = status >= 400 and status not in expect
            if unexpected:
                counts["unexpected"] += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{kind} {method} {path}: {status} {response.text[:200]}")
        return response

    def rows(self) -> list[dict]:
        rows = []
        total = defaultdict(int)
        everything = []
        for kind in KINDS:
            counts = self.counts[kind]
            if not counts["requests"]:
                continue
            rows.append(_row(kind, counts, self.latency[kind]))
            for key, value in counts.items():
                total[key] += value
            everything.extend(self.latency[kind])
        rows.append(_row("all", total, everything))
        return rows


def _percentile(values: list[float], q: int) -> str:
    if not values:
        return "-"
    if len(values) == 1:
        return f"{values[0] * 1000:.0f}"
    return f"{statistics.quantiles(values, n=100, method='inclusive')[q - 1] * 1000:.0f}"


def _row(kind: str, counts, latencies: list[float]) -> dict:
    errors = counts["5xx"] + counts["conn errors"] + counts["unexpected"]
    return {
        "kind": kind,
        "requests": counts["requests"],
        "2xx/3xx": counts["2xx"],
        "409": counts["409"],
        "other 4xx": counts["other 4xx"],
        "5xx": counts["5xx"],
        "conn errors": counts["conn errors"],
        "p50 ms": _percentile(latencies, 50),
        "p95 ms": _percentile(latencies, 95),
        "verdict": "ok" if not errors else "ERRORS",
    }


# --- the data: inspections in fieldwork with their inspectors, and published reports ---------


@dataclass
class Inspector:
    username: str
    token: str
    inspection_id: int
    judgement_ids: list[int]
    agency_ids: list[int]
    session_cookies: dict = field(default_factory=dict)
    # Evidence records this inspector created during the run (shared by their clients).
    evidence_ids: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _password_hash(password: str) -> str:
    """A PBKDF2 hash the production settings verify (the test settings hash with MD5, which
    production does not know); few iterations, as Django re-hashes it on first sign-in."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    return hasher.encode(password, hasher.salt(), iterations=1000)


def seed() -> tuple[list[Inspector], list[str], dict]:
    from rest_framework.authtoken.models import Token

    from agencies.factories import PASSWORD, person
    from inspections.factories import TeamMemberFactory
    from inspections.models import Judgement, JudgementRevision, JudgementStatus, Status, TeamRole
    from reports.factories import build_inspection, publish_directly

    run = secrets.token_hex(3)
    inspectors = []
    for i in range(INSPECTIONS):
        inspection = build_inspection(
            status=Status.FIELDWORK,
            judgement_status=JudgementStatus.IN_PROGRESS,
            agreed=False,
            cases=1,
            evidence_per_agency=1,
            contacts=False,
        )
        agency_ids = list(inspection.agencies.values_list("pk", flat=True))
        judged = defaultdict(list)
        for pk, code in Judgement.objects.filter(inspection=inspection).values_list(
            "pk", "inspectorate__code"
        ):
            judged[code].append(pk)
        for code, judgement_ids in sorted(judged.items()):
            user = person(f"load_{run}_{i}_{code}", "inspector", code)
            user.password = _password_hash(PASSWORD)
            user.save(update_fields=["password"])
            TeamMemberFactory(inspection=inspection, user=user, role=TeamRole.INSPECTOR)
            token, _ = Token.objects.get_or_create(user=user)
            inspectors.append(
                Inspector(user.username, token.key, inspection.pk, judgement_ids, agency_ids)
            )
    slugs = []
    for _ in range(PUBLISHED):
        slugs.append(publish_directly(build_inspection(cases=1, contacts=False)).slug)
    judgement_ids = [pk for ins in inspectors for pk in ins.judgement_ids]
    before = {
        pk: {"version": version, "revisions": 0}
        for pk, version in Judgement.objects.filter(pk__in=judgement_ids).values_list(
            "pk", "version"
        )
    }
    for revision in JudgementRevision.objects.filter(judgement__in=judgement_ids):
        before[revision.judgement_id]["revisions"] += 1
    return inspectors, slugs, before


# --- the server --------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    user = quote(s.get("USER") or "", safe="")
    password = quote(s.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{auth}{s.get('HOST') or '127.0.0.1'}{port}/{quote(s['NAME'], safe='')}"


def server_environment() -> dict:
    """Production settings on the benchmark's database; no broker (tasks run in-process)."""
    from django.conf import settings

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JTAI_"))}
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="jtai.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        JTAI_SITE_URL="https://127.0.0.1",
        # The same keys as this process, so the server opens the files seeded here.
        JTAI_FILE_KEYS=",".join(settings.JTAI_FILE_KEYS),
        DATABASE_URL=_database_url(),
        JTAI_MEDIA_ROOT=str(settings.MEDIA_ROOT),
        JTAI_LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def static_files_collected() -> bool:
    """Whether STATIC_ROOT's manifest is newer than every file the finders would collect."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return False
    collected_at = manifest.stat().st_mtime
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            if os.stat(storage.path(path)).st_mtime > collected_at:
                return False
    return True


class Server:
    def __init__(self, env: dict, log_path: Path):
        self.env = env
        self.log_path = log_path
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    def start(self, wait: float = 60.0) -> None:
        # Production serves static files from the collected manifest (as the image does).
        # Collecting compresses every file (a minute or more), so it runs only when a source
        # file is newer than the manifest.
        if not static_files_collected():
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
                cwd=BASE_DIR,
                env=self.env,
                check=True,
                capture_output=True,
            )
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "jtai.wsgi",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "120",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        probe = Session(self.port)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}): {self.tail()}")
            try:
                if probe.request("GET", "/healthz", timeout=2).status == 200:
                    return
            except ConnectionFailed:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer /healthz within {wait:.0f} s: {self.tail()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()

    def tail(self, lines: int = 15) -> str:
        try:
            return " | ".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


# --- the clients -------------------------------------------------------------------------------


@dataclass
class Acks:
    """What the server acknowledged, for the checks afterwards."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    # judgement id -> [(version, evidence_summary)]
    judgements: dict = field(default_factory=lambda: defaultdict(list))
    # evidence id -> the note it was created with
    evidence_created: dict = field(default_factory=dict)
    # evidence id -> [(client, note read before writing, note written)], in order of answer
    evidence_writes: dict = field(default_factory=lambda: defaultdict(list))
    evidence_versioned: bool = False
    # Saves abandoned after five stale versions in a row (not an error: nothing was promised).
    gave_up: int = 0


def login(tally: Tally, port: int, inspector: Inspector) -> bool:
    """Signs in through the form (its CSRF token) once per inspector; their clients share the
    session like the tabs of one browser."""
    from agencies.factories import PASSWORD

    session = Session(port)
    page = tally.call(session, "login", "GET", "/accounts/login/")
    if page is None or page.status != 200:
        return False
    token = CSRF_INPUT.search(page.text)
    form = {
        "csrfmiddlewaretoken": token.group(1) if token else "",
        "username": inspector.username,
        "password": PASSWORD,
    }
    answer = tally.call(session, "login", "POST", "/accounts/login/", form=form)
    if answer is None or answer.status != 302 or "sessionid" not in session.cookies:
        return False
    inspector.session_cookies = dict(session.cookies)
    return True


class Client(threading.Thread):
    def __init__(self, number, port, inspector, slugs, tally, acks, stop_at):
        super().__init__(name=f"load-client-{number}", daemon=True)
        self.number = number
        self.inspector = inspector
        self.slugs = slugs
        self.tally = tally
        self.acks = acks
        self.stop_at = stop_at
        self.random = random.Random(number)
        self.api = Session(port, token=inspector.token)
        self.browser = Session(port)
        self.browser.cookies = dict(inspector.session_cookies)
        self.public = Session(port)
        self.writes = 0
        self.crashed: str | None = None

    def run(self):
        actions = list(ACTIONS)
        weights = list(ACTIONS.values())
        try:
            while time.monotonic() < self.stop_at:
                getattr(self, self.random.choices(actions, weights)[0])()
        except Exception as exc:  # a bug in the client must show, not hang the run
            self.crashed = f"{type(exc).__name__}: {exc}"

    def _text(self, what: str) -> str:
        self.writes += 1
        return f"{what} by load client {self.number}, write {self.writes}, {time.time():.6f}."

    # Inspectors' pages, signed in.
    def tasks(self):
        path = f"/inspections/{self.inspector.inspection_id}/tasks/"
        self.tally.call(self.browser, "tasks page", "GET", path)

    def judgement_page(self):
        pk = self.random.choice(self.inspector.judgement_ids)
        path = f"/inspections/{self.inspector.inspection_id}/judgements/{pk}/"
        self.tally.call(self.browser, "judgement page", "GET", path)

    # Judgement saves: read the version, save from it; a 409 means re-read and save again.
    def judgement_save(self):
        pk = self.random.choice(self.inspector.judgement_ids)
        text = self._text("Evidence summary")
        for _ in range(5):
            read = self.tally.call(
                self.api, "judgement read (API)", "GET", f"/api/judgements/{pk}/"
            )
            if read is None or read.status != 200:
                return
            body = {"version": read.json()["version"], "evidence_summary": text}
            saved = self.tally.call(
                self.api,
                "judgement save (API)",
                "PATCH",
                f"/api/judgements/{pk}/",
                json_body=body,
                expect=(409,),
            )
            if saved is None or saved.status == 409:
                continue
            if saved.status == 200:
                with self.acks.lock:
                    self.acks.judgements[pk].append((saved.json()["version"], text))
            return
        with self.acks.lock:
            self.acks.gave_up += 1

    # Evidence: new records, and changes to the inspector's records (several clients each).
    def evidence_create(self):
        note = self._text("Observed practice")
        body = {
            "agency": self.random.choice(self.inspector.agency_ids),
            "source": "observation",
            "date": (datetime.date.today() - datetime.timedelta(days=1)).isoformat(),
            "note": note,
        }
        path = f"/api/inspections/{self.inspector.inspection_id}/evidence/"
        created = self.tally.call(self.api, "evidence create (API)", "POST", path, json_body=body)
        if created is not None and created.status == 201:
            pk = created.json()["id"]
            with self.acks.lock:
                self.acks.evidence_created[pk] = note
            with self.inspector.lock:
                self.inspector.evidence_ids.append(pk)

    def evidence_update(self):
        with self.inspector.lock:
            recent = self.inspector.evidence_ids[-4:]
        if not recent:
            return self.evidence_create()
        pk = self.random.choice(recent)
        note = self._text("Revised note")
        for _ in range(5):
            read = self.tally.call(self.api, "evidence read (API)", "GET", f"/api/evidence/{pk}/")
            if read is None or read.status != 200:
                return
            record = read.json()
            body = {
                "agency": record["agency"],
                "source": record["source"],
                "date": record["date"],
                "note": note,
                "areas": record["areas"],
            }
            # Evidence gains optimistic concurrency when its output carries a version.
            if "version" in record:
                body["version"] = record["version"]
                self.acks.evidence_versioned = True
            written = self.tally.call(
                self.api,
                "evidence update (API)",
                "PUT",
                f"/api/evidence/{pk}/",
                json_body=body,
                expect=(409,) if "version" in record else (),
            )
            if written is None or written.status == 409:
                continue
            if written.status == 200:
                with self.acks.lock:
                    self.acks.evidence_writes[pk].append((self.number, record["note"], note))
            return
        with self.acks.lock:
            self.acks.gave_up += 1

    # The public register and a published report.
    def register(self):
        self.tally.call(self.public, "register", "GET", "/reports/")

    def report(self):
        self.tally.call(
            self.public, "report page", "GET", f"/reports/{self.random.choice(self.slugs)}/"
        )


# --- the checks --------------------------------------------------------------------------------


def check_judgements(acks: Acks, before: dict) -> tuple[bool, str]:
    from inspections.models import Judgement, JudgementRevision

    revisions = defaultdict(dict)
    for judgement_id, version, summary in JudgementRevision.objects.filter(
        judgement__in=list(before)
    ).values_list("judgement_id", "version", "evidence_summary"):
        revisions[judgement_id][version] = summary
    versions = dict(Judgement.objects.filter(pk__in=list(before)).values_list("pk", "version"))
    acknowledged = sum(len(v) for v in acks.judgements.values())
    new_revisions = sum(len(revisions[pk]) - before[pk]["revisions"] for pk in before)
    problems = []
    for pk, start in before.items():
        saves = acks.judgements.get(pk, [])
        if len(revisions[pk]) - start["revisions"] != len(saves):
            problems.append(
                f"judgement {pk}: {len(saves)} acknowledged saves, "
                f"{len(revisions[pk]) - start['revisions']} new revisions"
            )
        if versions[pk] != start["version"] + len(saves):
            problems.append(
                f"judgement {pk}: version {versions[pk]} after {len(saves)} acknowledged saves "
                f"from {start['version']}"
            )
        for version, summary in saves:
            if revisions[pk].get(version) != summary:
                problems.append(f"judgement {pk}: acknowledged version {version} not in history")
    detail = (
        f"{acknowledged} acknowledged saves on {len(acks.judgements)} judgements, "
        f"{new_revisions} new revisions, each acknowledged version and text in the history"
    )
    if problems:
        return False, f"{len(problems)} problems: " + "; ".join(problems[:5])
    return True, detail


def check_evidence(acks: Acks) -> tuple[bool, str, int, str]:
    """(passed, detail, lost updates, lost-update detail)."""
    from inspections.models import EvidenceRecord

    created = acks.evidence_created
    notes = dict(EvidenceRecord.objects.filter(pk__in=list(created)).values_list("pk", "note"))
    problems = [f"created evidence {pk} is missing" for pk in created if pk not in notes]
    lost = 0
    contended = 0
    for pk, creation_note in created.items():
        if pk not in notes:
            continue
        writes = acks.evidence_writes.get(pk, [])
        final = notes[pk]
        if not writes:
            if final != creation_note:
                problems.append(f"evidence {pk}: not the text it was created with")
            continue
        written = [note for _, _, note in writes]
        writers = {client for client, _, _ in writes}
        if len(writers) == 1:
            # One writer, one write at a time: the last acknowledged write must stand.
            if final != written[-1]:
                problems.append(f"evidence {pk}: not its last acknowledged write")
        else:
            contended += 1
            if final not in written:
                problems.append(f"evidence {pk}: its text is no acknowledged write")
        # A write is lost when it is not the final text and no later acknowledged write
        # started from it: the writer after it never saw it.
        bases = {base for _, base, _ in writes}
        lost += sum(1 for note in written if note != final and note not in bases)
    total_writes = sum(len(w) for w in acks.evidence_writes.values())
    detail = (
        f"{len(created)} created records present, {total_writes} acknowledged updates on "
        f"{len(acks.evidence_writes)} records ({contended} written by several clients); "
        "each record's text is an acknowledged write, the last one where one client wrote"
    )
    if problems:
        detail = f"{len(problems)} problems: " + "; ".join(problems[:5])
    if acks.evidence_versioned:
        lost_detail = f"{lost} acknowledged writes overwritten unseen (evidence is versioned)"
    else:
        lost_detail = (
            f"{lost} acknowledged writes overwritten by a writer who had not seen them: "
            "evidence is last-write-wins today (no version, no 409)"
        )
    return not problems, detail, lost, lost_detail


# --- the run -----------------------------------------------------------------------------------


def _not_run(reason: str) -> dict:
    return {"title": TITLE, "rows": [], "notes": [f"Not run: {reason}."], "verdict": "NOT RUN"}


def run(*, clients: int | None = None, seconds: float | None = None) -> dict:
    from django.conf import settings
    from django.db import connections

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return _not_run(
            "it needs PostgreSQL (set DATABASE_URL); several gunicorn workers writing at once "
            "are what it checks, and the embedded SQLite allows one writer"
        )
    clients = clients or int(os.environ.get("JTAI_LOAD_CLIENTS", "50"))
    seconds = seconds or float(os.environ.get("JTAI_LOAD_SECONDS", "60"))

    began = time.monotonic()
    inspectors, slugs, before = seed()
    seeded = time.monotonic() - began
    # Several clients per inspector, so that they race on the same rows.
    inspectors = inspectors[: max(1, min(len(inspectors), clients // 2))]
    connections.close_all()  # the server and the checks use their own connections
    tally = Tally()
    acks = Acks()
    with tempfile.TemporaryDirectory(prefix="jtai-load-") as tmp:
        server = Server(server_environment(), Path(tmp) / "gunicorn.log")
        try:
            began = time.monotonic()
            server.start()
            started = time.monotonic() - began
            signed_in = [ins for ins in inspectors if login(tally, server.port, ins)]
            if len(signed_in) != len(inspectors):
                failed = len(inspectors) - len(signed_in)
                return {
                    "title": TITLE,
                    "rows": tally.rows(),
                    "notes": [f"FAIL: {failed} inspectors could not sign in", *tally.samples],
                    "verdict": "FAIL",
                }
            began = time.monotonic()
            stop_at = began + seconds
            threads = [
                Client(n, server.port, inspectors[n % len(inspectors)], slugs, tally, acks, stop_at)
                for n in range(clients)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=seconds + 2 * REQUEST_TIMEOUT)
            elapsed = time.monotonic() - began
            hung = [t.name for t in threads if t.is_alive()]
            crashed = [f"{t.name}: {t.crashed}" for t in threads if t.crashed]
        finally:
            server.stop()
        server_log = server.tail()

    rows = tally.rows()
    total = rows[-1]
    unexpected = sum(c["unexpected"] for c in tally.counts.values())
    judgements_ok, judgements_detail = check_judgements(acks, before)
    evidence_ok, evidence_detail, lost, lost_detail = check_evidence(acks)
    no_errors = not (total["5xx"] or total["conn errors"] or unexpected or hung or crashed)
    checks = [
        (
            "no errors",
            no_errors,
            f"{total['5xx']} 5xx, {total['conn errors']} connection errors, "
            f"{unexpected} unexpected 4xx, {len(hung)} clients hung, {len(crashed)} crashed",
        ),
        ("judgement history", judgements_ok, judgements_detail),
        ("evidence present", evidence_ok, evidence_detail),
    ]
    # Lost evidence updates fail the run once evidence is versioned; until then they are the
    # known gap, counted and shown.
    if acks.evidence_versioned:
        checks.append(("evidence lost updates", lost == 0, lost_detail))
    verdict = "PASS" if all(ok for _, ok, _ in checks) else "FAIL"
    for name, ok, _ in checks:
        rows.append({"kind": f"check: {name}", "verdict": "PASS" if ok else "FAIL"})
    if not acks.evidence_versioned:
        rows.append({"kind": "known gap: evidence lost updates", "verdict": str(lost)})
    rows.append({"kind": "VERDICT", "verdict": verdict})
    notes = [
        f"{clients} clients for {elapsed:.0f} s against gunicorn ({WORKERS} sync workers), "
        f"production settings, tasks in-process; {len(inspectors)} inspectors on "
        f"{len({i.inspection_id for i in inspectors})} inspections in fieldwork "
        f"(about {clients / len(inspectors):.1f} clients each, racing on the same judgements "
        f"and records), {PUBLISHED} published reports.",
        f"{total['requests']} requests, {total['requests'] / elapsed:.1f} per second "
        "(throughput is not a target here).",
        "409 is the answer to a stale version: the client re-reads and saves again "
        f"(up to five times; {acks.gave_up} saves given up after five).",
        f"Seeding took {seeded:.0f} s, starting the server (collectstatic included) "
        f"{started:.0f} s.",
        *(f"Check {name}: {'PASS' if ok else 'FAIL'}: {detail}" for name, ok, detail in checks),
        *([] if acks.evidence_versioned else [f"Known gap: {lost_detail}"]),
        f"Verdict: {verdict}.",
    ]
    notes += [f"Unexpected: {s}" for s in tally.samples]
    notes += [f"Client crashed: {c}" for c in crashed]
    if verdict != "PASS" and server_log:
        notes.append(f"Server log (end): {server_log}")
    return {
        "title": TITLE,
        "rows": rows,
        "notes": notes,
        "verdict": verdict,
        "checks": [{"check": n, "passed": ok, "detail": d} for n, ok, d in checks],
        "evidence_lost_updates": lost,
        "clients": clients,
        "seconds": round(elapsed, 1),
    }

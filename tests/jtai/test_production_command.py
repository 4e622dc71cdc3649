"""The production command (`make serve`, the containers' web service): gunicorn with the
production settings, no debug, JSON logs, metrics added up over its worker processes."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = [str(Path(sys.executable).parent / "gunicorn"), "--config", "jtai/gunicorn.conf.py"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - our server
    try:
        with _opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_make_serve_runs_gunicorn_with_the_production_config():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "$(VENV)/bin/gunicorn --config jtai/gunicorn.conf.py jtai.wsgi" in recipe
    assert "DJANGO_DEBUG" not in recipe


@pytest.fixture
def production_server(tmp_path):
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "JTAI_", "DATABASE_URL", "REDIS_URL", "PYTEST"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="jtai.settings",
        DJANGO_SECRET_KEY="production-like-secret-key-for-the-test-only-0123456789",
        JTAI_SITE_URL="https://jtai.example.gov.uk",
        ALLOWED_HOSTS="127.0.0.1",
        JTAI_FILE_KEYS="Y29sbGVjdHN0YXRpYy1vbmx5LW5vdC1hLXJlYWwtayE=",
        JTAI_SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        JTAI_METRICS_TOKEN="metrics-token-for-the-test",
        JTAI_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "prometheus"),
        PYTHONWARNINGS="ignore",
    )
    log = tmp_path / "gunicorn.log"
    process = subprocess.Popen(
        [*GUNICORN, "jtai.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("gunicorn exited:\n" + log.read_text())
        try:
            if _get(f"{base}/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.terminate()
        pytest.fail("gunicorn did not answer:\n" + log.read_text())
    yield base, log
    process.terminate()
    process.wait(timeout=30)


def test_the_production_command_serves_healthz_without_debug(production_server):
    base, log = production_server
    status, headers, body = _get(f"{base}/healthz", {"X-Request-ID": "probe-0000-0001"})
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    assert headers["X-Request-ID"] == "probe-0000-0001"
    # Production: plain HTTP is sent to HTTPS, and an error is no debug page.
    status, headers, _ = _get(f"{base}/reports/")
    assert status == 301 and headers["Location"].startswith("https://")
    status, headers, body = _get(f"{base}/api/no-such-thing/", {"X-Forwarded-Proto": "https"})
    assert status == 404 and headers["Content-Type"] == "application/problem+json"
    assert json.loads(body)["status"] == 404
    assert b"Traceback" not in body and b"DEBUG = True" not in body

    # Metrics: not public; with the token, the requests of both worker processes.
    assert _get(f"{base}/metrics")[0] == 401
    for _ in range(6):
        _get(f"{base}/api/no-such-thing/?token=not-logged", {"X-Forwarded-Proto": "https"})
    status, _, body = _get(
        f"{base}/metrics", {"Authorization": "Bearer metrics-token-for-the-test"}
    )
    assert status == 200
    counted = re.search(
        rb'jtai_http_requests_total\{method="GET",status="404",view="unresolved"\} (\S+)', body
    )
    assert counted and float(counted.group(1)) == 7.0, body.decode()[:3000]
    assert b"jtai_celery_queue_length" in body
    # Prometheus scrapes each replica by its address: the token is enough, whatever the Host.
    by_address = {"Authorization": "Bearer metrics-token-for-the-test", "Host": "10.0.3.7:8000"}
    assert _get(f"{base}/metrics", by_address)[0] == 200
    # Without it the host is checked and refused (the 400 page would need the collected static
    # files, which this test does not build: only the refusal is asserted).
    status, _, body = _get(f"{base}/metrics", {"Host": "10.0.3.7:8000"})
    assert status not in (200, 401) and b"jtai_" not in body

    time.sleep(0.5)
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    requests = [line for line in lines if line["event"] == "request"]
    assert any(line["path"] == "/api/no-such-thing/?token=[redacted]" for line in requests)
    assert "not-logged" not in log.read_text()
    assert any(line["logger"] == "gunicorn.error" for line in lines)

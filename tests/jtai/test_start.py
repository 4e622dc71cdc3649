"""`manage.py start` (what `make run` runs) stops its Celery worker and beat when it is stopped
with SIGTERM, as a service manager or `docker stop` would: no orphans left running."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The parent pid is the second field after the command name in parentheses.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigterm_stops_the_worker_and_beat(tmp_path, require_redis):
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="jtai.settings_test",
        JTAI_SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        JTAI_MEDIA_ROOT=str(tmp_path / "media"),
        JTAI_DEMO="0",
        REDIS_URL=settings.REDIS_URL,
    )
    server = subprocess.Popen(
        [sys.executable, "manage.py", "start", "--port", str(port), "--skip-collectstatic"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    started: list[int] = []
    try:
        deadline = time.monotonic() + 120
        worker = []
        while time.monotonic() < deadline and not worker:
            assert server.poll() is None, server.stdout.read()
            worker = _children(server.pid)
            time.sleep(0.5)
        assert worker, "the worker never started"
        worker_pid = worker[0]
        started.append(worker_pid)
        pool = []
        while time.monotonic() < deadline and not pool:
            pool = _children(worker_pid)
            time.sleep(0.5)
        started.extend(pool)
        assert pool, "the worker started no child processes"

        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(map(_alive, [worker_pid, *pool])):
            time.sleep(0.5)
        left = [pid for pid in [worker_pid, *pool] if _alive(pid)]
        assert not left, f"still running after SIGTERM: {left}"
    finally:
        if server.poll() is None:
            server.kill()
        for pid in started:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)

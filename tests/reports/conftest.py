import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Generated PDFs and uploads go to a per-test folder, never the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


class Worker:
    """A real `celery -A jtai worker` process on Redis, against the test database."""

    def __init__(self, media_root: Path, log: Path, name: str, extra_env: dict | None = None):
        db = settings.DATABASES["default"]
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="jtai.settings_test",
            DATABASE_URL=(
                f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST'] or '127.0.0.1'}:"
                f"{db['PORT'] or 5432}/{db['NAME']}"
            ),
            REDIS_URL=settings.REDIS_URL,
            JTAI_VISIBILITY_TIMEOUT="5",
            JTAI_MEDIA_ROOT=str(media_root),
            PYTHONUNBUFFERED="1",
        )
        env.update(extra_env or {})
        self.log = log
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "celery"),
                "-A",
                "jtai",
                "worker",
                "--loglevel=INFO",
                "--concurrency=1",
                "--pool=prefork",
                f"--hostname={name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.log.exists() and b"ready." in self.log.read_bytes():
                return
            if self.process.poll() is not None:
                raise RuntimeError(self.log.read_text())
            time.sleep(0.2)
        raise TimeoutError("worker did not start:\n" + self.log.read_text())

    def kill(self):
        """SIGKILL the worker and its pool children (its own process group)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def committed_db(require_redis, require_postgres, django_db_setup, django_db_blocker):
    """The test database with autocommit, so a worker process sees what the test writes.

    Unlike `transactional_db`, nothing is flushed afterwards (a flush would also empty the
    reference data the migrations loaded, which a reused test database needs): the test's own
    inspections are deleted instead.
    """
    from inspections.models import Inspection

    with django_db_blocker.unblock():
        from django.db import connection

        # Never the development database: pytest-django must have set up the test one.
        assert connection.settings_dict["NAME"].startswith("test_"), "no test database"
        last = Inspection.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        try:
            yield
        finally:
            from reports.models import ReportVersion

            ReportVersion.objects.filter(inspection__pk__gt=last).delete()
            Inspection.objects.filter(pk__gt=last).delete()


@pytest.fixture
def celery_on_redis(require_redis, require_postgres, settings, tmp_path):
    """Send tasks to Redis (not eagerly) and start workers on demand; stop them all after."""
    import redis

    from jtai.celery import app

    redis.Redis.from_url(settings.REDIS_URL).flushdb()
    app.conf.task_always_eager = False
    app.conf.broker_transport_options = {"visibility_timeout": 5}
    workers: list[Worker] = []

    def start(name="e-worker", env=None):
        worker = Worker(
            settings.MEDIA_ROOT, tmp_path / f"{name}.log", f"{name}-{len(workers)}", env
        )
        workers.append(worker)
        worker.wait_ready()
        return worker

    yield start
    for worker in workers:
        worker.stop()
    app.conf.task_always_eager = True


@pytest.fixture
def inspection(db):
    """An inspection in moderation, every judgement signed off and the shared one agreed."""
    from reports.factories import build_inspection

    return build_inspection(cases=3)


@pytest.fixture
def lead_client(client, inspection):
    """The browser of the inspection's overall lead, signed in."""
    client.force_login(inspection.leads["ofsted"])
    return client


@pytest.fixture
def generate_version(django_capture_on_commit_callbacks):
    """Generate a version through the page, the job run at once (as a worker would)."""
    from django.urls import reverse

    from reports.models import JobStatus, ReportJob

    def generate(client, inspection, kind):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("reports:generate", args=[inspection.pk]), {"kind": kind}
            )
        assert response.status_code == 302, response.content.decode()[:2000]
        job = ReportJob.objects.filter(inspection=inspection).first()
        assert job.status == JobStatus.READY, job.error
        return job.version

    return generate

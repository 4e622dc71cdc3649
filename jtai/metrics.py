"""Prometheus metrics, served at /metrics to a scraper holding the bearer token
(`JTAI_METRICS_TOKEN`) or to a signed-in admin, never to the public.

- Requests and the database: counted in the web process by `jtai.middleware` (requests by
  view, method and status, their duration, and the queries each one ran and their time).
  Under gunicorn set `PROMETHEUS_MULTIPROC_DIR` (an empty folder per container) so every
  worker process's counts are added up; `jtai/gunicorn.conf.py` tidies a dead worker's files.
- Celery: the tasks run in other processes, often on other hosts, so each worker adds its
  task counts and durations, and each render its time and page count, to one Redis hash
  (`record_task`, `record_render`); the scrape reads that hash and each queue's length
  (LLEN), so any web replica shows the whole cluster. Without Redis (tasks in-process) the
  same figures are kept in the process.
"""

from __future__ import annotations

import hmac
import logging
import os
import threading
from collections import defaultdict

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily

logger = logging.getLogger(__name__)

REQUESTS = Counter("jtai_http_requests_total", "Requests answered", ["method", "view", "status"])
REQUEST_SECONDS = Histogram(
    "jtai_http_request_duration_seconds",
    "Time to answer a request",
    ["method", "view"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
DB_QUERIES = Counter("jtai_db_queries_total", "Database queries run by requests", ["view"])
DB_ERRORS = Counter("jtai_db_query_errors_total", "Database queries that raised", ["view"])
DB_SECONDS = Histogram(
    "jtai_db_query_duration_seconds",
    "Time of one database query run by a request",
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5),
)

TASK_BUCKETS = (0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600)
RENDER_BUCKETS = (1, 2.5, 5, 10, 20, 40, 60, 120, 300)
PAGE_BUCKETS = (1, 2, 5, 10, 20, 40, 80, 160)
HASH = "jtai:metrics"


class _Store:
    """Counters shared by every worker: one Redis hash, or the process's own dict when no
    broker is configured. A failure to record is logged and never fails the task."""

    def __init__(self):
        self._local: dict[str, float] = defaultdict(float)
        self._lock = threading.Lock()
        self._redis = None
        self._redis_pid = None

    def _client(self):
        if not settings.REDIS_URL:
            return None
        if self._redis is None or self._redis_pid != os.getpid():
            import redis

            self._redis = redis.Redis.from_url(
                settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1
            )
            self._redis_pid = os.getpid()
        return self._redis

    def add(self, increments: dict[str, float]) -> None:
        client = self._client()
        if client is None:
            with self._lock:
                for field, amount in increments.items():
                    self._local[field] += amount
            return
        try:
            pipe = client.pipeline(transaction=False)
            for field, amount in increments.items():
                pipe.hincrbyfloat(HASH, field, amount)
            pipe.execute()
        except Exception:  # noqa: BLE001 - metrics never break the work they measure
            logger.warning("Could not record metrics in Redis", exc_info=True)

    def read(self) -> dict[str, float]:
        client = self._client()
        if client is None:
            with self._lock:
                return dict(self._local)
        return {k.decode(): float(v) for k, v in client.hgetall(HASH).items()}


store = _Store()


def _histogram_increments(name: str, label: str, value: float, buckets) -> dict[str, float]:
    increments = {f"{name}_sum|{label}": value, f"{name}_count|{label}": 1.0}
    for bound in buckets:
        if value <= bound:
            increments[f"{name}_bucket|{label}|{bound}"] = 1.0
    return increments


def record_task(*, task: str, state: str, seconds: float | None) -> None:
    """One task finished in `state` (SUCCESS, FAILURE, RETRY) after `seconds`."""
    increments = {f"task_total|{task}|{state}": 1.0}
    if seconds is not None:
        increments |= _histogram_increments("task_seconds", task, seconds, TASK_BUCKETS)
    store.add(increments)


def record_render(*, kind: str, seconds: float, pages: int) -> None:
    """One report rendered to PDF: how long it took and how many pages it has."""
    increments = _histogram_increments("render_seconds", kind, seconds, RENDER_BUCKETS)
    increments |= _histogram_increments("render_pages", kind, float(pages), PAGE_BUCKETS)
    store.add(increments)


def record_render_failure(*, reason: str) -> None:
    """A render that ended without a version: `time_limit`, `refused` (a rule of the report's
    content) or `error`. The task itself ends normally (the job records the failure), so the
    task counts alone would not show these."""
    store.add({f"render_failed|{reason}": 1.0})


def queue_names() -> list[str]:
    return [queue.name for queue in settings.CELERY_TASK_QUEUES]


class ClusterCollector:
    """What the workers recorded, the queues' depth and the outbox's backlog, read at scrape."""

    def collect(self):
        yield from self._queues()
        yield from self._outbox()
        try:
            values = store.read()
        except Exception:  # noqa: BLE001 - a scrape still answers with what it has
            logger.warning("Could not read the workers' metrics", exc_info=True)
            values = {}
        tasks = CounterMetricFamily(
            "jtai_celery_tasks", "Celery tasks finished, by state", labels=["task", "state"]
        )
        for field, value in sorted(values.items()):
            kind, *labels = field.split("|")
            if kind == "task_total":
                tasks.add_metric(labels, value)
        yield tasks
        failed = CounterMetricFamily(
            "jtai_report_render_failures", "Renders that made no version", labels=["reason"]
        )
        for field, value in sorted(values.items()):
            kind, *labels = field.split("|")
            if kind == "render_failed":
                failed.add_metric(labels, value)
        yield failed
        yield _histogram(
            values, "task_seconds", "jtai_celery_task_duration_seconds", "task", TASK_BUCKETS
        )
        yield _histogram(
            values, "render_seconds", "jtai_report_render_seconds", "kind", RENDER_BUCKETS
        )
        yield _histogram(values, "render_pages", "jtai_report_pages", "kind", PAGE_BUCKETS)

    def _queues(self):
        depth = GaugeMetricFamily(
            "jtai_celery_queue_length", "Tasks waiting in each queue", labels=["queue"]
        )
        unacked = GaugeMetricFamily(
            "jtai_celery_unacked", "Tasks a worker has taken and not yet acknowledged"
        )
        client = store._client()
        if client is not None:
            try:
                pipe = client.pipeline(transaction=False)
                names = queue_names()
                for name in names:
                    pipe.llen(name)
                pipe.hlen("unacked")
                *lengths, reserved = pipe.execute()
                for name, length in zip(names, lengths, strict=True):
                    depth.add_metric([name], length)
                unacked.add_metric([], reserved)
            except Exception:  # noqa: BLE001
                logger.warning("Could not read the queues' length", exc_info=True)
        else:
            for name in queue_names():
                depth.add_metric([name], 0)
        yield depth
        yield unacked

    def _outbox(self):
        from django.db.models import Count, Min

        from . import clock
        from .models import OutboxMessage

        try:
            unsent = OutboxMessage.objects.filter(sent_at__isnull=True).aggregate(
                count=Count("pk"), oldest=Min("created_at")
            )
        except Exception:  # noqa: BLE001 - the database being away is for /readyz to say
            logger.warning("Could not read the outbox", exc_info=True)
            return
        yield GaugeMetricFamily(
            "jtai_outbox_unsent", "Tasks owed to the broker, not yet sent", value=unsent["count"]
        )
        age = (clock.now() - unsent["oldest"]).total_seconds() if unsent["oldest"] else 0
        yield GaugeMetricFamily(
            "jtai_outbox_oldest_unsent_seconds", "Age of the oldest unsent task", value=age
        )


def _histogram(values, key, name, label, buckets):
    family = HistogramMetricFamily(name, name.replace("_", " "), labels=[label])
    subjects = {f.split("|")[1] for f in values if f.startswith(f"{key}_count|")}
    for subject in sorted(subjects):
        counts = [(str(float(b)), values.get(f"{key}_bucket|{subject}|{b}", 0.0)) for b in buckets]
        counts.append(("+Inf", values.get(f"{key}_count|{subject}", 0.0)))
        family.add_metric([subject], counts, values.get(f"{key}_sum|{subject}", 0.0))
    return family


_cluster = ClusterCollector()
_registered = threading.Lock()
_in_default = False


def _registry():
    """The default registry (this process's metrics) or, under gunicorn with
    PROMETHEUS_MULTIPROC_DIR, every worker process's metrics added up; with the cluster's."""
    global _in_default
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(_cluster)
        return registry
    with _registered:
        if not _in_default:
            REGISTRY.register(_cluster)
            _in_default = True
    return REGISTRY


def scraper_token_ok(request) -> bool:
    """The request carries `Authorization: Bearer <JTAI_METRICS_TOKEN>` (and one is set)."""
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if not token or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[7:].strip().encode(), token.encode())


def scrape() -> HttpResponse:
    response = HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@never_cache
def metrics(request):
    """The metrics in Prometheus's text format, for a signed-in admin (the scraper's token is
    answered earlier, by `jtai.middleware`); 401 with a Bearer challenge for anyone not signed
    in, 404 for anyone else signed in."""
    if scraper_token_ok(request):
        return scrape()
    user = request.user
    if user.is_authenticated and user.is_admin:
        return scrape()
    if user.is_authenticated:
        raise Http404
    response = HttpResponse("Authentication required.\n", status=401)
    response["WWW-Authenticate"] = 'Bearer realm="metrics"'
    return response

"""The request's id, its log line and its metrics.

First in the middleware: it takes the incoming `X-Request-ID` when well formed (else makes
one), binds it to the log context with the user and the inspection once the view is known,
writes one `request` line when the response leaves (method, redacted path, status, duration,
queries), counts it for /metrics, and echoes the id in the response's `X-Request-ID`.
"""

from __future__ import annotations

import logging
import time

from django.db import connection

from . import logs, metrics

logger = logging.getLogger("jtai.request")

# Where the URL names the inspection: `inspections/<int:pk>/...` and the API's
# `inspections/{pk}/...`; other routes name it `inspection_pk`.
_INSPECTION_KWARGS = ("inspection_pk", "inspection_id")


def _inspection_id(resolver_match) -> int | None:
    kwargs = resolver_match.kwargs
    for name in _INSPECTION_KWARGS:
        if name in kwargs:
            return kwargs[name]
    route = resolver_match.route or ""
    if "pk" in kwargs and ("inspections/<int:pk>" in route or "inspections/(?P<pk>" in route):
        return kwargs["pk"]
    return None


class _QueryCounter:
    """Counts and times the queries a request runs (a database execute wrapper)."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0
        self.view = "unresolved"

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        except Exception:
            metrics.DB_ERRORS.labels(self.view).inc()
            raise
        finally:
            elapsed = time.perf_counter() - started
            self.count += 1
            self.seconds += elapsed
            metrics.DB_SECONDS.observe(elapsed)


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The scraper, known by its token, is answered here, before the host name is checked:
        # Prometheus scrapes each replica by its address, which is no allowed host name.
        if request.path == "/metrics" and request.method == "GET":
            if metrics.scraper_token_ok(request):
                return metrics.scrape()
        logs.clear()
        request_id = logs.request_id_from(request.headers.get("X-Request-ID"))
        request.request_id = request_id
        logs.bind(request_id=request_id)
        started = time.perf_counter()
        queries = _QueryCounter()
        request._jtai_queries = queries
        with connection.execute_wrapper(queries):
            response = self.get_response(request)
        elapsed = time.perf_counter() - started
        response["X-Request-ID"] = request_id
        view = getattr(request.resolver_match, "view_name", None) or "unresolved"
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            logs.bind(user_id=user.pk)
        metrics.REQUESTS.labels(request.method, view, str(response.status_code)).inc()
        metrics.REQUEST_SECONDS.labels(request.method, view).observe(elapsed)
        if queries.count:
            metrics.DB_QUERIES.labels(view).inc(queries.count)
        if view != "metrics" and request.path not in ("/healthz", "/readyz"):
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": logs.redact(request.get_full_path()),
                    "view": view,
                    "status": response.status_code,
                    "duration_ms": round(elapsed * 1000, 1),
                    "queries": queries.count,
                    "query_ms": round(queries.seconds * 1000, 1),
                },
            )
        logs.clear()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """The view is known and the session read: the user and inspection join the context
        of every line the view logs and every task it queues."""
        queries = getattr(request, "_jtai_queries", None)
        if queries is not None and request.resolver_match is not None:
            queries.view = request.resolver_match.view_name or "unresolved"
        user = getattr(request, "user", None)
        logs.bind(
            user_id=user.pk if user is not None and user.is_authenticated else None,
            inspection_id=_inspection_id(request.resolver_match)
            if request.resolver_match
            else None,
        )
        return None

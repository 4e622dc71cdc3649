"""gunicorn's settings for the production command (`make serve`, the containers' web service).

The request line is the application's own (jtai.middleware: the request id, redacted path,
status and timings), so gunicorn writes no access log of its own, which would repeat the URL
with its secrets; its error log takes the same JSON (or plain) format as the application's.
"""

import os
import pathlib
import sys

# gunicorn reads this file before it puts the project on the import path.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from jtai.logs import logging_config  # noqa: E402

bind = os.environ.get("JTAI_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("JTAI_WEB_TIMEOUT", "60"))
# A replica asked to stop finishes the requests it holds first.
graceful_timeout = 30
# Recycle a worker now and then, so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = None
errorlog = "-"
logconfig_dict = logging_config(
    fmt=os.environ.get("JTAI_LOG_FORMAT", "json"), level=os.environ.get("JTAI_LOG_LEVEL", "INFO")
)
# gunicorn's own lines (starting, a worker timing out) through the same formatter.
logconfig_dict["loggers"]["gunicorn.error"] = {
    "handlers": ["console"],
    "level": "INFO",
    "propagate": False,
}
# Behind our proxy, which sets X-Forwarded-Proto (settings trust it for HTTPS).
forwarded_allow_ips = os.environ.get("JTAI_FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Metrics from several worker processes are added up through files in
    PROMETHEUS_MULTIPROC_DIR (jtai/metrics.py): start from an empty folder."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        path = pathlib.Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        for stale in path.glob("*.db"):
            stale.unlink()


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)

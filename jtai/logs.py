"""Logs: one JSON object a line in production (plain text for `make run`), each carrying the
request id, the user and the inspection of the request or task it came from, with the secrets
that some URLs carry (the calendar feed's token, a factual-accuracy link) redacted.

`logging_config()` is what settings put in LOGGING: every logger (Django's, Celery's,
gunicorn's, ours) goes through structlog's formatter, so a line from any library has the same
shape and passes the same redaction. The context is structlog's context variables: the
request middleware binds it (`jtai.middleware`), the outbox carries it into the tasks a request
queues (`jtai.queue`), and the worker binds it again around each task (`jtai.celery`).

Imports nothing from Django's models or the apps: settings import this module.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Mapping
from typing import Any

import structlog

REDACTED = "[redacted]"

# Secrets carried in URLs. A query parameter with one of these names, anywhere in a logged
# string (`?token=...`, `&signature=...`), and the path segment after these prefixes (the
# factual-accuracy link's signed token). tests/jtai/test_logs.py checks that every URL pattern
# taking a token is covered.
SECRET_QUERY_NAMES = ("token", "key", "secret", "signature", "password", "access_token", "code")
SECRET_PATH_PREFIXES = ("/reports/factual-accuracy/",)

_QUERY_SECRET = re.compile(
    r"(?P<name>(?:[?&;]|\b)(?:" + "|".join(SECRET_QUERY_NAMES) + r")=)(?P<value>[^&\s\"';#]+)",
    re.IGNORECASE,
)
_PATH_SECRET = re.compile(
    "(?P<prefix>"
    + "|".join(re.escape(p) for p in SECRET_PATH_PREFIXES)
    + r")(?P<value>[^/?\s\"']+)"
)
# Presigned object-storage links carry their signature in the query (X-Amz-Signature=...).
_AMZ_SECRET = re.compile(r"(?P<name>X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s\"']+")

# An incoming X-Request-ID is kept when it looks like an id (a load balancer's or a client's),
# never when it could carry anything else into the logs.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$")

# The context keys a request hands to the tasks it queues, and the message header carrying them.
CARRIED_KEYS = ("request_id", "user_id", "inspection_id")
HEADER = "jtai_context"


def redact(text: str) -> str:
    """`text` with every URL secret replaced by [redacted]."""
    if not text or ("=" not in text and "/factual-accuracy/" not in text):
        return text
    text = _QUERY_SECRET.sub(lambda m: m.group("name") + REDACTED, text)
    text = _AMZ_SECRET.sub(lambda m: m.group("name") + REDACTED, text)
    return _PATH_SECRET.sub(lambda m: m.group("prefix") + REDACTED, text)


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, Mapping):
        return {k: _redact_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_value(v) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    # Anything else (a request object a library passed in `extra`) is logged as its text, so
    # its text is redacted too.
    return redact(str(value))


def redact_event(_logger, _method, event_dict: dict) -> dict:
    """structlog processor: redact every string of the event (the message, the exception's
    text, any field)."""
    return {key: _redact_value(value) for key, value in event_dict.items()}


def request_id_from(header: str | None) -> str:
    """The incoming id when well formed, else a new one."""
    if header and _REQUEST_ID.match(header):
        return header
    return uuid.uuid4().hex


def current_context() -> dict:
    """What the current request or task would hand on to the work it queues."""
    bound = structlog.contextvars.get_contextvars()
    return {key: bound[key] for key in CARRIED_KEYS if bound.get(key) is not None}


def bind(**values) -> None:
    structlog.contextvars.bind_contextvars(**{k: v for k, v in values.items() if v is not None})


def clear() -> None:
    structlog.contextvars.clear_contextvars()


def _drop_color_message(_logger, _method, event_dict: dict) -> dict:
    event_dict.pop("color_message", None)
    return event_dict


SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    _drop_color_message,
]


def logging_config(*, fmt: str, level: str) -> dict:
    """The LOGGING dictionary: JSON lines (`fmt="json"`) or plain text (`fmt="plain"`)."""
    if fmt not in ("json", "plain"):
        raise ValueError(f"JTAI_LOG_FORMAT must be json or plain; got {fmt!r}")
    renderer = (
        structlog.processors.JSONRenderer()
        if fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structured": {
                "()": structlog.stdlib.ProcessorFormatter,
                # A standard library record's `extra={...}` fields become the line's fields.
                "foreign_pre_chain": [*SHARED_PROCESSORS, structlog.stdlib.ExtraAdder()],
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info,
                    redact_event,
                    renderer,
                ],
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structured"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            # The request line is ours (jtai.request), with the secrets redacted; the
            # development server's own line would repeat it, token and all.
            "django.server": {"level": "WARNING"},
            "gunicorn.access": {"level": "WARNING"},
            # WeasyPrint logs every layout step at INFO; its warnings are what matter.
            "weasyprint": {"level": "WARNING"},
            "weasyprint.progress": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }


def configure_structlog() -> None:
    """structlog's own loggers hand their events to the standard library's, formatted above."""
    structlog.configure(
        processors=[
            *SHARED_PROCESSORS[:-1],
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def get_logger(name: str):
    return structlog.stdlib.get_logger(name)


def sentry_before_send(event: dict, _hint) -> dict:
    """Sentry's events pass the same redaction as the logs (URLs, query strings, messages)."""
    return _redact_value(event)


def init_sentry(*, dsn: str, environment: str, release: str, traces_sample_rate: float) -> None:
    """Error reporting when SENTRY_DSN is set: no personal data (no user names, addresses,
    cookies or bodies), and secrets redacted from what is sent."""
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=sentry_before_send,
        before_send_transaction=sentry_before_send,
        integrations=[
            DjangoIntegration(),
            CeleryIntegration(),
            LoggingIntegration(level=logging.INFO, event_level=logging.ERROR),
        ],
    )

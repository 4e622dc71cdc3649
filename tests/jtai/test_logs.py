"""JSON logs: the request id (taken or made, echoed), the user and inspection in context,
carried into the task the request queued, and URL secrets never written."""

import io
import json
import logging
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jtai import logs
from tests.inspections.conftest import (  # noqa: F401
    full_team,
    haringey,
    haringey_jtai,
    jtai,
    neglect,
)


class Captured:
    def __init__(self, stream: io.StringIO):
        self.stream = stream

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def lines(self) -> list[dict]:
        return [json.loads(line) for line in self.text.splitlines() if line.strip()]

    def events(self, event: str) -> list[dict]:
        return [line for line in self.lines() if line.get("event") == event]


def _capture(fmt: str):
    stream = io.StringIO()
    config = logs.logging_config(fmt=fmt, level="INFO")
    formatter = config["formatters"]["structured"]
    options = {k: v for k, v in formatter.items() if k != "()"}
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter["()"](**options))
    root = logging.getLogger()
    root.addHandler(handler)
    return handler, Captured(stream)


@pytest.fixture
def json_log():
    handler, captured = _capture("json")
    yield captured
    logging.getLogger().removeHandler(handler)


@pytest.fixture
def plain_log():
    handler, captured = _capture("plain")
    yield captured
    logging.getLogger().removeHandler(handler)


@pytest.mark.django_db
def test_a_request_id_is_made_echoed_and_logged(client, json_log):
    response = client.get("/accessibility/")
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    (line,) = json_log.events("request")
    assert line["request_id"] == request_id
    assert (line["method"], line["path"], line["status"]) == ("GET", "/accessibility/", 200)
    assert line["level"] == "info" and line["timestamp"].endswith("Z")
    assert {"duration_ms", "queries", "view"} <= set(line)


@pytest.mark.django_db
def test_a_well_formed_incoming_id_is_kept_and_anything_else_replaced(client, json_log):
    kept = client.get("/accessibility/", headers={"X-Request-ID": "lb-4f1c2a9e-77"})
    assert kept["X-Request-ID"] == "lb-4f1c2a9e-77"
    for bad in ("short", "a" * 200, "evil\nline injected", "<script>alert(1)</script>"):
        replaced = client.get("/accessibility/", headers={"X-Request-ID": bad})
        assert replaced["X-Request-ID"] != bad
        assert re.fullmatch(r"[0-9a-f]{32}", replaced["X-Request-ID"])
    assert "injected" not in json_log.text and "<script>" not in json_log.text


def test_the_user_and_inspection_are_in_the_context(client, full_team, admin, json_log):  # noqa: F811
    client.force_login(admin)
    response = client.get(reverse("inspections:detail", args=[full_team.pk]))
    assert response.status_code == 200
    (line,) = json_log.events("request")
    assert line["user_id"] == admin.pk
    assert line["inspection_id"] == full_team.pk


def test_the_request_id_reaches_the_task_it_queued(
    client,
    full_team,  # noqa: F811
    admin,
    json_log,
    django_capture_on_commit_callbacks,
):
    """Notifying queues the notification emails through the outbox: the task's lines carry
    the request's id, user and inspection (in-process here; tests/reports/test_request_id_worker
    shows it through a real worker)."""
    from jtai.models import OutboxMessage

    client.force_login(admin)
    # Other tests' committed work may be in the outbox: only what this request queues counts.
    last = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/inspections/{full_team.pk}/notify/",
            headers={"X-Request-ID": "notify-request-0001"},
        )
    assert response.status_code == 200
    owed = OutboxMessage.objects.get(pk__gt=last, task="inspections.tasks.send_notification_emails")
    assert owed.context == {
        "request_id": "notify-request-0001",
        "user_id": admin.pk,
        "inspection_id": full_team.pk,
    }
    started = [
        line
        for line in json_log.events("task started")
        if line["task"] == "inspections.tasks.send_notification_emails"
    ]
    assert len(started) == 1
    assert started[0]["request_id"] == "notify-request-0001"
    assert started[0]["user_id"] == admin.pk and started[0]["inspection_id"] == full_team.pk
    (finished,) = [
        line
        for line in json_log.events("task finished")
        if line["task_id"] == started[0]["task_id"]
    ]
    assert finished["state"] == "SUCCESS"
    (request_line,) = json_log.events("request")
    assert request_line["request_id"] == "notify-request-0001"
    assert "task" not in request_line  # the task's context ended with it


def _token_routes(resolver=None, prefix=""):
    """Every URL pattern taking a path argument named like a secret."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _token_routes(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            names = re.findall(r"<(?:\w+:)?(\w+)>", route)
            if any(n in ("token", "secret", "signature") or n.endswith("_token") for n in names):
                yield route


def test_every_url_taking_a_token_is_redacted():
    routes = list(_token_routes())
    assert routes, "the factual-accuracy link takes a token"
    for route in routes:
        sample = "/" + re.sub(r"<(?:\w+:)?(\w+)>", "SECRETVALUE1234", route)
        assert "SECRETVALUE1234" not in logs.redact(sample), route


@pytest.mark.parametrize("fmt", ["json", "plain"])
@pytest.mark.django_db
def test_a_secret_token_in_a_url_never_appears_in_a_log(client, ofsted_inspector, fmt, request):
    captured = request.getfixturevalue(f"{fmt}_log")
    secrets = ["CalendarFeedSecret-9f8e7d", "FactualAccuracyLinkSecret.abc:def"]
    client.get(f"/inspections/my-schedule.ics?token={secrets[0]}")
    client.get(f"/reports/factual-accuracy/{secrets[1]}/")
    client.get(f"/no-such-page/?x=1&token={secrets[0]}")  # 404: Django logs "Not Found: ..."
    logging.getLogger("jtai.test").warning("fetched /reports/factual-accuracy/%s/", secrets[1])
    text = captured.text
    assert "my-schedule.ics?token=[redacted]" in text
    assert "/reports/factual-accuracy/[redacted]/" in text
    for secret in secrets:
        assert secret not in text


def test_redaction_keeps_the_rest_of_the_url():
    assert logs.redact("/a.ics?token=abc&week=2") == "/a.ics?token=[redacted]&week=2"
    assert logs.redact("GET /x?Token=abc HTTP/1.1") == "GET /x?Token=[redacted] HTTP/1.1"
    assert (
        logs.redact("https://s3/x.pdf?X-Amz-Signature=abc123&X-Amz-Expires=10")
        == "https://s3/x.pdf?X-Amz-Signature=[redacted]&X-Amz-Expires=10"
    )
    assert logs.redact("/inspections/12/report/") == "/inspections/12/report/"


def test_sentry_events_are_redacted_too():
    event = {
        "request": {
            "url": "https://jtai.example/reports/factual-accuracy/abc.def/",
            "query_string": "token=xyz",
        },
        "message": "GET /my-schedule.ics?token=xyz",
    }
    cleaned = logs.sentry_before_send(event, None)
    assert "abc.def" not in json.dumps(cleaned) and "xyz" not in json.dumps(cleaned)


def test_settings_choose_json_in_production_and_plain_for_make_run(settings):
    # The test settings run in debug mode, as `make run` does.
    assert settings.LOG_FORMAT == "plain"
    with pytest.raises(ValueError):
        logs.logging_config(fmt="xml", level="INFO")


@pytest.mark.django_db
def test_a_token_user_is_in_the_context_too(client, admin, json_log):
    from jtai.authentication import token_for

    token = token_for(admin)
    response = client.get("/api/inspections/", headers={"Authorization": f"Token {token.key}"})
    assert response.status_code == 200
    (line,) = json_log.events("request")
    assert line["user_id"] == admin.pk
    assert token.key not in json_log.text


def test_sentry_is_on_with_a_dsn_and_sends_no_personal_data():
    from .test_settings import run_manage

    show = (
        "import sentry_sdk, json; o = sentry_sdk.get_client().options; print(json.dumps("
        "[o['dsn'], o['send_default_pii'], o['before_send'].__qualname__]))"
    )
    result = run_manage(
        "shell", "-c", show, DJANGO_DEBUG="1", SENTRY_DSN="https://public@sentry.invalid/1"
    )
    assert result.returncode == 0, result.stderr
    dsn, pii, hook = json.loads(result.stdout.strip().splitlines()[-1])
    assert (dsn, pii, hook) == ("https://public@sentry.invalid/1", False, "sentry_before_send")

"""Fuzzing the API from its own schema: every operation, as an admin and as an inspector, with
valid and invalid input, never answers a server error, and answers every 4xx with the one
error body (problem details).

The schema at /api/schema/ drives schemathesis, which generates requests for each operation
(path ids both made up and those of real objects, so the handlers' deeper rules run too) and
sends them through the WSGI application in this process, on the test database. Every 5xx (and
every 4xx that is not problem details) is collected with a curl command that repeats it, and
the test fails listing them all.

`make test` runs a short, bounded pass; `make fuzz` a long one, in two processes at once, each
taking half of the operations (JTAI_FUZZ_EXAMPLES, JTAI_FUZZ_SHARD=i/n).
"""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode

from agencies.factories import UserFactory
from agencies.models import Inspectorate
from inspections.factories import (
    CaseSampleFactory,
    EvidenceRecordFactory,
    InspectionFactory,
    SharedJudgementFactory,
    add_member,
    framework_version,
    make_inspection,
    make_programme,
)
from inspections.models import Status, TeamRole, Theme
from inspections.planning import services as planning_services
from reports.factories import ReportJobFactory
from tests.conftest import reload_reference_data

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

# Examples per operation, persona and generation mode.
EXAMPLES = int(os.environ.get("JTAI_FUZZ_EXAMPLES", "3"))
SHARD = os.environ.get("JTAI_FUZZ_SHARD", "0/1")


def _shard_index() -> int:
    return int(SHARD.split("/")[0])


def _shard(operations: list) -> list:
    index, count = (int(part) for part in SHARD.split("/"))
    return [op for n, op in enumerate(operations) if n % count == index]


def _shard_name(name: str) -> str:
    """A name of this shard's own: concurrent shards would otherwise wait on each other's
    uncommitted rows (the same username, the same programme name) until the other ends."""
    return f"{name}_{SHARD.replace('/', 'of')}"


@pytest.fixture
def personas(db) -> dict:
    if not Inspectorate.objects.exists():  # a reused database a transactional test emptied
        reload_reference_data()  # (make fuzz creates its database anew: shards never wait here)
    return {
        "admin": UserFactory(username=_shard_name("fuzz_admin"), admin=True),
        "lead_inspector": UserFactory(username=_shard_name("fuzz_lead"), role="lead"),
        "ofsted_inspector": UserFactory(username=_shard_name("fuzz_inspector")),
    }


@pytest.fixture
def world(personas):
    """Something for the ids to find: an inspection in fieldwork with its team, evidence, a
    case sample and judgements, and a programme."""
    admin, lead_inspector = personas["admin"], personas["lead_inspector"]
    ofsted_inspector = personas["ofsted_inspector"]
    # Inspections of this shard's own (the reference and the area follow the sequence).
    InspectionFactory.reset_sequence(1000 + 50 * _shard_index())
    inspection = make_inspection()
    planned = make_inspection(framework="jtai", status=Status.PLANNED, ensure=False)
    planned.theme = Theme.objects.get(framework__code="jtai", code="neglect")
    planned.save(update_fields=["theme"])
    add_member(inspection, lead_inspector, TeamRole.OVERALL_LEAD)
    member = add_member(inspection, ofsted_inspector)
    agency = inspection.agencies.first()
    evidence = EvidenceRecordFactory(
        inspection=inspection, agency=agency, recorded_by=ofsted_inspector
    )
    sample = CaseSampleFactory(
        inspection=inspection, agencies=[agency], recorded_by=ofsted_inspector
    )
    judgement = inspection.judgements.first()
    shared = inspection.shared_judgements.first() or SharedJudgementFactory(inspection=inspection)
    version = framework_version("jtai")
    programme = make_programme(admin, version, name=_shard_name("Fuzzed programme"))
    planning_services.programme_propose(programme=programme, by=admin)
    job = ReportJobFactory(inspection=inspection, requested_by=lead_inspector, status="failed")
    return {
        "inspections": [inspection.pk, planned.pk],
        "team": member.pk,
        "evidence": evidence.pk,
        "case-samples": sample.pk,
        "judgements": judgement.pk,
        "shared-judgements": shared.pk,
        "framework-versions": version.pk,
        "frameworks": "jtai",
        "local-authorities": inspection.authority.gss_code,
        "partner-agencies": agency.pk,
        "programmes": programme.pk,
        "choices": programme.choices.first().pk,
        "report-jobs": job.pk,
    }


def _real_path_parameters(path: str, world: dict) -> list[dict]:
    """The path's parameters set to the seeded objects' ids (`/api/<kind>/{id}/...`), once
    for each object of the kind (an inspection in fieldwork and a planned one)."""
    kind = path.split("/")[2]
    values = {}
    if "{code}" in path:
        values["code"] = world["frameworks"]
    if "{gss_code}" in path:
        values["gss_code"] = world["local-authorities"]
    if "{member_pk}" in path:
        values["member_pk"] = world["team"]
    if "{choice_pk}" in path:
        values["choice_pk"] = world["choices"]
    if "{inspectorate}" in path:
        values["inspectorate"] = "ofsted"
    if "{id}" not in path:
        return [values] if values else []
    if kind not in world:
        return []
    ids = world[kind] if isinstance(world[kind], list) else [world[kind]]
    return [{**values, "id": pk} for pk in ids]


@contextmanager
def _connection_kept_across_requests():
    """The WSGI handler closes the database connection after each request, which would end
    the test's transaction; Django's own test client keeps it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


def _is_problem(response) -> bool:
    """A 4xx is RFC 9457 problem details: its content type and body (docs/adr/api-schema.md)."""
    content_type = next(
        (values for name, values in response.headers.items() if name.lower() == "content-type"),
        [],
    )
    if not any(value.startswith("application/problem+json") for value in content_type):
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and PROBLEM_KEYS <= set(body)


def _send_examples(operation, strategy, headers: dict, server_errors: list[str]) -> int:
    """Send EXAMPLES cases of one operation; note each server error. Answers how many."""
    sent = 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def send(case):
        nonlocal sent
        sent += 1
        response = case.call(headers=headers)
        if response.status_code >= 500 or (
            response.status_code >= 400 and not _is_problem(response)
        ):
            server_errors.append(
                f"{response.status_code} {operation.method.upper()} {operation.path}: "
                f"{case.as_curl_command(headers=headers)}"
            )

    try:
        send()
    except Unsatisfiable:
        pass  # nothing in the operation can be made invalid (negative mode), or valid
    return sent


def _fuzz(user, world) -> tuple[list[str], int]:
    token = Token.objects.create(user=user)
    headers = {"Authorization": f"Token {token.key}"}
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/schema/", app, headers=headers)
    server_errors: list[str] = []
    sent = 0
    operations = _shard([result.ok() for result in schema.get_all_operations()])
    for operation in operations:
        fixed = _real_path_parameters(operation.path, world)
        # Valid input with made-up ids and with real ones; invalid input where it can reach
        # the most code, on the real objects.
        plans = [(GenerationMode.POSITIVE, {})]
        for path_parameters in fixed:
            plans.append((GenerationMode.POSITIVE, path_parameters))
            if len(operation.body) or len(operation.query):  # else only the path is invalid
                plans.append((GenerationMode.NEGATIVE, path_parameters))
        if not fixed and (len(operation.body) or len(operation.query)):
            plans.append((GenerationMode.NEGATIVE, {}))
        strategies = [
            operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)
            for mode, path_parameters in plans
        ]
        for strategy in strategies:
            sent += _send_examples(operation, strategy, headers, server_errors)
    return server_errors, sent


@pytest.mark.parametrize("persona", ["admin", "ofsted_inspector"])
def test_no_operation_answers_a_server_error(personas, world, persona):
    user = personas[persona]
    with _connection_kept_across_requests():
        server_errors, sent = _fuzz(user, world)
    assert sent > 0
    assert not server_errors, "\n".join(server_errors)


def test_the_schema_lists_every_operation_to_fuzz(client, personas):
    """Also what `make fuzz` runs first: it creates the test database the shards then share."""
    client.force_login(personas["admin"])
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert len(schema["paths"]) > 40

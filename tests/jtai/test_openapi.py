"""The OpenAPI schema says what the API does: it is valid, every list is documented as the page
it answers, every operation documents its errors with the one error body, and paths, operation
ids and component names follow one style."""

import datetime
import re

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from agencies.models import Inspectorate, LocalAuthority
from inspections.models import Framework, JudgementRevision
from inspections.planning import services as planning
from reports.factories import build_inspection, publish_directly
from tests.inspections.fieldwork.conftest import fieldwork_world

METHODS = {"get", "post", "put", "patch", "delete"}
ERROR_REF = "#/components/schemas/Problem"
PROBLEM = "application/problem+json"
CRUD_ACTIONS = {"list", "retrieve", "create", "update", "partial_update", "destroy"}
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SNAKE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
# What anyone may do without signing in: exchange a password for a token, read what a problem
# type means, and read the public register of published reports.
OPEN_TO_ANYONE = [
    ("/api/auth/token/", "post"),
    ("/api/problems/{slug}/", "get"),
    ("/api/published-reports/", "get"),
    ("/api/published-reports/{slug}/", "get"),
]
# Lists this module's world leaves empty; their tests check each item against the schema.
LISTS_CHECKED_ELSEWHERE = {
    "/api/action-plans/overdue/": "tests/reports/test_api_pages_parity.py",
    "/api/inspections/{id}/factual-accuracy-requests/": "tests/reports/test_api_pages_parity.py",
    "/api/my-schedule/": "tests/inspections/test_api_calendar.py",
}
PARAMETER = re.compile(r"^\{[a-z_]+\}$")


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def _is_anonymous(operation) -> bool:
    """An operation open to anyone (the token exchange) has no 401 or 403 to document."""
    return {} in operation.get("security", [])


# --- (a) valid ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_served_schema_is_valid_openapi(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    validate(response.json())


def test_the_schema_builds_without_warnings(tmp_path):
    call_command("spectacular", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


# --- (b) every list answers the page it documents ---------------------------------------------


def _paginated_lists(schema):
    """(path, item component) for each GET documented as a page of a list."""
    for path, method, operation in operations(schema):
        if method != "get":
            continue
        content = operation["responses"]["200"]["content"].get("application/json")
        if content is None:  # a file (a version's PDF)
            continue
        name = content["schema"].get("$ref", "").rsplit("/", 1)[-1]
        if name.startswith("Paginated"):
            page = schema["components"]["schemas"][name]
            assert {"count", "next", "previous", "results"} <= set(page["properties"]), path
            item = page["properties"]["results"]["items"]["$ref"].rsplit("/", 1)[-1]
            yield path, name, item


def test_every_list_is_documented_as_a_page(schema):
    lists = {path for path, _, _ in _paginated_lists(schema)}
    # A GET on a collection (no path parameter last) that is not a page would be a bare array.
    for path, method, operation in operations(schema):
        body = operation["responses"].get("200", {}).get("content", {})
        bare = body.get("application/json", {}).get("schema", {}).get("type") == "array"
        assert not (method == "get" and bare), f"{path} is documented as a bare array"
    assert {
        "/api/programmes/",
        "/api/concerns/",
        "/api/inspections/{id}/judgements/",
        "/api/inspections/",
        "/api/local-authorities/",
    } <= lists


@pytest.fixture
def world(admin, django_capture_on_commit_callbacks):
    """Something in every list: an inspection with its team, judgements, evidence, cases, the
    shared judgement and a report version; a proposed programme; a concern."""
    inspection = build_inspection(cases=3)
    lead = inspection.leads["ofsted"]
    api = APIClient()
    api.force_authenticate(lead)
    with django_capture_on_commit_callbacks(execute=True):
        generated = api.post(f"/api/inspections/{inspection.pk}/reports/", {"kind": "draft"})
    assert generated.status_code == 202, generated.json()
    fieldwork_world(inspection, lead)
    framework = Framework.objects.get(code="jtai")
    programme = planning.programme_create(
        name="Joint targeted area inspections 2027–28",
        framework_version=framework.versions.get(version=1),
        period_start=datetime.date(2027, 4, 1),
        period_end=datetime.date(2028, 10, 31),
        target_areas=10,
        by=admin,
    )
    planning.programme_propose(programme=programme, by=admin)
    planning.leave_record(
        capacity=programme.capacities.first(),
        start=datetime.date(2027, 8, 2),
        end=datetime.date(2027, 8, 6),
        by=admin,
    )
    publish_directly(build_inspection())
    judgement = inspection.judgements.first()
    JudgementRevision.objects.create(
        judgement=judgement, version=1, status=judgement.status, by=lead, at=judgement.updated_at
    )
    planning.concern_record(
        inspectorate=Inspectorate.objects.get(code="ofsted"),
        authority=LocalAuthority.objects.get(gss_code="E08000035"),
        date=datetime.date(2026, 10, 1),
        severity="high",
        summary="Drift in child protection plans",
        by=admin,
    )
    return {
        "inspections": (inspection.pk, lead),
        "programmes": (programme.pk, admin),
        "judgements": (judgement.pk, lead),
    }


@pytest.mark.django_db
def test_every_list_answers_the_page_it_documents(schema, world, admin):
    checked = []
    for path, _, item_name in _paginated_lists(schema):
        if path in LISTS_CHECKED_ELSEWHERE:
            continue
        user = admin
        url = path
        if "{" in path:
            resource = path.split("/")[2]
            assert resource in world, f"no object to list {path} for: add one to `world`"
            pk, user = world[resource]
            url = re.sub(r"\{\w+\}", str(pk), path)
        api = APIClient()
        api.force_authenticate(user)
        response = api.get(url)
        assert response.status_code == 200, (url, response.json())
        body = response.json()
        assert set(body) == {"count", "next", "previous", "results"}, url
        assert body["count"] >= 1 and body["results"], f"{url} listed nothing to check"
        fields = set(schema["components"]["schemas"][item_name]["properties"])
        for result in body["results"]:
            assert set(result) == fields, (url, set(result) ^ fields)
        checked.append(path)
    assert len(checked) >= 10


@pytest.mark.django_db
def test_a_page_past_the_end_is_a_404_with_the_error_body(admin):
    api = APIClient()
    api.force_authenticate(admin)
    response = api.get("/api/inspectorates/", {"page": 99})
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert set(response.json()) == {"type", "title", "status", "detail", "instance"}


# --- (c) every operation documents its errors -------------------------------------------------


def _documents_error(operation, code) -> bool:
    response = operation["responses"].get(code)
    if not response or not response.get("description"):
        return False
    return response.get("content") == {PROBLEM: {"schema": {"$ref": ERROR_REF}}}


def test_the_error_body_is_problem_details_with_field_errors(schema):
    error = schema["components"]["schemas"]["Problem"]
    assert set(error["required"]) == {"type", "title", "status", "detail", "instance"}
    assert error["properties"]["detail"]["type"] == "string"
    assert error["properties"]["status"]["type"] == "integer"
    errors = error["properties"]["errors"]
    assert errors["additionalProperties"] == {"type": "array", "items": {"type": "string"}}


def test_every_operation_documents_its_errors(schema):
    missing = []
    for path, method, operation in operations(schema):
        expected = set()
        if not _is_anonymous(operation):
            expected |= {"401", "403"}
        if any(p["in"] == "path" for p in operation.get("parameters", [])):
            expected.add("404")
        if "requestBody" in operation:
            expected.add("400")
        versioned = False
        if "requestBody" in operation:
            body = operation["requestBody"]["content"]["application/json"]["schema"]
            component = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]
            versioned = "version" in component["properties"]
        if (
            versioned
            or re.fullmatch(r"/api/inspections/\{id\}/[a-z-]+/", path)
            and (method == "post" and "200" in operation["responses"])
        ):
            expected.add("409")
        for code in sorted(expected):
            if not _documents_error(operation, code):
                missing.append(f"{method.upper()} {path}: {code}")
        # Whatever else is documented as an error carries the same body.
        for code in operation["responses"]:
            if code.startswith("4") and not _documents_error(operation, code):
                missing.append(f"{method.upper()} {path}: {code} without the error body")
    assert not missing, "\n".join(missing)


def test_only_the_token_exchange_and_public_pages_are_open_to_anyone(schema):
    anonymous = [(path, method) for path, method, op in operations(schema) if _is_anonymous(op)]
    assert sorted(anonymous) == sorted(OPEN_TO_ANYONE)


def test_every_transition_documents_409(schema):
    from inspections.lifecycle import TRANSITIONS

    for verb in TRANSITIONS:
        operation = schema["paths"][f"/api/inspections/{{id}}/{verb.replace('_', '-')}/"]["post"]
        assert _documents_error(operation, "409"), verb


# --- (d) one style --------------------------------------------------------------------------


def test_every_path_is_kebab_case(schema):
    for path in schema["paths"]:
        assert path.startswith("/api/") and path.endswith("/"), path
        for segment in path.strip("/").split("/")[1:]:
            assert KEBAB.match(segment) or PARAMETER.match(segment), (path, segment)


def test_operation_ids_are_resource_then_action(schema):
    seen = set()
    for path, method, operation in operations(schema):
        operation_id = operation["operationId"]
        assert SNAKE.match(operation_id), operation_id
        assert operation_id not in seen, operation_id
        seen.add(operation_id)
        literal = [s.replace("-", "_") for s in path.strip("/").split("/")[1:] if "{" not in s]
        resource = "_".join(literal)
        # <resource>_<action>, or for an action on an object (POST .../{id}/<verb>/) the path
        # itself ends in the verb: inspections_start_fieldwork.
        if operation_id == resource:
            assert method == "post" and path.split("/")[-3].startswith("{"), operation_id
        else:
            assert operation_id.startswith(resource + "_"), (operation_id, path)
            assert operation_id[len(resource) + 1 :] in CRUD_ACTIONS, operation_id


def test_component_names_have_one_style(schema):
    for name in schema["components"]["schemas"]:
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", name), name
        assert not re.search(r"(Out|Output|In|Input|Serializer)$", name), name

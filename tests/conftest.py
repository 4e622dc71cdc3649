"""Shared fixtures and the rule for services: skipped without them, failing with
JTAI_REQUIRE_SERVICES=1 (as CI sets), never silently skipped in CI."""

import os
import shutil

import pytest
from django.conf import settings

REQUIRE_SERVICES = os.environ.get("JTAI_REQUIRE_SERVICES", "") == "1"


def _missing(what: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required (JTAI_REQUIRE_SERVICES=1) but not available")
    pytest.skip(f"{what} not available")


@pytest.fixture
def require_postgres():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        _missing("PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def require_redis():
    if not settings.REDIS_URL:
        _missing("Redis (set REDIS_URL)")


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture
def require_chromium():
    path = chromium_path()
    if not path:
        _missing("Chromium")
    return path


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return [
        f"jtai: database={engine} redis={'yes' if settings.REDIS_URL else 'no'} "
        f"chromium={chromium_path() or 'no'} require_services={REQUIRE_SERVICES}"
    ]


# Personas. Inspectorates come from the reference data that migrations load.
def _person(django_user_model, username, role, inspectorate_code=None):
    from agencies.models import Inspectorate

    inspectorate = Inspectorate.objects.get(code=inspectorate_code) if inspectorate_code else None
    return django_user_model.objects.create_user(
        username=username,
        password="correct horse battery staple",
        role=role,
        inspectorate=inspectorate,
        first_name=username.replace("_", " ").title(),
        last_name="Tester",
        email=f"{username}@example.test",
    )


@pytest.fixture
def admin(django_user_model):
    return _person(django_user_model, "admin_user", "admin")


@pytest.fixture
def lead_inspector(django_user_model):
    return _person(django_user_model, "lead_inspector", "lead", "ofsted")


@pytest.fixture
def ofsted_inspector(django_user_model):
    return _person(django_user_model, "ofsted_inspector", "inspector", "ofsted")


@pytest.fixture
def cqc_inspector(django_user_model):
    return _person(django_user_model, "cqc_inspector", "inspector", "cqc")


@pytest.fixture
def hmicfrs_inspector(django_user_model):
    return _person(django_user_model, "hmicfrs_inspector", "inspector", "hmicfrs")


@pytest.fixture
def hmiprobation_inspector(django_user_model):
    return _person(django_user_model, "hmiprobation_inspector", "inspector", "hmiprobation")


@pytest.fixture
def hmiprisons_inspector(django_user_model):
    return _person(django_user_model, "hmiprisons_inspector", "inspector", "hmiprisons")


# The data migrations that load the reference data. Each `load(apps, schema_editor)` is
# idempotent and also works with the live models.
REFERENCE_DATA_MIGRATIONS = [
    "agencies.migrations.0002_inspectorates",
    "agencies.migrations.0003_reference_data",
    "inspections.migrations.0002_frameworks",
    "agencies.migrations.0006_inspectorate_names",
    "inspections.migrations.0007_framework_facts",
]


def reload_reference_data() -> None:
    import importlib

    from django.apps import apps
    from django.db import transaction

    with transaction.atomic():
        for module in REFERENCE_DATA_MIGRATIONS:
            importlib.import_module(module).load(apps, None)


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return True
    return "transactional_db" in request.fixturenames or "live_server" in request.fixturenames


@pytest.fixture(autouse=True)
def _reference_data_survives_flushes(request):
    """Transactional tests end with a flush that empties every table, the migrations'
    reference data included; a later test that commits for real (transactional, or a
    worker test on `committed_db`) gets it back here. The browser tests restore it faster
    through their own `reference_data` fixture."""
    if "reference_data" in request.fixturenames:
        return
    if "committed_db" in request.fixturenames:
        blocker = request.getfixturevalue("django_db_blocker")
        request.getfixturevalue("django_db_setup")
        with blocker.unblock():
            _reload_if_emptied()
    elif _is_transactional(request):
        if not request.node.get_closest_marker("django_db"):
            request.getfixturevalue("transactional_db")
        _reload_if_emptied()


def _reload_if_emptied() -> None:
    from agencies.models import Inspectorate

    if not Inspectorate.objects.exists():
        reload_reference_data()

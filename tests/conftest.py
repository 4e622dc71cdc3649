"""Shared fixtures and the rule for services: skipped without them, failing with
JTAI_REQUIRE_SERVICES=1 (as CI sets), never silently skipped in CI."""

import os
import shutil
from html.parser import HTMLParser

import pytest
from django.conf import settings

REQUIRE_SERVICES = os.environ.get("JTAI_REQUIRE_SERVICES", "") == "1"


def missing_service(what: str) -> None:
    """Skip for want of a service; fail instead under JTAI_REQUIRE_SERVICES=1."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required (JTAI_REQUIRE_SERVICES=1) but not available")
    pytest.skip(f"{what} not available")


_missing = missing_service


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


# Personas, built by the factories. Inspectorates come from the reference data that
# migrations load.
def _persona(username, role, inspectorate_code=None):
    from agencies.factories import UserFactory

    return UserFactory(
        username=username,
        role=role,
        inspectorate_code=inspectorate_code,
        first_name=username.replace("_", " ").title(),
    )


@pytest.fixture
def admin(db):
    return _persona("admin_user", "admin")


@pytest.fixture
def lead_inspector(db):
    return _persona("lead_inspector", "lead", "ofsted")


@pytest.fixture
def ofsted_inspector(db):
    return _persona("ofsted_inspector", "inspector", "ofsted")


@pytest.fixture
def cqc_inspector(db):
    return _persona("cqc_inspector", "inspector", "cqc")


@pytest.fixture
def hmicfrs_inspector(db):
    return _persona("hmicfrs_inspector", "inspector", "hmicfrs")


@pytest.fixture
def hmiprobation_inspector(db):
    return _persona("hmiprobation_inspector", "inspector", "hmiprobation")


@pytest.fixture
def hmiprisons_inspector(db):
    return _persona("hmiprisons_inspector", "inspector", "hmiprisons")


# The data migrations that load the reference data. Each `load(apps, schema_editor)` is
# idempotent and also works with the live models.
REFERENCE_DATA_MIGRATIONS = [
    "agencies.migrations.0002_inspectorates",
    "agencies.migrations.0003_reference_data",
    "inspections.migrations.0002_frameworks",
    "agencies.migrations.0006_inspectorate_names",
    "inspections.migrations.0007_framework_facts",
    "inspections.migrations.0008_fieldwork",
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


class PageReader(HTMLParser):
    """Collects what the page tests check: h1s, the title, labels and form controls."""

    def __init__(self, html: str):
        super().__init__()
        self.h1 = 0
        self.title = ""
        self.labels: set[str] = set()
        self.controls: list[dict] = []
        self.links: list[str] = []
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1 += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        elif tag in ("input", "select", "textarea") and attrs.get("type") not in (
            "hidden",
            "submit",
        ):
            self.controls.append(attrs)
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    @property
    def unlabelled(self) -> list[str]:
        return [c.get("name", "?") for c in self.controls if c.get("id") not in self.labels]


@pytest.fixture(autouse=True)
def _pages_rendered_afresh():
    """Each test starts with an empty page cache: a test's data is rolled back at its end, and
    the next test's may carry the same stamp."""
    from jtai import page_cache

    page_cache.clear()
    yield


@pytest.fixture
def page_cache_off(settings):
    """Every request renders its page: for tests that count what a render costs."""
    settings.JTAI_PAGE_CACHE = False

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

"""The set-up files agree with the README: compose validates, the worker recycles its
children, every service is health-checked, and the Makefile has the two commands."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_file_validates():
    if not shutil.which("docker-compose"):
        pytest.skip("docker-compose not installed")
    result = subprocess.run(
        ["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_compose_services(compose):
    services = compose["services"]
    workers = ("worker-reports", "worker-planning", "worker-email")
    assert {"web", *workers, "beat", "migrate", "postgres", "redis"} <= set(services)
    for name in ("web", *workers, "postgres", "redis"):
        assert "healthcheck" in services[name], name
    assert "gunicorn" in " ".join(services["web"]["command"])
    for name in workers:
        worker = services[name]["command"]
        assert worker[:4] == ["celery", "-A", "jtai", "worker"], name
        assert any(arg.startswith("--max-tasks-per-child=") for arg in worker), name
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert "media:/app/media" in services["web"]["volumes"]
    assert {"postgres-data", "media"} <= set(compose["volumes"])


def test_makefile_has_the_two_commands():
    makefile = (ROOT / "Makefile").read_text()
    assert "\nrun: " in makefile and "\ntest: " in makefile
    assert "requirements.lock" in makefile
    assert "npm ci" in makefile


def test_front_end_dependencies_are_locked():
    lock = (ROOT / "static" / "package-lock.json").read_text()
    assert '"node_modules/govuk-frontend"' in lock
    assert '"node_modules/axe-core"' in lock

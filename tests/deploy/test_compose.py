"""The container set-up: valid against the Compose Specification's schema, with required
variables and secrets, one migration everything waits for, a worker per queue with grace and
memory limits, beat alone, and a scale file with two web replicas behind a proxy and two
workers. The image's production stage carries no test tools."""

import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((Path(__file__).with_name("compose-spec.json")).read_text())
FILES = ["docker-compose.yml", "docker-compose.scale.yml"]
TEST_TOOLS = ("pytest", "playwright", "ruff", "faker", "factory-boy", "schemathesis", "moto")


def _load(name):
    return yaml.safe_load((ROOT / name).read_text())


@pytest.fixture(scope="module")
def compose():
    return _load("docker-compose.yml")


@pytest.mark.parametrize("name", FILES)
def test_the_compose_files_follow_the_compose_specification(name):
    errors = sorted(Draft7Validator(SCHEMA).iter_errors(_load(name)), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_the_schema_catches_a_broken_file(compose):
    broken = json.loads(json.dumps(compose))
    broken["services"]["web"]["stop_grace_period"] = {"seconds": 40}
    broken["services"]["web"]["depends_on"]["migrate"]["condition"] = "service_finished"
    assert len(list(Draft7Validator(SCHEMA).iter_errors(broken))) >= 2


def test_nothing_starts_without_the_site_address_host_names_and_secrets():
    text = (ROOT / "docker-compose.yml").read_text()
    for variable in ("JTAI_SITE_URL", "ALLOWED_HOSTS", "JTAI_SECRETS_DIR"):
        assert re.search(r"\$\{" + variable + r":\?[^}]+\}", text), variable
    # No secret has a default, and none is written in the file.
    for secret in ("DJANGO_SECRET_KEY", "POSTGRES_PASSWORD", "REDIS_PASSWORD", "JTAI_FILE_KEYS"):
        assert not re.search(r"\$\{" + secret + r"(:?-|\})", text), secret
    assert "DJANGO_SECRET_KEY:" not in text and "POSTGRES_PASSWORD:" not in text


def test_postgres_and_redis_passwords_are_secrets(compose):
    secrets = compose["secrets"]
    assert set(secrets) == {
        "django_secret_key",
        "file_keys",
        "postgres_password",
        "redis_password",
        "metrics_token",
    }
    assert all(spec["file"].startswith("${JTAI_SECRETS_DIR:?") for spec in secrets.values())
    services = compose["services"]
    postgres = services["postgres"]
    assert postgres["environment"]["POSTGRES_PASSWORD_FILE"] == "/run/secrets/postgres_password"
    assert postgres["secrets"] == ["postgres_password"]
    redis = services["redis"]
    assert (
        "--requirepass" in redis["command"][-1]
        and "/run/secrets/redis_password" in (redis["command"][-1])
    )
    assert "/run/secrets/redis_password" in redis["healthcheck"]["test"][-1]
    for name in ("migrate", "web", "worker-reports", "worker-planning", "worker-email", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_PASSWORD_FILE"] == "/run/secrets/postgres_password", name
        assert env["REDIS_PASSWORD_FILE"] == "/run/secrets/redis_password", name
        assert env["DJANGO_SECRET_KEY_FILE"] == "/run/secrets/django_secret_key", name
        assert "postgres_password" in services[name]["secrets"], name
        assert "@" not in env["REDIS_URL"] and ":" not in env["DATABASE_URL"].split("@")[0][11:]


def test_one_migration_that_web_workers_and_beat_wait_for(compose):
    services = compose["services"]
    migrate = services["migrate"]
    assert migrate["restart"] == "no"
    assert migrate["command"][:3] == ["python", "manage.py", "start"]
    assert "--no-serve" in migrate["command"]
    assert "migrate" not in migrate.get("depends_on", {})
    for name in ("web", "worker-reports", "worker-planning", "worker-email", "beat"):
        service = services[name]
        assert service["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }, name
        assert "migrate" not in " ".join(service["command"]), name


def _flag(command, name):
    for part in command:
        if part.startswith(f"--{name}="):
            return part.split("=", 1)[1]
    return None


def test_a_worker_per_queue_with_grace_recycling_and_memory_limits(compose):
    from django.conf import settings

    services = compose["services"]
    workers = {n: s for n, s in services.items() if "worker" in s.get("command", [])}
    queues = {}
    for name, worker in workers.items():
        command = worker["command"]
        for queue in _flag(command, "queues").split(","):
            queues[queue] = name
        assert _flag(command, "max-tasks-per-child") == "${JTAI_WORKER_MAX_TASKS_PER_CHILD:-20}"
        assert _flag(command, "max-memory-per-child").startswith(
            "${JTAI_WORKER_MAX_MEMORY_PER_CHILD:-"
        )
        assert worker["deploy"]["resources"]["limits"]["memory"], name
        assert "stop_grace_period" in worker, name
    # Every queue the settings route to has its worker, and only those queues are consumed.
    assert set(queues) == {q.name for q in settings.CELERY_TASK_QUEUES}
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert routed == {"reports", "planning", "email"}
    assert queues["reports"] != queues["planning"] != queues["email"]
    # A render may take RENDER_TIME_LIMIT seconds: the grace period is longer.
    from reports.services.drafting import RENDER_TIME_LIMIT

    grace = services[queues["reports"]]["stop_grace_period"]
    assert int(grace.rstrip("m")) * 60 > RENDER_TIME_LIMIT


def test_the_tasks_are_routed_to_their_queues():
    from jtai.celery import app

    def queue(task):
        return app.amqp.router.route({}, task)["queue"].name

    assert queue("reports.tasks.render_report_version") == "reports"
    assert queue("reports.tasks.render_published_edition") == "reports"
    assert queue("inspections.planning.tasks.schedule_run_execute") == "planning"
    assert queue("inspections.tasks.send_notification_emails") == "email"
    assert queue("reports.tasks.send_factual_accuracy_emails") == "email"
    assert queue("jtai.tasks.flush_outbox") == "celery"
    assert app.conf.worker_send_task_events and app.conf.task_send_sent_event


def test_beat_is_a_singleton_and_never_scaled(compose):
    beat = compose["services"]["beat"]
    assert beat["command"][3] == "beat"
    assert beat["deploy"]["replicas"] == 1
    scale = _load("docker-compose.scale.yml")
    assert "beat" not in scale["services"]
    others = [s for n, s in compose["services"].items() if n != "beat"]
    assert not any(
        "--beat" in s.get("command", []) or "beat" in s.get("command", [])[3:4] for s in others
    )


def test_the_scale_file_puts_two_web_replicas_behind_the_proxy_and_two_workers(compose):
    scale = _load("docker-compose.scale.yml")["services"]
    assert scale["web"]["deploy"]["replicas"] == 2
    assert scale["worker-reports"]["deploy"]["replicas"] == 2
    services = compose["services"]
    # Replicas can only run when no host port is bound by web itself: the proxy has it.
    assert "ports" not in services["web"]
    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
    nginx = (ROOT / compose["configs"]["nginx"]["file"]).read_text()
    assert "proxy_pass $jtai_web" in nginx and "http://web:8000" in nginx
    assert "access_log off" in nginx  # its line would carry the URL's secrets
    assert "location = /metrics" in nginx
    assert "X-Request-ID" in nginx


def test_the_production_image_has_no_test_tools():
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = re.split(r"^FROM ", dockerfile, flags=re.M)[1:]
    names = [stage.split("\n", 1)[0].split(" AS ")[-1].strip() for stage in stages]
    assert names == ["assets", "base", "test", "production"]
    base, production = stages[1], stages[3]
    assert production.startswith("base AS production")
    for stage in (base, production):
        assert "requirements-dev.lock" not in stage.replace(
            "rm -rf tests benchmarks requirements-dev.lock", ""
        )
        assert "playwright" not in stage.lower() and "chromium" not in stage.lower()
    assert "pip install -r requirements.lock" in base
    runtime = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if "==" in line
    }
    assert not runtime & set(TEST_TOOLS), runtime & set(TEST_TOOLS)
    dev = (ROOT / "requirements-dev.lock").read_text().lower()
    assert "-r requirements.lock" in dev
    assert all(f"\n{tool}==" in dev.replace("_", "-") for tool in TEST_TOOLS)
    compose = _load("docker-compose.yml")
    assert compose["x-app"]["build"]["target"] == "production"


def test_make_install_still_installs_the_test_tools():
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet -r requirements-dev.lock" in makefile
    assert "$(VENV)/.installed: requirements.lock requirements-dev.lock" in makefile


def test_the_proxy_configuration_is_accepted_by_nginx(tmp_path):
    """`nginx -t` on the shipped configuration, included as the nginx image includes it."""
    import os
    import shutil
    import subprocess

    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if not nginx:
        if os.environ.get("JTAI_REQUIRE_SERVICES", "") == "1":
            pytest.fail("nginx is required (JTAI_REQUIRE_SERVICES=1) but not installed")
        pytest.skip("nginx not installed")
    (tmp_path / "conf.d").mkdir()
    (tmp_path / "logs").mkdir()
    (tmp_path / "conf.d" / "default.conf").write_text((ROOT / "deploy" / "nginx.conf").read_text())
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/logs/error.log;\nevents {{}}\n"
        f"http {{ include {tmp_path}/conf.d/*.conf; }}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr

"""Settings fail loudly: production needs a secret key, booleans are strict, and the
production configuration passes Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "JTAI_", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"))
    }
    env["DJANGO_SETTINGS_MODULE"] = "jtai.settings"
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**extra):
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "jtai.example.gov.uk",
        "JTAI_SITE_URL": "https://jtai.example.gov.uk",
        "JTAI_FILE_KEYS": Fernet.generate_key().decode(),
        **extra,
    }


def test_production_without_a_secret_key_refuses_to_start():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_mode_needs_no_secret_key():
    result = run_manage("check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DJANGO_DEBUG", "maybe", "DJANGO_DEBUG must be one of"),
        ("JTAI_DEMO", "Y", "JTAI_DEMO must be one of"),
        ("JTAI_LOGIN_FAILURE_LIMIT", "five", "JTAI_LOGIN_FAILURE_LIMIT must be a whole number"),
    ],
)
def test_settings_are_parsed_strictly(name, value, message):
    env = production_env()
    env[name] = value
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_are_hardened():
    script = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'])"
    )
    result = run_manage("shell", "-c", script, **production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False True 31536000 True True [\"'self'\"]"


def test_database_and_redis_come_from_the_environment():
    script = (
        "from django.conf import settings as s;"
        "d = s.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['HOST'], s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER)"
    )
    result = run_manage(
        "shell",
        "-c",
        script,
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://jtai@db.example:5432/jtai_prod",
        REDIS_URL="redis://cache.example:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "django.db.backends.postgresql",
        "jtai_prod",
        "db.example",
        "redis://cache.example:6379/0",
        "False",
    ]


def test_production_redirects_to_https_except_health_checks():
    script = (
        "from django.test import Client; c = Client();"
        "print(c.get('/').status_code, c.get('/healthz').status_code)"
    )
    env = production_env(ALLOWED_HOSTS="testserver")
    result = run_manage("shell", "-c", script, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "301 200"

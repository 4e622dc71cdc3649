"""Secrets from files (container secrets): NAME_FILE for every secret, the database and Redis
passwords apart from their URLs, and both ways at once refused."""

import json
import secrets

from cryptography.fernet import Fernet

from .test_settings import run_manage

SHOW = (
    "from django.conf import settings as s; import json; print(json.dumps({"
    "'key': s.SECRET_KEY, 'file_keys': s.JTAI_FILE_KEYS, 'metrics': s.METRICS_TOKEN, "
    "'db_password': s.DATABASES['default'].get('PASSWORD'), 'redis': s.REDIS_URL, "
    "'broker': s.CELERY_BROKER_URL}))"
)


def test_every_secret_can_come_from_a_file(tmp_path):
    values = {
        "django_secret_key": secrets.token_urlsafe(60),
        "file_keys": Fernet.generate_key().decode(),
        "metrics_token": "scrape-me-please",
        "postgres_password": "pg pass/with:odd@chars",
        "redis_password": "redis pass/with:odd@chars",
    }
    for name, value in values.items():
        (tmp_path / name).write_text(value + "\n")
    result = run_manage(
        "shell",
        "-c",
        SHOW,
        DJANGO_SECRET_KEY_FILE=str(tmp_path / "django_secret_key"),
        JTAI_FILE_KEYS_FILE=str(tmp_path / "file_keys"),
        JTAI_METRICS_TOKEN_FILE=str(tmp_path / "metrics_token"),
        DATABASE_URL="postgres://jtai@db.internal:5432/jtai",
        DATABASE_PASSWORD_FILE=str(tmp_path / "postgres_password"),
        REDIS_URL="redis://redis.internal:6379/0",
        REDIS_PASSWORD_FILE=str(tmp_path / "redis_password"),
        ALLOWED_HOSTS="jtai.example.gov.uk",
        JTAI_SITE_URL="https://jtai.example.gov.uk",
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["key"] == values["django_secret_key"]
    assert shown["file_keys"] == [values["file_keys"]]
    assert shown["metrics"] == "scrape-me-please"
    assert shown["db_password"] == values["postgres_password"]
    quoted = "redis%20pass%2Fwith%3Aodd%40chars"
    assert shown["redis"] == f"redis://:{quoted}@redis.internal:6379/0"
    assert shown["broker"] == shown["redis"]


def test_a_secret_set_both_ways_is_refused(tmp_path):
    (tmp_path / "key").write_text("from-a-file")
    result = run_manage(
        "check",
        DJANGO_DEBUG="1",
        DJANGO_SECRET_KEY="from-the-environment",
        DJANGO_SECRET_KEY_FILE=str(tmp_path / "key"),
    )
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY or DJANGO_SECRET_KEY_FILE, not both" in result.stderr


def test_a_missing_secret_file_is_refused(tmp_path):
    result = run_manage("check", DJANGO_DEBUG="1", JTAI_METRICS_TOKEN_FILE=str(tmp_path / "no"))
    assert result.returncode != 0
    assert "JTAI_METRICS_TOKEN_FILE: cannot read" in result.stderr

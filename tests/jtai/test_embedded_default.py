"""The embedded default (`make run` without PostgreSQL or Redis: SQLite, in-process tasks)
holds a handful of people writing at once: no "database is locked", so no 500.

The product runs in a fresh process against its own SQLite file, whatever database the rest of
the suite uses, because this is about the default a new user gets."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import threading
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)

    from django.conf import settings
    from django.test import Client
    from agencies.models import Inspectorate, User

    assert settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    for n in range(10):
        User.objects.create_user(
            f"writer{n}",
            password="a-long-test-password",
            inspectorate=Inspectorate.objects.get(code="ofsted"),
        )

    statuses = []
    failures = []

    def work(n):
        client = Client(HTTP_HOST="127.0.0.1")
        try:
            for _ in range(20):
                response = client.post(
                    "/accounts/login/",
                    {"username": f"writer{n}", "password": "a-long-test-password"},
                )
                statuses.append(response.status_code)
                response = client.post("/inspections/my-schedule/new-link/")
                statuses.append(response.status_code)
                client.logout()
        except Exception as error:  # the test reports it, whatever it is
            failures.append(repr(error))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("statuses", sorted(set(statuses)))
    print("count", len(statuses))
    print("failures", failures)
    """
)


def test_concurrent_writers_on_the_sqlite_default_get_no_server_error(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="jtai.settings_test",
        JTAI_SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        JTAI_MEDIA_ROOT=str(tmp_path / "media"),
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in result.stdout.strip().splitlines()[-3:])
    assert lines["failures"] == "[]", result.stdout + result.stderr[-3000:]
    assert lines["statuses"] == "[302]", result.stdout + result.stderr[-3000:]
    assert lines["count"] == "400"

"""A web process never loads the scheduler's heavy libraries: OR-Tools (and pandas, which it
brings) load only where a schedule is solved (the Celery worker)."""

import os
import subprocess
import sys

from django.conf import settings

HEAVY = ("ortools", "pandas")

START_WEB_PROCESS = """
import sys
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

get_wsgi_application()  # django.setup(), as the web server does
get_resolver().url_patterns  # the URLconf, and with it every page and API module
import inspections.planning.api, inspections.planning.services, inspections.planning.views
{extra}
print(",".join(sorted(name for name in {heavy!r} if name in sys.modules)))
"""


def _loaded(extra: str = "") -> str:
    result = subprocess.run(
        [sys.executable, "-c", START_WEB_PROCESS.format(extra=extra, heavy=HEAVY)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def test_starting_a_web_process_does_not_load_the_solver_libraries():
    assert _loaded() == ""


def test_the_probe_sees_them_once_the_solver_is_imported():
    """The solver module loads OR-Tools itself, so the check above is a real one."""
    assert "ortools" in _loaded("import inspections.planning.solver").split(",")

"""`make run`: prepare the database and serve, with a Celery worker when Redis is set."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, load reference data, seed the demo (demo mode only) and serve."

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--no-serve", action="store_true", help="Prepare only; do not serve.")

    def handle(self, *args, port, host, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=1)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("load_reference_data")
        if settings.DEMO_MODE:
            call_command("seed_demo")
        db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        self.stdout.write(f"Database: {db}")
        worker = None
        if settings.REDIS_URL:
            self.stdout.write("Celery: a worker on Redis starts beside the web server.")
            worker = subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "jtai",
                    "worker",
                    "--beat",
                    "--loglevel=INFO",
                    "--concurrency=2",
                ],
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    "Celery: no REDIS_URL, so background tasks run in-process, inside the request."
                )
            )
        if no_serve:
            return
        self.stdout.write(self.style.SUCCESS(f"Serving jtai on http://{host}:{port}/"))
        try:
            if settings.DEBUG:
                call_command("runserver", f"{host}:{port}", use_reloader=False)
            else:
                subprocess.run(  # noqa: S603
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "jtai.wsgi",
                        "--bind",
                        f"{host}:{port}",
                        "--workers",
                        "2",
                        "--access-logfile",
                        "-",
                    ],
                    check=True,
                )
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)

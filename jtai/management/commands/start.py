"""`make run`: prepare the database and serve, with a Celery worker when Redis is set."""

import os
import signal
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
        parser.add_argument(
            "--skip-collectstatic",
            action="store_true",
            help="Static files were collected already (the container image does it at build).",
        )

    def handle(self, *args, port, host, no_serve, skip_collectstatic, **options):
        call_command("migrate", interactive=False, verbosity=1)
        if not skip_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        call_command("load_reference_data")
        if settings.DEMO_MODE:
            call_command("seed_demo")
        else:
            self.stdout.write("Demo accounts: not created (JTAI_DEMO is not set).")
        db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        self.stdout.write(f"Database: {db}")
        if settings.REDIS_URL:
            self.stdout.write("Celery: tasks go to Redis; a worker runs beside the web server.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    "Celery: no REDIS_URL, so background tasks run in-process, inside the request."
                )
            )
        if no_serve:
            return
        # SIGTERM (a service manager, `docker stop`, `kill`) ends the command like Ctrl-C, so
        # the `finally` below stops the worker and its beat instead of leaving them orphaned.
        signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
        worker = self._start_worker() if settings.REDIS_URL else None
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
                        "--config",
                        str(settings.BASE_DIR / "jtai" / "gunicorn.conf.py"),
                        "jtai.wsgi",
                        "--bind",
                        f"{host}:{port}",
                        "--workers",
                        "2",
                    ],
                    check=True,
                )
        except KeyboardInterrupt:
            pass
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()

    def _start_worker(self):
        # One process runs the worker and its beat scheduler: fine for one machine. The
        # container set-up runs them as separate services.
        return subprocess.Popen(  # noqa: S603
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
                f"--max-tasks-per-child={settings.CELERY_WORKER_MAX_TASKS_PER_CHILD}",
                "--schedule",
                str(settings.BASE_DIR / "celerybeat-schedule"),
            ],
        )


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt

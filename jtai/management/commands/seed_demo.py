"""Seed the demo: each app's `demo.seed(stdout)` in the order the inspection journey runs.

Idempotent: every seeder checks what is there before it adds anything. Refuses to run
outside demo mode (JTAI_DEMO=1), so production never gets the demo accounts.

The seeders build the demo's history through the services with the clock set to each step's
day, so the emails those services send (notifications, factual accuracy) belong to the past:
they are kept in memory, never sent.
"""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

# The journey's order: reference people first, then inspections, their judgements, their
# reports, and the programme that plans the next ones.
SEEDERS = [
    "agencies.demo",
    "inspections.demo",
    "inspections.fieldwork.demo",
    "inspections.recording.demo",
    "reports.demo",
    "inspections.planning.demo",
]

HISTORY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


class Command(BaseCommand):
    help = "Seed demo data in real areas so every feature can be seen at once."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "Demo data is only for demo mode: set JTAI_DEMO=1 (never in production)."
            )
        with override_settings(EMAIL_BACKEND=HISTORY_EMAIL_BACKEND):
            for module_name in SEEDERS:
                try:
                    module = importlib.import_module(module_name)
                except ModuleNotFoundError as exc:
                    if exc.name != module_name:
                        raise
                    continue
                with transaction.atomic():
                    module.seed(self.stdout)

"""Seed the demo: each app's `demo.seed(stdout)` in the order the inspection journey runs.

Idempotent: every seeder checks what is there before it adds anything.
"""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# The journey's order: reference people first, then inspections, their judgements, their
# reports, and the programme that plans the next ones.
SEEDERS = [
    "agencies.demo",
    "inspections.demo",
    "inspections.recording.demo",
    "reports.demo",
    "inspections.planning.demo",
]


class Command(BaseCommand):
    help = "Seed demo data in real areas so every feature can be seen at once."

    def handle(self, *args, **options):
        for module_name in SEEDERS:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            with transaction.atomic():
                module.seed(self.stdout)

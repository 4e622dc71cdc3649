from pathlib import Path

from django.core.management.base import BaseCommand

from agencies.services import reference_data_load

from ._output import import_errors


class Command(BaseCommand):
    help = (
        "Load jtai's reference fixture (local authorities, statistical neighbours, ILACS "
        "outcomes). Idempotent: creates what is missing, updates what differs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fixture", type=Path, help="another fixture in jtai's format")

    def handle(self, *args, fixture=None, **options):
        with import_errors():
            for counts in reference_data_load(path=fixture):
                self.stdout.write(f"Reference data: {counts}.")

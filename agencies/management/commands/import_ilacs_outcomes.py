from pathlib import Path

from django.core.management.base import BaseCommand

from agencies.importers import read_ilacs_outcomes
from agencies.services import ilacs_outcomes_upsert

from ._output import import_errors


class Command(BaseCommand):
    help = (
        "Import Ofsted ILACS outcomes (the overview CSV), joined to authorities through the "
        "Ofsted LA lookup. Idempotent and atomic: a file with a bad row imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="ILACS outcomes CSV")
        parser.add_argument("--lookup", type=Path, required=True, help="Ofsted LA lookup CSV")

    def handle(self, *args, path: Path, lookup: Path, **options):
        with import_errors():
            parsed = read_ilacs_outcomes(path, lookup)
            counts = ilacs_outcomes_upsert(records=parsed.records, skipped=parsed.skipped)
        self.stdout.write(f"Imported {counts}.")

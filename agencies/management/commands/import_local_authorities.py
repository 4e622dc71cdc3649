from pathlib import Path

from django.core.management.base import BaseCommand

from agencies.importers import read_local_authorities
from agencies.services import local_authorities_upsert

from ._output import import_errors


class Command(BaseCommand):
    help = (
        "Import English children's services authorities (current and former) from mySociety's "
        "UK local authorities CSV. With --lookup (Ofsted's LA lookup CSV) also their DfE LA "
        "codes, Ofsted URNs, Ofsted regions and statistical neighbours. Idempotent and atomic: "
        "a file with a bad row imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="mySociety uk_local_authorities.csv")
        parser.add_argument("--lookup", type=Path, help="Ofsted LA lookup CSV")

    def handle(self, *args, path: Path, lookup=None, **options):
        with import_errors():
            parsed = read_local_authorities(path, lookup)
            counts = local_authorities_upsert(records=parsed.records, skipped=parsed.skipped)
        self.stdout.write(f"Imported {counts}.")

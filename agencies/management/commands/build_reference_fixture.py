from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agencies.importers import read_ilacs_outcomes, read_local_authorities
from agencies.reference import FIXTURE_PATH, fixture_text

from ._output import import_errors

AUTHORITIES = "uk_local_authorities.csv"
LOOKUP = "ofsted_la_lookup.csv"
OUTCOMES = "ofsted_ilacs_outcomes.csv"
SOURCES = [
    f"mySociety, UK Local Authority Names and Codes ({AUTHORITIES}), MIT licence",
    f"data-to-insight, Ofsted ILACS scrape tool: LA lookup ({LOOKUP}), MIT licence",
    f"data-to-insight, Ofsted ILACS scrape tool: ILACS overview ({OUTCOMES}), MIT licence",
]


class Command(BaseCommand):
    help = (
        "Regenerate jtai's reference fixture from the public files: a directory holding "
        f"{AUTHORITIES}, {LOOKUP} and {OUTCOMES}. Nothing is written to the database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", required=True, type=Path, help="directory of the public files"
        )
        parser.add_argument(
            "--output", type=Path, default=FIXTURE_PATH, help="where to write the fixture"
        )

    def handle(self, *args, source, output, **options):
        source, output = Path(source), Path(output)
        for name in (AUTHORITIES, LOOKUP, OUTCOMES):
            if not (source / name).is_file():
                raise CommandError(f"{name} is not in {source}")
        with import_errors("Nothing was written."):
            authorities = read_local_authorities(source / AUTHORITIES, source / LOOKUP)
            current = [r for r in authorities.records if r.values["end_date"] is None]
            former = [r for r in authorities.records if r.values["end_date"] is not None]
            unmatched = [r.values["name"] for r in current if not r.values.get("la_code")]
            if unmatched:
                raise CommandError(
                    f"Current authorities missing from {LOOKUP}: {', '.join(unmatched)}"
                )
            outcomes = read_ilacs_outcomes(source / OUTCOMES, source / LOOKUP)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(
            fixture_text(authorities.records, outcomes.records, SOURCES), encoding="utf-8"
        )
        self.stdout.write(
            f"Wrote {output.name}: {len(current)} current and {len(former)} former authorities, "
            f"{len(outcomes.records)} ILACS outcomes "
            f"({outcomes.skipped} rows without an inspection)."
        )

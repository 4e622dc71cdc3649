"""Re-seal every encrypted file with the first of JTAI_FILE_KEYS.

Put the new key first in JTAI_FILE_KEYS (keeping the old ones after it), deploy, run this
command, then drop the old keys. Each file is replaced atomically, so the command can be
stopped and run again. `--adopt-plain` also seals files stored before encryption existed.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from jtai.storage import FileDamaged, encrypted_file_fields, reseal, seal


class Command(BaseCommand):
    help = "Re-encrypt every stored file with the first key of JTAI_FILE_KEYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--adopt-plain",
            action="store_true",
            help="Seal files that no key opens, taking them as unencrypted files from before "
            "encryption at rest (only right once, when encryption is first turned on).",
        )

    def handle(self, *args, adopt_plain=False, **options):
        rotated = adopted = 0
        damaged = []
        for model, field in encrypted_file_fields():
            names = (
                model._default_manager.exclude(**{field.name: ""})
                .values_list(field.name, flat=True)
                .iterator()
            )
            for name in names:
                storage = field.storage
                if not name or not storage.exists(name):
                    continue
                token = storage.read_sealed(name)
                try:
                    storage.write_sealed(name, reseal(token))
                    rotated += 1
                except FileDamaged:
                    if adopt_plain:
                        storage.write_sealed(name, seal(token))
                        adopted += 1
                    else:
                        damaged.append(f"{model._meta.label}.{field.name}: {name}")
        self.stdout.write(f"{rotated} file(s) re-encrypted with the first key")
        if adopted:
            self.stdout.write(f"{adopted} unencrypted file(s) encrypted")
        if damaged:
            raise CommandError(
                "These files no configured key opens (damaged, or sealed with a dropped key): "
                + "; ".join(damaged)
            )

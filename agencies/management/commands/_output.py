"""Shared by the reference data commands: run an import, turn its errors into CommandError."""

from contextlib import contextmanager

from django.core.management.base import CommandError

from agencies.importers import RowError


@contextmanager
def import_errors(outcome: str = "Nothing was imported."):
    try:
        yield
    except RowError as exc:
        raise CommandError(f"{outcome} {exc.message}") from exc

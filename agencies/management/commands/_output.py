"""Shared by the reference data commands: run an import, turn its errors into CommandError."""

from contextlib import contextmanager

from django.core.management.base import CommandError

from agencies.importers import RowError


@contextmanager
def import_errors():
    try:
        yield
    except RowError as exc:
        raise CommandError(f"Nothing was imported. {exc.message}") from exc

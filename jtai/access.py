"""Who read which child-level item, when, and from where.

Views and API calls that show a person a child-level item (an uploaded document, a case
sample, case-tracking answers, an evidence record naming a case) call `access_record` with
the request; the record is written in the request's transaction. The table is append-only
(see `AccessRecord`): nothing in the application updates or deletes a record, except the
retention schedule, which deletes old records inside `retention_delete()`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

from django import forms
from django.db import connection, transaction
from django.db.models import Q, QuerySet

from .forms import GovukDateField
from .models import AccessKind, AccessRecord

__all__ = [
    "AccessKind",
    "AccessRecordSearchForm",
    "access_record",
    "access_records_record",
    "access_records_search",
    "retention_delete",
]


def _where(request) -> tuple[str, str, str]:
    match = getattr(request, "resolver_match", None)
    route = (match.view_name or match.route) if match else ""
    return route[:200], request.method[:10], request.path[:500]


def _label(user) -> str:
    return (getattr(user, "email", "") or getattr(user, "username", "") or str(user.pk))[:254]


def access_record(
    *, request, kind: str, object_id, inspection_id: int | None = None, inspection_label=""
) -> AccessRecord:
    """Record that the request's user read one child-level item."""
    return access_records_record(
        request=request,
        kind=kind,
        items=[(object_id, inspection_id, inspection_label)],
    )[0]


def access_records_record(*, request, kind: str, items: Iterable[tuple]) -> list[AccessRecord]:
    """Record reads of several items of one kind, as (object id, inspection id, inspection
    reference) triples, in one query."""
    if kind not in AccessKind.values:
        raise ValueError(f"Unknown kind of access record: {kind}")
    user = request.user
    route, method, path = _where(request)
    records = [
        AccessRecord(
            user=user,
            user_label=_label(user),
            kind=kind,
            object_id=str(object_id)[:64],
            inspection_id=inspection_id,
            inspection_label=str(inspection_label or "")[:60],
            route=route,
            method=method,
            path=path,
        )
        for object_id, inspection_id, inspection_label in items
    ]
    return AccessRecord.objects.bulk_create(records) if records else []


@contextlib.contextmanager
def retention_delete() -> Iterator[None]:
    """The one way to delete access records: for the retention schedule only.

    Opens a transaction (or a savepoint inside one) and sets `jtai.retention = 'on'` for it,
    which the table's PostgreSQL trigger requires before any DELETE; the setting is turned off
    again on the way out (or rolled back with the block), so nothing after the block in the
    same transaction inherits it.

        with retention_delete():
            AccessRecord.objects.filter(at__lt=cutoff).delete()
    """
    postgres = connection.vendor == "postgresql"
    with transaction.atomic():
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('jtai.retention', 'on', true)")
        # On an error the block's savepoint is rolled back, and the setting with it.
        yield
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('jtai.retention', 'off', true)")


class AccessRecordSearchForm(forms.Form):
    """The admins' search: by person, inspection, kind and date (all optional)."""

    person = forms.CharField(
        label="Person", required=False, max_length=254, help_text="Their email, or part of it"
    )
    inspection = forms.CharField(
        label="Inspection",
        required=False,
        max_length=60,
        help_text="Its reference (or part of it), or its number",
    )
    kind = forms.ChoiceField(
        label="What was read", required=False, choices=[("", "Anything"), *AccessKind.choices]
    )
    date_from = GovukDateField(label="Read on or after", required=False)
    date_to = GovukDateField(label="Read on or before", required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "The end of the range must be after its start")
        return data

    def filter(self, records: QuerySet[AccessRecord]) -> QuerySet[AccessRecord]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if person := (data.get("person") or "").strip():
            records = records.filter(user_label__icontains=person)
        if inspection := (data.get("inspection") or "").strip():
            by_reference = Q(inspection_label__icontains=inspection)
            if inspection.isdigit():
                by_reference |= Q(inspection_id=int(inspection))
            records = records.filter(by_reference)
        if data.get("kind"):
            records = records.filter(kind=data["kind"])
        if data.get("date_from"):
            records = records.filter(at__date__gte=data["date_from"])
        if data.get("date_to"):
            records = records.filter(at__date__lte=data["date_to"])
        return records

    def describe(self) -> str:
        """The search as a short text, kept on the record of this reading."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        parts = [f"{key}={value}" for key, value in data.items() if value]
        return ("; ".join(parts) or "all")[:64]


def access_records_search(*, request, form: AccessRecordSearchForm, export: bool = False):
    """The records matching the admins' search, newest first; the search (or export) is
    itself recorded before anything is shown."""
    access_record(
        request=request,
        kind=AccessKind.ACCESS_RECORDS,
        object_id=("export: " if export else "search: ") + form.describe(),
    )
    return form.filter(AccessRecord.objects.all()).order_by("-at", "-pk")

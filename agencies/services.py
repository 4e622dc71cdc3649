"""Writes to the reference data: upserting authorities and ILACS outcomes, loading the fixture,
and the admins' edits of partner agencies.

The upserts take records from `agencies.importers` (public files) or `agencies.reference`
(the shipped fixture) and are idempotent: a record equal to what is stored changes nothing.
They also run inside the data migration, so they accept the migration's `apps` registry and
only touch fields the model has at that point.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q

from jtai.exceptions import ApplicationError, full_clean

from .importers import Record, RowError
from .models import AgencyType, LocalAuthority, PartnerAgency, PartnerAgencyName


@dataclass
class Counts:
    noun: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0

    def __str__(self) -> str:
        total = self.created + self.updated + self.unchanged
        text = (
            f"{total} {self.noun}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged"
        )
        if self.skipped:
            text += f" ({self.skipped} rows skipped)"
        return text


def _model(apps, name):
    return (apps or global_apps).get_model("agencies", name)


def _validate(instance, record: Record) -> None:
    """full_clean(), reporting the first problem against the record's source row and column."""
    try:
        instance.full_clean()
    except ValidationError as exc:
        errors = (
            exc.message_dict if hasattr(exc, "message_dict") else {NON_FIELD_ERRORS: exc.messages}
        )
        field_name, messages = next(iter(errors.items()))
        source, row, column = record.origins.get(
            field_name, (record.source, record.row, record.columns.get(field_name, field_name))
        )
        message = messages[0].rstrip(".")
        if field_name == NON_FIELD_ERRORS:
            raise RowError(source, row, "values", f"break a rule: {message}") from exc
        value = record.values.get(field_name)
        shown = f"{value!r}: " if value not in (None, "") else ""
        raise RowError(source, row, column, f"{shown}{message}") from exc


def _differences(instance, values: dict) -> dict:
    return {name: value for name, value in values.items() if getattr(instance, name) != value}


@transaction.atomic
def local_authorities_upsert(*, records: list[Record], skipped: int = 0, apps=None) -> Counts:
    """Create or update authorities (by GSS code), then their successors and neighbours."""
    LocalAuthority = _model(apps, "LocalAuthority")
    StatisticalNeighbour = _model(apps, "StatisticalNeighbour")
    Successor = LocalAuthority._meta.get_field("successors").remote_field.through
    field_names = {f.name for f in LocalAuthority._meta.concrete_fields} - {"id"}

    counts = Counts("local authorities", skipped=skipped)
    by_gss = {authority.gss_code: authority for authority in LocalAuthority.objects.all()}
    created, updated = set(), set()
    for record in records:
        values = {name: value for name, value in record.values.items() if name in field_names}
        authority = by_gss.get(values["gss_code"])
        for name, value in record.fallback.items():
            if name in field_names and name not in values and not getattr(authority, name, None):
                values[name] = value
        if authority is None:
            authority = LocalAuthority(**values)
            _validate(authority, record)
            authority.save()
            by_gss[authority.gss_code] = authority
            created.add(authority.pk)
        elif changes := _differences(authority, values):
            for name, value in changes.items():
                setattr(authority, name, value)
            _validate(authority, record)
            authority.save(update_fields=list(changes))
            updated.add(authority.pk)

    def resolve(record, gss_codes, column):
        missing = [code for code in gss_codes if code not in by_gss]
        if missing:
            raise RowError(
                record.source, record.row, column, f"{missing[0]!r} is not a local authority"
            )
        return [by_gss[code].pk for code in gss_codes]

    stored_successors: dict[int, set] = {}
    for from_id, to_id in Successor.objects.values_list(
        "from_localauthority_id", "to_localauthority_id"
    ):
        stored_successors.setdefault(from_id, set()).add(to_id)
    stored_neighbours: dict[int, list] = {}
    for authority_id, neighbour_id in StatisticalNeighbour.objects.order_by(
        "authority_id", "rank"
    ).values_list("authority_id", "neighbour_id"):
        stored_neighbours.setdefault(authority_id, []).append(neighbour_id)

    new_links = []
    for record in records:
        authority = by_gss[record.values["gss_code"]]
        if record.successors is not None:
            wanted = set(resolve(record, record.successors, "replaced-by"))
            if wanted != stored_successors.get(authority.pk, set()):
                authority.successors.set(wanted)
                updated.add(authority.pk)
        if record.neighbours is not None:
            wanted = resolve(record, record.neighbours, "stat_neighbours")
            if wanted != stored_neighbours.get(authority.pk, []):
                StatisticalNeighbour.objects.filter(authority_id=authority.pk).delete()
                new_links += [
                    StatisticalNeighbour(
                        authority_id=authority.pk, neighbour_id=neighbour, rank=rank
                    )
                    for rank, neighbour in enumerate(wanted, start=1)
                ]
                updated.add(authority.pk)
    StatisticalNeighbour.objects.bulk_create(new_links)

    counts.created = len(created)
    counts.updated = len(updated - created)
    counts.unchanged = len(records) - counts.created - counts.updated
    return counts


@transaction.atomic
def ilacs_outcomes_upsert(*, records: list[Record], skipped: int = 0, apps=None) -> Counts:
    """Create or update ILACS outcomes, one per authority and inspection start date."""
    LocalAuthority = _model(apps, "LocalAuthority")
    IlacsOutcome = _model(apps, "IlacsOutcome")
    field_names = {f.name for f in IlacsOutcome._meta.concrete_fields} - {"id", "authority"}

    authority_ids = dict(LocalAuthority.objects.values_list("gss_code", "pk"))
    stored = {(o.authority_id, o.start_date): o for o in IlacsOutcome.objects.all()}
    counts = Counts("ILACS outcomes", skipped=skipped)
    for record in records:
        gss_code = record.values["authority"]
        if gss_code not in authority_ids:
            raise RowError(
                record.source,
                record.row,
                record.columns.get("authority", "authority"),
                f"matches GSS code {gss_code!r}, which is not a local authority here "
                "(import the local authorities first)",
            )
        values = {name: value for name, value in record.values.items() if name in field_names}
        authority_id = authority_ids[gss_code]
        outcome = stored.get((authority_id, values["start_date"]))
        if outcome is None:
            outcome = IlacsOutcome(authority_id=authority_id, **values)
            _validate(outcome, record)
            outcome.save()
            stored[(authority_id, outcome.start_date)] = outcome
            counts.created += 1
        elif changes := _differences(outcome, values):
            for name, value in changes.items():
                setattr(outcome, name, value)
            _validate(outcome, record)
            outcome.save(update_fields=list(changes))
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts


@transaction.atomic
def reference_data_load(*, path=None, apps=None) -> list[Counts]:
    """Load the shipped reference fixture (authorities, then their latest ILACS outcomes)."""
    from .reference import read_fixture

    authorities, outcomes = read_fixture(path)
    return [
        local_authorities_upsert(records=authorities, apps=apps),
        ilacs_outcomes_upsert(records=outcomes, apps=apps),
    ]


# --- partner agencies ---------------------------------------------------------------------------


def _no_authorities() -> ApplicationError:
    message = "Choose at least one local authority the agency serves"
    return ApplicationError(message, fields={"authorities": [message]})


@transaction.atomic
def partner_agency_create(
    *,
    name: str,
    agency_type: AgencyType,
    authorities: Iterable[LocalAuthority],
    is_active: bool = True,
    by=None,
) -> PartnerAgency:
    authorities = list(authorities)
    if not authorities:
        raise _no_authorities()
    agency = PartnerAgency(name=name.strip(), agency_type=agency_type, is_active=is_active)
    full_clean(agency)
    agency.save()
    agency.authorities.set(authorities)
    return agency


@transaction.atomic
def partner_agency_update(
    *,
    agency: PartnerAgency,
    name: str | None = None,
    agency_type: AgencyType | None = None,
    authorities: Iterable[LocalAuthority] | None = None,
    is_active: bool | None = None,
    by=None,
) -> PartnerAgency:
    if name is not None:
        agency.name = name.strip()
    if agency_type is not None:
        agency.agency_type = agency_type
    if is_active is not None:
        agency.is_active = is_active
    if authorities is not None:
        authorities = list(authorities)
        if not authorities:
            raise _no_authorities()
    full_clean(agency)
    agency.save()
    if authorities is not None:
        agency.authorities.set(authorities)
    return agency


@transaction.atomic
def partner_agency_name_record(
    *,
    agency: PartnerAgency,
    name: str,
    valid_to: datetime.date,
    source: str,
    valid_from: datetime.date | None = None,
) -> PartnerAgencyName:
    """Record a name the agency went by before (idempotent on the agency and the last day).

    Periods must not overlap: an agency has one name on any day."""
    row = PartnerAgencyName.objects.filter(agency=agency, valid_to=valid_to).first()
    row = row or PartnerAgencyName(agency=agency, valid_to=valid_to)
    row.name, row.valid_from, row.source = name.strip(), valid_from, source.strip()
    full_clean(row)
    clash = PartnerAgencyName.objects.filter(agency=agency).exclude(pk=row.pk)
    clash = clash.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=valid_to))
    if valid_from is not None:
        clash = clash.filter(valid_to__gte=valid_from)
    if clash.exists():
        message = f"{agency.name} already had another name on some of these days"
        raise ApplicationError(message, fields={"valid_to": [message]})
    row.save()
    return row

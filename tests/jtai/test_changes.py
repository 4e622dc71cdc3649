"""The data's stamp changes with every write that commits, whatever made it, and with nothing
else."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction

from agencies.models import LocalAuthority as Authority
from jtai import changes
from jtai.models import AccessKind, AccessRecord, Change, OutboxMessage

pytestmark = pytest.mark.django_db


def _authority():
    return Authority.objects.order_by("pk").first()


def test_every_kind_of_write_changes_the_stamp():
    authority = _authority()
    writes = {
        "save": lambda: authority.save(update_fields=["name"]),
        "update": lambda: Authority.objects.filter(pk=authority.pk).update(name=authority.name),
        "bulk_create": lambda: OutboxMessage.objects.bulk_create([OutboxMessage(task="t")]),
        "raw SQL": lambda: connection.cursor().execute(
            "UPDATE agencies_localauthority SET name = name WHERE id = %s", [authority.pk]
        ),
        "delete": lambda: OutboxMessage.objects.all().delete(),
    }
    for name, write in writes.items():
        before = changes.stamp()
        write()
        assert changes.stamp() != before, name


def test_a_rolled_back_savepoint_leaves_the_stamp_as_it_was():
    authority = _authority()
    before = changes.stamp()
    with pytest.raises(RuntimeError), transaction.atomic():
        authority.save(update_fields=["name"])
        raise RuntimeError("rolled back")
    assert changes.stamp() == before
    # The next transaction is stamped again: the rolled-back one's mark went with it.
    with transaction.atomic():
        authority.save(update_fields=["name"])
    assert changes.stamp() != before


def test_sessions_and_access_records_leave_the_stamp_but_count_as_writes(admin):
    before, writes = changes.stamp(), changes.writes()
    session = SessionStore()
    session["seen"] = True
    session.save()
    AccessRecord.objects.create(
        user=admin, kind=AccessKind.CASE_SAMPLE, object_id=1, inspection_label="JTAI-1"
    )
    assert changes.stamp() == before
    assert changes.writes() > writes


def test_trimming_the_oldest_rows_changes_the_stamp_too(monkeypatch):
    monkeypatch.setattr(changes, "KEEP", 3)
    authority = _authority()
    stamps = set()
    for _ in range(10):
        authority.save(update_fields=["name"])
        stamps.add(changes.stamp())  # past 6 rows a read trims them to the newest 3
    assert len(stamps) == 10  # never the same stamp twice
    assert Change.objects.count() <= 6


@pytest.mark.django_db(transaction=True)
def test_a_connection_first_opened_inside_a_request_stays_watched(admin):
    """A web worker's thread opens its connection during its first request, inside the
    request's own execute wrapper: the watch outlasts that wrapper, so the thread's later
    writes still change the stamp."""
    import threading

    from django.db import connections
    from django.test import Client

    signed_in = Client()
    signed_in.force_login(admin)
    seen = {}

    def first_request_then_a_write():
        try:
            client = Client()
            client.cookies = signed_in.cookies  # the thread's first query is the request's
            seen["status"] = client.get("/").status_code
            before = changes.stamp()
            OutboxMessage.objects.create(task="t")
            seen["changed"] = changes.stamp() != before
            seen["watches"] = sum(
                isinstance(w, changes._Watch) for w in connection.execute_wrappers
            )
            seen["wrappers"] = len(connection.execute_wrappers)
        finally:
            connections.close_all()

    thread = threading.Thread(target=first_request_then_a_write)
    thread.start()
    thread.join()
    assert seen == {"status": 200, "changed": True, "watches": 1, "wrappers": 1}

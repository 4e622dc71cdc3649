"""The stamp of the product's data: it changes with every write that commits.

Cached pages (`jtai.page_cache`) are keyed by it, so a page rendered before a write is never
served after the write commits. Every statement that writes goes through the database wrapper
this module installs on each connection, whatever made it (a model's `save`, a queryset's
`update` or `delete`, `bulk_create`, raw SQL): no write path can forget the stamp.

Each writing statement adds one row to `jtai_change` right after it, in the same transaction,
so the row becomes visible exactly when the data does and vanishes with it on a rollback.
Adding rows never waits on another writer, as updating one shared row would. The stamp is
the number of rows and the first row's number: one more row changes the count; trimming the
oldest rows changes the first number. The oldest rows are trimmed now and then, by a read.

Tables no page shows are not stamped: sessions, sign-in attempts, the access records of
child-level reads, and the change rows themselves. Any write still counts in `writes()`, which
tells the page cache that a page's rendering wrote something (an access record, say) and so
must not be served from the cache, where it would write nothing.
"""

from __future__ import annotations

import re

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate

TABLE = "jtai_change"
# Rows kept after a trim (see `stamp`).
KEEP = 1000

# Tables whose rows no page shows (and that change on reads or sign-ins).
UNSTAMPED = frozenset(
    {
        TABLE,
        "django_session",
        "django_migrations",
        "axes_accessattempt",
        "axes_accesslog",
        "axes_accessfailurelog",
        "jtai_accessrecord",
    }
)

_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.I)

# Off while migrations run: the change table may not exist yet.
_enabled = True


def _add_row(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} DEFAULT VALUES")  # noqa: S608 (a constant)


class _Watch:
    """The execute wrapper: counts writes, and stamps the ones that change what pages show."""

    def __init__(self, connection):
        self.connection = connection
        self.writes = 0

    def __call__(self, execute, sql, params, many, context):
        match = _WRITE.match(sql) if _enabled else None
        if match is None:
            return execute(sql, params, many, context)
        self.writes += 1
        if match.group(1).lower() in UNSTAMPED:
            return execute(sql, params, many, context)
        result = execute(sql, params, many, context)
        _add_row(self.connection)
        return result


def _install(sender=None, connection=None, **kwargs) -> None:
    # First in the list: a connection first opened inside `connection.execute_wrapper(...)`
    # (the request's query counter) is watched from then on, and that block's exit, which
    # pops the list's last wrapper, takes its own wrapper off, not this one.
    if not any(isinstance(w, _Watch) for w in connection.execute_wrappers):
        connection.execute_wrappers.insert(0, _Watch(connection))


def _migrating(**kwargs) -> None:
    global _enabled
    _enabled = False


def _migrated(**kwargs) -> None:
    global _enabled
    _enabled = True


def connect() -> None:
    """Watch every connection, those open now and those to come (called once, at start)."""
    connection_created.connect(_install, dispatch_uid="jtai.changes")
    pre_migrate.connect(_migrating, dispatch_uid="jtai.changes.pre")
    post_migrate.connect(_migrated, dispatch_uid="jtai.changes.post")
    for connection in connections.all(initialized_only=True):
        _install(connection=connection)


def _watch(using: str = "default") -> _Watch:
    connection = connections[using]
    for wrapper in connection.execute_wrappers:
        if isinstance(wrapper, _Watch):
            return wrapper
    _install(connection=connection)  # a connection made before `connect` is watched now
    return connection.execute_wrappers[0]


def writes(using: str = "default") -> int:
    """How many writing statements this thread's connection has run."""
    return _watch(using).writes


def stamp(using: str = "default") -> tuple[int, int]:
    """The stamp of the data as this connection sees it now: (rows, first row's number).

    Past twice `KEEP` rows, a read outside any transaction trims the table to the newest
    `KEEP` first (one statement of its own, so it holds no lock for long)."""
    _watch(using)
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MIN(id) FROM {TABLE}")  # noqa: S608 (a constant)
        count, first = cursor.fetchone()
        # (A test's own transaction around everything is no transaction of the product's.)
        in_a_transaction = any(not b._from_testcase for b in connection.atomic_blocks)
        if count > 2 * KEEP and not in_a_transaction:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE id <= (SELECT MAX(id) FROM {TABLE}) - %s",  # noqa: S608
                [KEEP],
            )
            cursor.execute(f"SELECT COUNT(*), MIN(id) FROM {TABLE}")  # noqa: S608
            count, first = cursor.fetchone()
    return count, first or 0

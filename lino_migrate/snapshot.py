"""One consistent, read-only view of the database for the whole dump.

A site that keeps writing while it is dumped must not produce dangling
references in the dump: every table is read inside one transaction that sees
the database as it was at one instant.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

__all__ = ["consistent_snapshot"]


@contextmanager
def consistent_snapshot(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Run the block in a read-only transaction with one snapshot.

    - PostgreSQL: REPEATABLE READ, READ ONLY (a snapshot taken at the first query).
    - MariaDB/MySQL: START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY.
    - SQLite: one read transaction (BEGIN; the snapshot holds until it ends).
    """
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            elif connection.vendor == "mysql":
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY")
            elif connection.vendor == "sqlite":
                # Take the read snapshot now, not at the first table read.
                cursor.execute("SELECT count(*) FROM sqlite_master")
        yield

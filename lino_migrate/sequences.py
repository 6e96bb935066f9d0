"""Primary-key sequences: where each table's next id comes from.

Two promises rest on this module:

- **A restore that fails, or a dry run, leaves every sequence as it was.**
  Sequences are not transactional: PostgreSQL's ``setval()`` and ``nextval()``
  survive a rollback, and so do InnoDB's auto-increment counters (an INSERT
  of a higher explicit id raises the counter, and the rollback keeps it).
  ``SequenceGuard`` reads every counter of the database before the restore
  and puts back those that changed once the transaction is rolled back.
  SQLite keeps its counters in the table ``sqlite_sequence``, which rolls
  back with the rest: there is nothing to put back.
- **A restore never reuses an id that the dumped database had given out.**
  The dump records, per model, the next id its sequence would have given
  (``read_next_ids()``, read in the dump's snapshot); the restore sets the
  sequence to it, never below ``max(pk) + 1`` (``set_next_ids()``). Rows
  deleted before the dump thus keep their ids retired, as they were.
"""

from __future__ import annotations

import re
from typing import Iterable

from django.db import DatabaseError, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.fields import AutoFieldMixin

from .naturalkeys import NATURAL_KEY_MODELS

__all__ = ["SequenceGuard", "has_sequence", "read_next_ids", "set_next_ids", "sets_next_ids_after_commit"]


def has_sequence(model: type[models.Model]) -> bool:
    """True when the model's own table numbers its rows (an AutoField primary key of its own).

    ContentType and Permission rows are matched by natural key, their ids are
    not kept; a multi-table child's primary key is its parent's.
    """
    pk = model._meta.pk
    return isinstance(pk, AutoFieldMixin) and pk.model is model and model._meta.label not in NATURAL_KEY_MODELS


# -- reading the next ids, in the dump's snapshot --------------------------------------


def read_next_ids(connection: BaseDatabaseWrapper, models_: Iterable[type[models.Model]]) -> dict[str, int]:
    """Label -> the id the table's sequence would give next, for each model that has one.

    Read in the dump's snapshot transaction (each query in a savepoint: a
    sequence that cannot be read is left out, and the restore then takes
    ``max(pk) + 1`` as before). On PostgreSQL and MariaDB the counters are
    not versioned: the value read is the current one, at or above the
    snapshot's, so it never points at an id the snapshot holds.
    """
    chosen = [model for model in models_ if has_sequence(model)]
    if not chosen:
        return {}
    reader = {"postgresql": _pg_next_ids, "mysql": _mysql_next_ids, "sqlite": _sqlite_next_ids}.get(connection.vendor)
    if reader is None:
        return {}
    return reader(connection, chosen)


def _pg_sequence(cursor, model: type[models.Model]) -> str | None:
    """The (quoted, qualified) name of the sequence of the model's primary key: serial or identity."""
    quote = cursor.db.ops.quote_name
    cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [quote(model._meta.db_table), model._meta.pk.column])
    row = cursor.fetchone()
    return row[0] if row else None


def _pg_next_ids(connection: BaseDatabaseWrapper, chosen: list[type[models.Model]]) -> dict[str, int]:
    result = {}
    for model in chosen:
        try:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                sequence = _pg_sequence(cursor, model)
                if sequence is None:
                    continue
                cursor.execute(
                    f"SELECT s.last_value, s.is_called, p.seqincrement FROM {sequence} s, pg_sequence p "
                    f"WHERE p.seqrelid = %s::regclass",
                    [sequence],
                )
                last_value, is_called, increment = cursor.fetchone()
                # Rows inserted with explicit ids do not move a PostgreSQL sequence: the id it
                # would give next may be one the table holds. What the table gives next is
                # after those rows (as MariaDB's and SQLite's counters are).
                quote = connection.ops.quote_name
                cursor.execute(f"SELECT MAX({quote(model._meta.pk.column)}) FROM {quote(model._meta.db_table)}")
                highest = cursor.fetchone()[0]
        except DatabaseError:
            continue
        next_id = int(last_value) + (int(increment) if is_called else 0)
        result[model._meta.label] = max(next_id, int(highest) + 1) if highest is not None else next_id
    return result


def _mysql_next_ids(connection: BaseDatabaseWrapper, chosen: list[type[models.Model]]) -> dict[str, int]:
    counters = _mysql_counters(connection)
    return {
        model._meta.label: counters[model._meta.db_table]
        for model in chosen if counters.get(model._meta.db_table) is not None
    }


def _mysql_counters(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Table -> its AUTO_INCREMENT counter, for every table of the database that has one."""
    with connection.cursor() as cursor:
        try:
            # MySQL 8 caches information_schema.TABLES for a day unless told not to (MariaDB has no such cache).
            with transaction.atomic(using=connection.alias):
                cursor.execute("SET SESSION information_schema_stats_expiry = 0")
        except DatabaseError:
            pass
        cursor.execute(
            "SELECT TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES "
            "WHERE TABLE_SCHEMA = DATABASE() AND AUTO_INCREMENT IS NOT NULL"
        )
        return {name: int(value) for name, value in cursor.fetchall()}


def _sqlite_next_ids(connection: BaseDatabaseWrapper, chosen: list[type[models.Model]]) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        autoincrement = {name for name, sql in cursor.fetchall() if sql and re.search(r"\bAUTOINCREMENT\b", sql, re.I)}
        if not autoincrement:
            return {}
        cursor.execute("SELECT name, seq FROM sqlite_sequence")
        seqs = {name: int(seq) for name, seq in cursor.fetchall()}
    # No sqlite_sequence row: no row was ever inserted, the next id is 1.
    return {
        model._meta.label: seqs.get(model._meta.db_table, 0) + 1
        for model in chosen if model._meta.db_table in autoincrement
    }


# -- setting them at restore -------------------------------------------------------------


def sets_next_ids_after_commit(connection: BaseDatabaseWrapper) -> bool:
    """True where the counters can only be set after the commit (MariaDB/MySQL: ALTER TABLE commits)."""
    return connection.vendor == "mysql"


def set_next_ids(connection: BaseDatabaseWrapper, next_ids: dict[type[models.Model], int]) -> None:
    """Make each model's sequence give ``max(recorded, max(pk) + 1)`` next.

    PostgreSQL and SQLite: inside the restore's transaction (on PostgreSQL the
    ``SequenceGuard`` puts the sequences back if it rolls back). MariaDB: after
    the commit (see ``sets_next_ids_after_commit()``); InnoDB itself never
    sets a counter at or below ``max(pk)``.
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model, recorded in next_ids.items():
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            if connection.vendor == "mysql":
                cursor.execute(f"SELECT MAX({pk}) FROM {table}")
                top = cursor.fetchone()[0]
                cursor.execute(f"ALTER TABLE {table} AUTO_INCREMENT = {max(int(recorded), (top or 0) + 1)}")
                continue
            cursor.execute(f"SELECT MAX({pk}) FROM {table}")
            top = cursor.fetchone()[0]
            following = max(int(recorded), (top or 0) + 1)
            if connection.vendor == "postgresql":
                sequence = _pg_sequence(cursor, model)
                if sequence is None:
                    continue
                if following > 1:
                    cursor.execute("SELECT setval(%s::regclass, %s, true)", [sequence, following - 1])
                else:
                    cursor.execute("SELECT setval(%s::regclass, 1, false)", [sequence])
            elif connection.vendor == "sqlite":
                cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [following - 1, model._meta.db_table])
                if cursor.rowcount == 0:
                    cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [model._meta.db_table, following - 1])


# -- putting them back after a rollback ------------------------------------------------------


class SequenceGuard:
    """Every counter of the database as it was before a restore, to put back after a rollback.

    PostgreSQL: each sequence's ``(last_value, is_called)``; MariaDB: each
    table's ``AUTO_INCREMENT``. SQLite needs nothing (``sqlite_sequence`` is a
    table and rolls back). Only the counters that changed are written back.
    """

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        self.saved: dict[str, tuple] = self._read()

    def _read(self) -> dict[str, tuple]:
        vendor = self.connection.vendor
        if vendor == "postgresql":
            return self._pg_read()
        if vendor == "mysql":
            return {table: (value,) for table, value in _mysql_counters(self.connection).items()}
        return {}

    def _pg_read(self) -> dict[str, tuple]:
        state = {}
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' "
                "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND has_table_privilege(c.oid, 'SELECT')"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f"SELECT last_value, is_called FROM {name}")
                state[name] = tuple(cursor.fetchone())
        return state

    def changed(self) -> dict[str, tuple]:
        """The counters whose value differs now from the saved one: name -> saved value."""
        if not self.saved:
            return {}
        now = self._read()
        return {name: value for name, value in self.saved.items() if name in now and now[name] != value}

    def put_back(self) -> list[str]:
        """Write back every counter that changed; returns the names of those it could not (with why)."""
        failed = []
        try:
            changed = self.changed()
        except DatabaseError as exc:
            if self.connection.in_atomic_block:
                return [f"(cannot read the sequences: {exc})"]
            # The restore's session is gone (its setval() calls stay): put them back from a new one.
            self.connection.close()
            try:
                changed = self.changed()
            except DatabaseError as exc:
                return [f"(cannot read the sequences: {exc})"]
        if self.connection.vendor == "mysql" and self.connection.in_atomic_block:
            # Inside a caller's transaction: ALTER TABLE would commit it.
            return [f"{name} (inside an outer transaction)" for name in changed]
        quote = self.connection.ops.quote_name
        for name, value in changed.items():
            try:
                with self.connection.cursor() as cursor:
                    if self.connection.vendor == "postgresql":
                        cursor.execute("SELECT setval(%s::regclass, %s, %s)", [name, value[0], value[1]])
                    else:
                        cursor.execute(f"ALTER TABLE {quote(name)} AUTO_INCREMENT = {int(value[0])}")
            except DatabaseError as exc:
                failed.append(f"{name} ({exc})")
        return failed

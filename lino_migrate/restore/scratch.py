"""MariaDB and MySQL: a restore that changes the schema is built in a scratch database, then swapped in.

A restore runs ``migrate`` when the database lacks migrations of the code, and
a replay runs Django's migrations on the dump's rows; MariaDB commits each
schema change as it makes it: a failure half-way would leave the database half
migrated. So such a restore is built beside the target, in a database of the
same server, and swapped in with one RENAME TABLE only once it is complete (a
dry run never swaps: it rehearses the upgrade and changes nothing):

1. ``Scratch.__enter__``: a named lock (one such restore per database at a
   time); the scratch and trash databases that a stopped run left
   (``<name>__lm_replay``, ``<name>__lm_trash``) are dropped; both are created
   again, and a connection to the scratch one (the target's settings, another
   NAME).
2. ``fill()``: every base table of the target, as ``SHOW CREATE TABLE`` shows
   it (indexes, foreign keys, AUTO_INCREMENT), and the rows of those the
   restore keeps (ContentType, Permission, django_migrations, tables a
   partial dump does not replace).
3. The restore runs there, migrate and replay and all (``run.py``), ``in_place()`` of the
   target: under the target's alias, so that a ``RunPython`` or a hook that
   writes through the default manager, not ``.using(alias)``, writes there too.
4. ``swap()``: the scratch must be at the code's migrations; then ONE
   ``RENAME TABLE`` moves every base table of the target into the trash
   database and every table of the scratch into the target. MariaDB renames
   all or none; foreign keys and AUTO_INCREMENT counters go with their tables.
5. ``__exit__``: both databases are dropped (the trash holds the old tables).

Until the RENAME the target is untouched; after it, it is restored. A run
stopped on the way leaves the two databases behind, for the next replay
restore to drop. Views and sequences stay in the target: a view names its
tables, and shows the new ones after the swap.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import IO, Any, Callable, Iterator

from django.apps import apps
from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

from ..errors import RestoreError
from ..manifest import Manifest
from ..plan import RestorePlan
from .replay import replayed_tables
from .scratchnames import ScratchNames

__all__ = ["Scratch", "builds_in_scratch", "replaced_tables"]

#: How long the swap waits for other sessions to let go of the target's tables, in seconds.
SWAP_WAIT = 60
#: MariaDB's error codes for a missing privilege.
ACCESS_DENIED = {1044, 1045, 1142, 1227}


def builds_in_scratch(connection: Any, plan: RestorePlan, pending: Callable[[], list[str]]) -> bool:
    """True for a restore into MariaDB or MySQL that changes the schema: a replay, or ``pending()`` migrations.

    Their schema changes commit, so the restore is built aside; a restore into
    an up-to-date schema changes rows only, which its transaction rolls back.
    ``pending`` loads the migration graph: it is asked only there.
    """
    if connection.vendor != "mysql" or connection.features.can_rollback_ddl:
        return False
    return plan.replay is not None or bool(pending())


def replaced_tables(plan: RestorePlan, manifest: Manifest) -> set[str]:
    """The tables whose rows the restore replaces (emptied, or rebuilt by replay): not worth copying."""
    tables = {model._meta.db_table for model in plan.tables_to_clear(manifest)}
    return tables | (replayed_tables(plan.replay.recorded) if plan.replay else set())


class Scratch:
    """The scratch database of one restore into the database of ``connection``."""

    def __init__(self, connection: Any, stderr: IO[str], verbosity: int = 1, why: str = "the replayed migrations"):
        self.connection = connection
        #: the schema changes that bring the restore here ("the replayed migrations"), for its messages
        self.why = why
        self.names = ScratchNames.of(str(connection.settings_dict["NAME"]))
        #: the scratch database's connection, under the target's alias (registered there only ``in_place()``)
        self.scratch_connection = type(connection)({**connection.settings_dict, "NAME": self.names.scratch},
                                                   connection.alias)
        self.stderr = stderr
        self.verbosity = verbosity

    # -- made, and dropped -------------------------------------------------

    def __enter__(self) -> Scratch:
        if self.connection.in_atomic_block:
            raise RestoreError(
                f"A restore into {self.names.target!r} that runs {self.why} cannot run inside a transaction: "
                f"on {self.connection.display_name} it swaps the restored tables in with RENAME TABLE, which commits."
            )
        self._lock()
        try:
            self._drop_databases(leftovers=True)
            charset, collation = self._one(
                "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA "
                "WHERE SCHEMA_NAME = %s", [self.names.target],
            )
            for name in (self.names.scratch, self.names.trash):
                self._execute(f"CREATE DATABASE {self._q(name)} CHARACTER SET {charset} COLLATE {collation}",
                              what=f"Creating the database {name!r}")
        except DatabaseError as exc:
            self._unlock()
            raise self._error(exc, "Dropping the databases a stopped replay restore left") from None
        except BaseException:
            self._unlock()
            raise
        if self.verbosity >= 1:
            self.stderr.write(
                f"Building the restore in the database {self.names.scratch!r} beside {self.names.target!r} "
                f"({self.connection.display_name} cannot roll back {self.why}); it is swapped in "
                f"when complete.\n"
            )
        return self

    def __exit__(self, *exc_info: Any) -> None:
        try:
            self.scratch_connection.close()
            self._drop_databases(leftovers=False)
        except DatabaseError as exc:
            self.stderr.write(
                f"Warning: the databases {self.names.scratch!r} and {self.names.trash!r} could not be dropped "
                f"({exc}); the next replay restore drops them, or drop them by hand.\n"
            )
        finally:
            self._unlock()

    # -- filled from the target ---------------------------------------------

    def fill(self, replaced: set[str]) -> None:
        """Every base table of the target, and the rows of those the restore does not replace."""
        tables = self._tables(self.names.target)
        self._refuse_what_cannot_move(tables)
        base = sorted(name for name, kind in tables.items() if kind == "BASE TABLE")
        kept = [name for name in base if name not in replaced]
        q = self._q
        try:
            with self.scratch_connection.cursor() as cursor:
                cursor.execute("SELECT @@SESSION.sql_mode")
                (sql_mode,) = cursor.fetchone()
                # Tables in any order; explicit ids, zero included, as the target holds them.
                cursor.execute("SET SESSION foreign_key_checks = 0")
                cursor.execute("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_AUTO_VALUE_ON_ZERO')")
                for table in base:
                    cursor.execute(f"SHOW CREATE TABLE {q(self.names.target)}.{q(table)}")
                    cursor.execute(cursor.fetchone()[1])
                for table in kept:
                    columns = ", ".join(q(column) for column in self._stored_columns(cursor, table))
                    cursor.execute(
                        f"INSERT INTO {q(table)} ({columns}) SELECT {columns} FROM {q(self.names.target)}.{q(table)}"
                    )
                cursor.execute("SET SESSION foreign_key_checks = 1")
                cursor.execute("SET SESSION sql_mode = %s", [sql_mode])
        except DatabaseError as exc:
            raise self._error(exc, f"Copying the database into {self.names.scratch!r} failed") from None

    @contextmanager
    def in_place(self) -> Iterator[Any]:
        """The scratch database under the target's alias: what writes to the target writes to the scratch."""
        alias = self.connection.alias
        connections[alias] = self.scratch_connection
        _forget_content_types()
        try:
            yield self.scratch_connection
        finally:
            connections[alias] = self.connection
            _forget_content_types()

    # -- swapped in --------------------------------------------------------

    def swap(self) -> None:
        """Check the scratch database, then swap it in: one RENAME TABLE, all or nothing."""
        with self.in_place() as scratch:
            executor = MigrationExecutor(scratch)
            pending = [f"{m.app_label}.{m.name}" for m, _ in executor.migration_plan(executor.loader.graph.leaf_nodes())]
        if pending:
            raise RestoreError(
                f"After the restore the database {self.names.scratch!r} lacks {len(pending)} migrations of the code "
                f"({', '.join(pending[:5])}); it was not swapped in, and {self.names.target!r} is unchanged."
            )
        q, names = self._q, self.names
        views = sorted(name for name, kind in self._tables(names.scratch).items() if kind == "VIEW")
        if views:
            raise RestoreError(
                f"{self.why[0].upper()}{self.why[1:]} made the views {', '.join(views)} in {names.scratch!r}, and a view "
                f"cannot move to another database: it was not swapped in, and {names.target!r} is unchanged. "
                f"{self._way_out()}"
            )
        old = sorted(name for name, kind in self._tables(names.target).items() if kind == "BASE TABLE")
        new = sorted(name for name, kind in self._tables(names.scratch).items() if kind == "BASE TABLE")
        moves = [f"{q(names.target)}.{q(t)} TO {q(names.trash)}.{q(t)}" for t in old]
        moves += [f"{q(names.scratch)}.{q(t)} TO {q(names.target)}.{q(t)}" for t in new]
        (wait,) = self._one("SELECT @@SESSION.lock_wait_timeout")
        self._execute(f"SET SESSION lock_wait_timeout = {SWAP_WAIT}")
        try:
            self._execute("RENAME TABLE " + ", ".join(moves), what="The swap (RENAME TABLE)")
        finally:
            self._execute(f"SET SESSION lock_wait_timeout = {int(wait)}")

    # -- the steps ---------------------------------------------------------

    def _tables(self, database: str) -> dict[str, str]:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s",
                           [database])
            return dict(cursor.fetchall())

    def _refuse_what_cannot_move(self, tables: dict[str, str]) -> None:
        """Tables with triggers cannot move between databases; system-versioned ones would lose their history."""
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT DISTINCT EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = %s",
                           [self.names.target])
            triggers = sorted(row[0] for row in cursor.fetchall())
        versioned = sorted(name for name, kind in tables.items() if kind == "SYSTEM VERSIONED")
        problems = [f"{', '.join(triggers)} (triggers: {self.connection.display_name} cannot move them to another "
                    f"database)"] if triggers else []
        problems += [f"{', '.join(versioned)} (system-versioned: their history would be lost)"] if versioned else []
        if problems:
            raise RestoreError(
                f"A restore into {self.names.target!r} that runs {self.why} builds the restored tables in another "
                f"database and "
                f"swaps them in, and these tables cannot be swapped: {'; '.join(problems)}. The database is "
                f"unchanged. {self._way_out()}"
            )

    def _stored_columns(self, cursor: Any, table: str) -> list[str]:
        """The columns of a target table that hold values of their own (generated ones are computed)."""
        cursor.execute(
            "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = %s AND TABLE_NAME = %s "
            "AND EXTRA NOT LIKE %s ORDER BY ORDINAL_POSITION", [self.names.target, table, "%GENERATED%"],
        )
        return [row[0] for row in cursor.fetchall()]

    def _drop_databases(self, leftovers: bool) -> None:
        """Drop the scratch and trash databases (raises DatabaseError as it is: the callers say what it means)."""
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (%s, %s)",
                           [self.names.scratch, self.names.trash])
            found = sorted(row[0] for row in cursor.fetchall())
            for name in found:
                cursor.execute(f"DROP DATABASE {self._q(name)}")
        if leftovers and found and self.verbosity >= 1:
            self.stderr.write(f"Notice: dropped {', '.join(map(repr, sorted(found)))}, left by a replay restore "
                              f"that was stopped.\n")

    def _lock(self) -> None:
        (got,) = self._one("SELECT GET_LOCK(%s, 0)", [self.names.lock])
        if got != 1:
            raise RestoreError(
                f"Another replay restore into {self.names.target!r} is running (it holds the lock "
                f"{self.names.lock!r}); wait until it ends. Nothing was changed."
            )

    def _unlock(self) -> None:
        try:
            self._one("SELECT RELEASE_LOCK(%s)", [self.names.lock])
        except DatabaseError:
            pass  # the session is gone, and its lock with it

    def _q(self, name: str) -> str:
        return self.connection.ops.quote_name(name)

    def _execute(self, sql: str, params: list | None = None, what: str = "A statement on the server") -> None:
        try:
            with self.connection.cursor() as cursor:
                cursor.execute(sql, params)
        except DatabaseError as exc:
            raise self._error(exc, f"{what} failed") from None

    def _all(self, sql: str, params: list | None = None) -> list[tuple]:
        try:
            with self.connection.cursor() as cursor:
                cursor.execute(sql, params)
                return list(cursor.fetchall())
        except DatabaseError as exc:
            raise self._error(exc, "Reading the server's catalog failed") from None

    def _one(self, sql: str, params: list | None = None) -> tuple:
        return self._all(sql, params)[0]

    def _error(self, exc: DatabaseError, what: str) -> RestoreError:
        names = self.names
        if exc.args and exc.args[0] in ACCESS_DENIED:
            user = self._current_user()
            return RestoreError(
                f"A restore into {names.target!r} that runs {self.why} builds the restored database beside it and "
                f"swaps it in, "
                f"and the database user {user} lacks a privilege for that ({exc}). It needs CREATE and DROP on the "
                f"databases {names.scratch!r} and {names.trash!r} and every privilege within them, for example "
                f"GRANT ALL PRIVILEGES ON `{names.grant_pattern}`.* TO {user}; and on {names.target!r} SELECT, "
                f"CREATE, DROP, ALTER and INSERT. The database is unchanged. Or: {_lower_first(self._way_out())}"
            )
        if exc.args and exc.args[0] == 1205:
            return RestoreError(
                f"The swap waited {SWAP_WAIT} s for other sessions to let go of tables of {names.target!r} and gave "
                f"up ({exc}); the database is unchanged. Stop what uses it (the site, shells) and restore again."
            )
        return RestoreError(f"{what}: {exc}. The database {names.target!r} is unchanged.")

    def _way_out(self) -> str:
        """How to restore without a scratch database."""
        if self.why == "the replayed migrations":
            return "Restore with --no-replay and write migrators for the replayed apps."
        return ("Run migrate first, then restore (the restore then changes rows only; the migrations stay applied "
                "if it fails).")

    def _current_user(self) -> str:
        try:
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT CURRENT_USER()")
                user, _, host = cursor.fetchone()[0].partition("@")
        except DatabaseError:
            return "(the restore's user)"
        return f"'{user}'@'{host}'"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _forget_content_types() -> None:
    """ContentType's cache is per alias: the ids it holds are of the other database."""
    if apps.is_installed("django.contrib.contenttypes"):
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()

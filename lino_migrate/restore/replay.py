"""Replay: the replayed apps' tables rebuilt at the dump's migration state, then migrated forward.

Inside the restore's transaction (PostgreSQL and SQLite have transactional
DDL, so a failure anywhere rolls all of it back):

1. ``rewind()``: drop the replayed apps' tables, forget their applied
   migrations, and run their migrations from zero to the state the dump
   recorded. The seed rows their data migrations make are deleted: the dump's
   rows replace them.
2. The restore loads the rows (the historical models of ``ReplayPlan.schema``).
3. ``forward()``: run the rest of the graph, ``RunPython`` and ``RunSQL``
   included, exactly as ``migrate`` would have on the old database. Migrations
   of the other apps on the way are already applied (their tables are as they
   are): only their state is followed.

Foreign keys of other apps' tables that point into a dropped table go with
it on PostgreSQL (``DROP ... CASCADE``); they are made again after the
forward migrations, under the same names. MariaDB keeps them (the restore
drops with its foreign key checks off), and they hold again by name.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterable, Iterator

from django.apps import apps as live_apps
from django.db import models
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.migrations.state import ProjectState

from ..errors import RestoreError
from ..history import Node, ReplayPlan, migration_order

__all__ = ["Replay", "foreign_keys_off", "pending_checks_before_ddl", "replayed_tables"]


def _replayed_models(replayed: Iterable[str]) -> Iterator[type[models.Model]]:
    """The current models of the replayed apps that have a table of their own, app by app."""
    for label in sorted(replayed):
        for model in live_apps.get_app_config(label).get_models(include_auto_created=True):
            meta = model._meta
            if meta.managed and not meta.proxy and not meta.swapped:
                yield model


def replayed_tables(replayed: Iterable[str]) -> set[str]:
    """The tables of the current models of the replayed apps: dropped, then rebuilt from their migrations."""
    return {model._meta.db_table for model in _replayed_models(replayed)}


@contextmanager
def foreign_keys_off(connection: Any) -> Iterator[None]:
    """SQLite: the schema editor (migrate, replay) needs foreign key enforcement off, and it can only change
    outside a transaction.

    The restore checks every foreign key itself before it commits.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    connection.disable_constraint_checking()
    try:
        yield
    finally:
        connection.enable_constraint_checking()


#: Statements PostgreSQL refuses on a table with pending deferred foreign-key checks.
_BLOCKED_BY_PENDING_CHECKS = ("ALTER TABLE", "DROP TABLE", "TRUNCATE")


@contextmanager
def pending_checks_before_ddl(connection: Any) -> Iterator[None]:
    """PostgreSQL: run the pending foreign-key checks before each ALTER TABLE, DROP TABLE and TRUNCATE.

    ``migrate`` commits after each migration, which runs the checks that rows
    written by a data migration left pending; inside the restore's one
    transaction nothing commits, and PostgreSQL refuses to alter a table with
    pending checks ("cannot ALTER TABLE ... because it has pending trigger
    events"). So the checks run just before such a statement, and are deferred
    again after it, as Django's schema editor itself does before dropping a
    foreign key.
    """
    if connection.vendor != "postgresql":
        yield
        return

    def check_first(execute, sql, params, many, context):
        head = sql.lstrip()[:15].upper()
        # Django drops a foreign key with "SET CONSTRAINTS name IMMEDIATE; ALTER TABLE ...": that one key only.
        blocked = head.startswith(_BLOCKED_BY_PENDING_CHECKS) or (
            head.startswith("SET CONSTRAINTS") and "ALTER TABLE" in sql.upper()
        )
        if not blocked:
            return execute(sql, params, many, context)
        cursor = context["cursor"]
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # a check that fails raises here, naming its key
        result = execute(sql, params, many, context)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # not after a failure: the transaction is aborted then
        return result

    with connection.execute_wrapper(check_first):
        yield


class Replay:
    """Rebuilds the replayed apps' tables at the dump's state, and migrates them forward after the load."""

    def __init__(self, connection: Any, plan: ReplayPlan):
        self.connection = connection
        self.plan = plan
        self.replayed = set(plan.recorded)
        self.state: ProjectState | None = None
        self.executor: MigrationExecutor | None = None
        self.foreign_keys: list[tuple[str, str, str]] = []  # (table, constraint, column) dropped with a table
        self.migrations_run: list[str] = []

    # -- before the rows ---------------------------------------------------

    def rewind(self) -> None:
        tables = self._tables_of_replayed_apps()
        self.foreign_keys = self._foreign_keys_into(tables)
        self._drop(tables)
        MigrationRecorder(self.connection).migration_qs.filter(app__in=sorted(self.replayed)).delete()
        self.executor = MigrationExecutor(self.connection)
        self.state = ProjectState(real_apps=self.executor.loader.unmigrated_apps)
        at_dump = set().union(*self.plan.recorded.values())
        later = set(self.plan.forward)
        applied = self.executor.loader.applied_migrations
        # The seed rows of one migration (a RunPython) leave deferred foreign-key checks pending, and
        # PostgreSQL refuses to ALTER a table with pending ones; `migrate` commits each migration instead.
        self._check_constraints_at_once(True)
        for node in self._full_plan():
            if node in later:
                continue
            if node[0] in self.replayed:
                if node in at_dump:
                    self._apply(node)
            elif node in applied:
                self._follow(node)
        self._check_constraints_at_once(False)  # the seed rows go in any order, the dump's rows come in any order
        self._delete_seed_rows()

    # -- after the rows ----------------------------------------------------

    def forward(self) -> None:
        """Run the forward migrations (inside ``pending_checks_before_ddl``, like the rest of the restore)."""
        self.migrations_run = []
        for node in self.plan.forward:
            if node[0] in self.replayed:
                self._apply(node)
            else:
                self._follow(node)
        assert self.executor is not None
        self.executor.check_replacements()
        self._restore_foreign_keys()

    def current_models(self, loaded: dict[str, type[models.Model]]) -> dict[str, type[models.Model]]:
        """``loaded`` with the historical models of the replayed apps swapped for the current ones.

        A model renamed by the forward migrations is followed to its new name (its
        sequence, and the next id the dump recorded, go with it); one they removed
        is left out. Every other current model of a replayed app is added: the
        migrations may have filled it.
        """
        renames = self.plan.model_renames
        result = {}
        for key, model in loaded.items():
            if model._meta.app_label in self.replayed:
                old = (model._meta.app_label, model._meta.model_name)
                try:
                    model = live_apps.get_model(*renames.get(old, old))
                except LookupError:
                    continue  # a later migration removed it
            result[key] = model
        for model in _replayed_models(self.replayed):
            if model not in result.values():
                result[model._meta.label_lower] = model
        return result

    def current_counts(self) -> dict[str, int]:
        """The rows of each current model of the replayed apps, after the forward migrations."""
        counts = {}
        quote = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            for model in _replayed_models(self.replayed):
                cursor.execute(f"SELECT COUNT(*) FROM {quote(model._meta.db_table)}")
                counts[model._meta.label] = cursor.fetchone()[0]
        return counts

    @contextmanager
    def checking_constraints_at_once(self) -> Iterator[None]:
        """For ``migrate`` inside the restore's transaction: see ``_check_constraints_at_once``."""
        self._check_constraints_at_once(True)
        yield
        self._check_constraints_at_once(False)

    # -- the steps ---------------------------------------------------------

    def _check_constraints_at_once(self, immediate: bool) -> None:
        """PostgreSQL: check deferrable foreign keys at each statement (and the pending checks now), or at commit."""
        if self.connection.vendor == "postgresql":
            with self.connection.cursor() as cursor:
                cursor.execute(f"SET CONSTRAINTS ALL {'IMMEDIATE' if immediate else 'DEFERRED'}")

    def _full_plan(self) -> list[Node]:
        assert self.executor is not None
        return migration_order(self.executor.loader)

    def _migration(self, node: Node):
        assert self.executor is not None
        try:
            return self.executor.loader.graph.nodes[node]
        except KeyError:
            raise RestoreError(f"Migration {node[0]}.{node[1]} is not in the code's migration graph; nothing was restored.") from None

    def _apply(self, node: Node) -> None:
        migration = self._migration(node)
        assert self.executor is not None and self.state is not None
        try:
            with self._foreign_keys_checked_before_commit():
                self.state = self.executor.apply_migration(self.state, migration)
        except RestoreError:
            raise
        except Exception as exc:
            raise RestoreError(
                f"Migration {node[0]}.{node[1]} failed while replaying the dump: {type(exc).__name__}: {exc}. "
                f"The restore was rolled back; the database is unchanged. Fix the migration, or turn replay off for "
                f"{node[0]} (restore --no-replay, or settings.LINO_MIGRATE_REPLAY = {{{node[0]!r}: False}}) and "
                f"write a migrator."
            ) from exc
        self.migrations_run.append(f"{node[0]}.{node[1]}")

    @contextmanager
    def _foreign_keys_checked_before_commit(self) -> Iterator[None]:
        """SQLite's schema editor checks every foreign key of the database when it closes.

        While the replayed tables are rebuilt, the rows of other tables that point into them point
        nowhere until the dump's rows are in again: the restore checks every key itself before it
        commits (``Restore._check_foreign_keys``), so the schema editor's check waits for that one.
        """
        if self.connection.vendor != "sqlite":
            yield
            return
        self.connection.check_constraints = lambda table_names=None: None
        try:
            yield
        finally:
            del self.connection.check_constraints  # the class's own again

    def _follow(self, node: Node) -> None:
        """A migration of another app, applied already: only its state changes."""
        assert self.state is not None
        self._migration(node).mutate_state(self.state, preserve=False)

    def _tables_of_replayed_apps(self) -> list[str]:
        existing = set(self.connection.introspection.table_names())
        return sorted(replayed_tables(self.replayed) & existing)

    def _foreign_keys_into(self, tables: list[str]) -> list[tuple[str, str, str]]:
        """The foreign keys of the other tables that point into ``tables`` (they go with a CASCADE drop)."""
        if self.connection.vendor == "sqlite":
            return []  # SQLite's foreign keys name their table: they hold again once it is made again
        dropped = set(tables)
        found = []
        with self.connection.cursor() as cursor:
            for table in self.connection.introspection.table_names(cursor):
                if table in dropped:
                    continue
                for name, info in self.connection.introspection.get_constraints(cursor, table).items():
                    target = info.get("foreign_key")
                    if target and target[0] in dropped and len(info["columns"]) == 1:
                        found.append((table, name, info["columns"][0]))
        return found

    def _drop(self, tables: list[str]) -> None:
        quote = self.connection.ops.quote_name
        cascade = " CASCADE" if self.connection.vendor == "postgresql" else ""
        with self.connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"DROP TABLE {quote(table)}{cascade}")

    def _delete_seed_rows(self) -> None:
        """Rows that the replayed data migrations made on the empty tables: the dump's rows replace them."""
        assert self.state is not None
        quote = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            for model in self.state.apps.get_models(include_auto_created=True):
                meta = model._meta
                if meta.app_label in self.replayed and meta.managed and not meta.proxy:
                    cursor.execute(f"DELETE FROM {quote(meta.db_table)}")

    def _restore_foreign_keys(self) -> None:
        """Make again the foreign keys into the rebuilt tables, to where the current models point."""
        if not self.foreign_keys:
            return
        by_column = {
            (m._meta.db_table, f.column): f
            for m in live_apps.get_models(include_auto_created=True)
            for f in m._meta.local_concrete_fields
            if isinstance(f, models.ForeignKey)
        }
        quote = self.connection.ops.quote_name
        deferrable = self.connection.ops.deferrable_sql()
        with self.connection.cursor() as cursor:
            for table, name, column in self.foreign_keys:
                f = by_column.get((table, column))
                if f is None or not f.db_constraint:
                    continue  # the current code no longer has this key
                if name in self.connection.introspection.get_constraints(cursor, table):
                    continue  # MariaDB keeps a key into a table dropped without checks: it holds again by name
                target = f.target_field
                cursor.execute(
                    f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} FOREIGN KEY ({quote(column)}) "
                    f"REFERENCES {quote(target.model._meta.db_table)} ({quote(target.column)}){deferrable}"
                )

"""PostgreSQL: the foreign keys of the restored tables, dropped before the load and made again after it.

Django makes every foreign key ``DEFERRABLE INITIALLY DEFERRED``. So each row
the restore inserts (``COPY`` too), and each row it deletes from a table that
others refer to, queues one trigger event per key, and the check before the
commit runs them one row at a time: most of a restore's time in the database.
``pg_restore`` adds the constraints after the data instead: ``ADD CONSTRAINT``
checks all rows of one key with one query (a join). This does the same inside
the restore's transaction: PostgreSQL's schema changes are transactional, so a
failure, a dry run or a SIGKILL gives back the keys with the rows. Each key is
made again under its name and from its own definition
(``pg_get_constraintdef()``): the schema afterwards is the one before.

Which keys: those of the tables the restore empties or fills, and those of the
tables that refer to them. Left in place (their triggers check them, as before):

- ``NOT VALID`` keys (made again, they would check rows that were never checked);
- keys with an action (``ON DELETE CASCADE``, ``SET NULL``, ...): they change rows;
- keys of the replayed apps' tables, on either side. The forward migrations
  find the keys of those tables by introspection (``AlterField`` drops the key
  it finds, and makes a new one only when it dropped one), so their keys must
  be there while the migrations run; and the keys of other tables into them
  went with them at ``Replay.rewind()`` (``DROP ... CASCADE``) and come back
  in ``Replay.forward()``.

``ALTER TABLE`` needs to own the table, as ``migrate`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from django.apps import apps
from django.db import IntegrityError, models, transaction

from ..errors import RestoreError
from ..manifest import Manifest
from ..plan import RestorePlan
from ..problems import shorten
from ..text import plural
from .replay import Replay, replayed_tables

__all__ = ["ForeignKey", "DroppedForeignKeys", "drop_foreign_keys", "restored_tables"]

_KEYS = """
SELECT con.conrelid::regclass::text, c.relname::text, con.conname::text, pg_get_constraintdef(con.oid),
       con.confrelid::regclass::text, f.relname::text,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(n, i)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(n, i)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_class f ON f.oid = con.confrelid
WHERE con.contype = 'f' AND con.conparentid = 0 AND con.convalidated
  AND con.confdeltype IN ('a', 'r') AND con.confupdtype IN ('a', 'r')
  AND ((c.relname::text = ANY(%s::text[]) AND pg_table_is_visible(c.oid))
       OR (f.relname::text = ANY(%s::text[]) AND pg_table_is_visible(f.oid)))
  AND NOT c.relname::text = ANY(%s::text[]) AND NOT f.relname::text = ANY(%s::text[])
ORDER BY 1, 3
"""

_PRIMARY_KEY = """
SELECT ARRAY(SELECT a.attname::text FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(n, o)
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n
             WHERE i.indrelid = %s::regclass AND i.indisprimary ORDER BY k.o)
"""


@dataclass(frozen=True)
class ForeignKey:
    """One foreign key constraint, as PostgreSQL describes it."""

    table: str  # as ``regclass`` prints it: quoted, and qualified where the search path does not find it
    table_name: str
    name: str
    definition: str  # pg_get_constraintdef(): FOREIGN KEY (...) REFERENCES ...(...) DEFERRABLE INITIALLY DEFERRED
    target: str
    target_name: str
    columns: tuple[str, ...]
    target_columns: tuple[str, ...]


class DroppedForeignKeys:
    """The keys dropped for the load; ``add_back()`` makes each again, checking its rows at once."""

    def __init__(self, connection: Any, keys: list[ForeignKey]):
        self.connection = connection
        self.keys = keys

    def add_back(self) -> None:
        """Make every key again (one ``ALTER TABLE`` per table); raise naming a row whose key points nowhere."""
        if not self.keys:
            return
        quote = self.connection.ops.quote_name
        try:
            with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
                for table, keys in _by_table(self.keys).items():
                    cursor.execute(f"ALTER TABLE {table} " + ", ".join(
                        f"ADD CONSTRAINT {quote(key.name)} {key.definition}" for key in keys))
        except IntegrityError as exc:  # rolled back to the savepoint: the rows can be read again
            raise self._points_nowhere(exc) from None

    def _points_nowhere(self, exc: IntegrityError) -> RestoreError:
        failed = getattr(getattr(exc.__cause__, "diag", None), "constraint_name", None)
        candidates = [key for key in self.keys if key.name == failed] or self.keys
        for key in candidates:
            found = _row_at_fault(self.connection, key)
            if found:
                return RestoreError(f"A foreign key points nowhere; nothing was restored. {found}. {_UNCHANGED}")
        return RestoreError(f"A foreign key points nowhere; nothing was restored. {exc}. {_UNCHANGED}")


_UNCHANGED = (
    "The restore was rolled back; the database is unchanged, its schema included. Restore the rows it points to "
    "as well (is their model left out?), or change the value with a migrator or in the dump's data file (see "
    "docs/format.md), then restore again."
)


def drop_foreign_keys(connection: Any, plan: RestorePlan, manifest: Manifest, replay: Replay | None) -> DroppedForeignKeys:
    """PostgreSQL: drop the keys of the tables the restore changes (after the rewind of a replay); elsewhere none."""
    if connection.vendor != "postgresql":
        return DroppedForeignKeys(connection, [])
    tables = sorted(restored_tables(plan, manifest))
    kept = sorted(_replayed_tables_now(replay)) if replay else []
    with connection.cursor() as cursor:
        cursor.execute(_KEYS, [tables, tables, kept, kept])
        keys = [ForeignKey(*row[:6], tuple(row[6]), tuple(row[7])) for row in cursor.fetchall()]
        quote = connection.ops.quote_name
        for table, of_table in _by_table(keys).items():
            cursor.execute(f"ALTER TABLE {table} " + ", ".join(f"DROP CONSTRAINT {quote(key.name)}" for key in of_table))
    return DroppedForeignKeys(connection, keys)


def restored_tables(plan: RestorePlan, manifest: Manifest) -> set[str]:
    """The tables the restore empties or fills with the dump's rows."""
    chosen = list(plan.tables_to_clear(manifest))
    chosen += [source.target.model for source in plan.sources if source.target is not None]
    for source in plan.sources:
        for label in source.destinations:
            try:
                chosen.append(apps.get_model(label))
            except LookupError:
                pass  # a model the migrators' state has and the code does not: not a table here
    return {model._meta.db_table for model in chosen}


def _replayed_tables_now(replay: Replay) -> set[str]:
    """The replayed apps' tables: as the rewind made them (the dump's state), and as the code has them."""
    tables = replayed_tables(replay.replayed)
    if replay.state is not None:
        tables |= {
            model._meta.db_table for model in replay.state.apps.get_models(include_auto_created=True)
            if model._meta.app_label in replay.replayed
        }
    return tables


def _by_table(keys: Iterable[ForeignKey]) -> dict[str, list[ForeignKey]]:
    grouped: dict[str, list[ForeignKey]] = {}
    for key in keys:
        grouped.setdefault(key.table, []).append(key)
    return grouped


def _row_at_fault(connection: Any, key: ForeignKey) -> str | None:
    """The first row whose ``key`` points nowhere (an anti-join), named as the user knows it, or None."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(_PRIMARY_KEY, [key.table])
        pk_columns = list(cursor.fetchone()[0] or [])
        given = " AND ".join(f"t.{quote(c)} IS NOT NULL" for c in key.columns)
        match = " AND ".join(f"r.{quote(rc)} = t.{quote(c)}" for c, rc in zip(key.columns, key.target_columns))
        shown = ", ".join(f"t.{quote(c)}" for c in [*pk_columns, *key.columns])
        order = ", ".join(f"t.{quote(c)}" for c in pk_columns or key.columns)
        cursor.execute(
            f"SELECT {shown}, COUNT(*) OVER () FROM {key.table} t WHERE {given} AND NOT EXISTS "
            f"(SELECT 1 FROM {key.target} r WHERE {match}) ORDER BY {order} LIMIT 1"
        )
        row = cursor.fetchone()
    if row is None:
        return None
    pk, values, count = row[: len(pk_columns)], row[len(pk_columns):-1], row[-1]
    model, target = _model_of(key.table_name), _model_of(key.target_name)
    label = model._meta.label if model else f"table {key.table_name}"
    target_label = target._meta.label if target else f"table {key.target_name}"
    pk_value = pk[0] if len(pk) == 1 else tuple(pk)
    where = f" pk={pk_value!r}" if pk else ""
    fields = ", ".join(f"{_field_name(model, c)} = {shorten(v)}" for c, v in zip(key.columns, values))
    wanted = ", ".join(f"{_field_name(target, c)} = {shorten(v)}" for c, v in zip(key.target_columns, values))
    others = count - 1
    more = f"; {plural(others, 'more row')} of {label} {'points' if others == 1 else 'point'} nowhere through it" if others else ""
    return (f"{label}{where}: {fields}, but {target_label} has no row with {wanted} "
            f"(foreign key {key.name} of table {key.table_name}{more})")


def _model_of(table: str) -> type[models.Model] | None:
    """The current model whose table is ``table`` (a table of no model: None)."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table == table and not model._meta.proxy:
            return model
    return None


def _field_name(model: type[models.Model] | None, column: str) -> str:
    if model is not None:
        for field in model._meta.concrete_fields:
            if field.column == column:
                return field.name
    return column

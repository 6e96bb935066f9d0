"""Rows out of the migrators that cannot simply be inserted as they come.

Two kinds (see docs/migrators.md, "New rows and inherited fields"):

- **A child row of multi-table inheritance carries its parents' fields**
  (``row["name"]`` on a ``Restaurant(Place)`` row). Its own table takes its own
  fields; each parent's fields go to the parent's table, into the row with the
  same primary key: that row is updated when it exists (the dumped parent row),
  inserted otherwise (a new child row).
- **A new row without a primary key** (``Row("library.Edition", {...})``) gets a
  fresh one once every dumped row is in: one above the largest in its table (the
  root parent's table, for a child row) at that time, in the order the rows came
  out of the migrators. Another row may refer to it by the ``Row`` object itself
  (``{"edition_id": edition}``): that reference becomes the new key.

Both are done by ``MigratorRows.finish()``, after the last dumped row and before
the sequences are reset and the foreign keys checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from ..errors import RestoreError
from ..migrators.row import Row

if TYPE_CHECKING:
    from .route import Target, Targets

__all__ = ["MigratorRows"]

_AUTO = {"AutoField", "BigAutoField", "SmallAutoField"}
_CHUNK = 500


class MigratorRows:
    """Inserts the rows of the migrators, deferring those that need a fresh key or a parent row."""

    def __init__(self, targets: Targets, connection: Any):
        self.targets = targets
        self.connection = connection
        self.deferred: list[tuple[type[models.Model], Row]] = []
        #: (parent model, the part of a child row that goes to its table)
        self.parent_parts: list[tuple[type[models.Model], Row]] = []

    def add(self, row: Row) -> None:
        target = self.targets.for_label(row.model, row)
        model = target.model
        if _pk_value(model, row) is None and _root(model)._meta.pk.get_internal_type() in _AUTO:
            self.deferred.append((model, row))
        elif any(isinstance(value, Row) for value in row.values()):
            self.deferred.append((model, row))
        else:
            self._insert(target, row)

    def finish(self) -> None:
        """Write the parents' parts, then the deferred rows with their new keys."""
        self.targets.flush()
        self._write_parent_parts()
        if not self.deferred:
            return
        deferred, self.deferred = self.deferred, []
        self._allocate(deferred)
        for model, row in deferred:
            for key, value in list(row.items()):
                if isinstance(value, Row):
                    pk = _pk_value(self.targets.for_label(value.model, value).model, value)
                    if pk is None:
                        raise RestoreError(
                            f"{row.describe_source()}: {key} refers to a new {value.model} row that never came out "
                            f"of the migrators, so it has no primary key. Return that row too. Nothing was restored."
                        )
                    row[key] = pk
            self._insert(self.targets.for_label(row.model, row), row)
        self.targets.flush()
        self._write_parent_parts()

    # -- inheritance -------------------------------------------------------

    def _insert(self, target: Target, row: Row) -> None:
        model = target.model
        parents = model._meta.get_parent_list()
        if parents:
            pk = _pk_value(model, row)
            for parent in parents:
                part = Row(parent._meta.label)
                part.origin, part.via = row.origin, row.via
                for f in parent._meta.local_concrete_fields:
                    for key in {f.name, f.attname}:
                        if key in row and f.attname != model._meta.pk.attname:
                            part[f.attname] = row.pop(key)
                part[parent._meta.pk.attname] = pk
                self.parent_parts.append((parent, part))
            if model._meta.pk.name != model._meta.pk.attname:
                row.pop(model._meta.pk.name, None)
            row[model._meta.pk.attname] = pk
        target.add_row(row)

    def _write_parent_parts(self) -> None:
        """Update the parent rows that exist; insert the others (checked like any row of the migrators)."""
        if not self.parent_parts:
            return
        parts, self.parent_parts = self.parent_parts, []
        by_model: dict[type[models.Model], list[Row]] = {}
        for parent, part in parts:
            by_model.setdefault(parent, []).append(part)
        for parent, rows in by_model.items():
            target = self.targets.parent_target(parent)
            existing = self._existing(parent, [part[parent._meta.pk.attname] for part in rows])
            for part in rows:
                if part[parent._meta.pk.attname] in existing:
                    self._update(target, part)
                else:
                    target.add_row(part)
            target.flush()

    def _existing(self, model: type[models.Model], pks: list[Any]) -> set[Any]:
        connection = self.connection
        quote = connection.ops.quote_name
        pk = model._meta.pk
        found: set[Any] = set()
        with connection.cursor() as cursor:
            for start in range(0, len(pks), _CHUNK):
                chunk = pks[start:start + _CHUNK]
                cursor.execute(
                    f"SELECT {quote(pk.column)} FROM {quote(model._meta.db_table)} "
                    f"WHERE {quote(pk.column)} IN ({', '.join(['%s'] * len(chunk))})",
                    [pk.get_db_prep_value(value, connection) for value in chunk],
                )
                found.update(row[0] for row in cursor.fetchall())
        return found

    def _update(self, target: Target, part: Row) -> None:
        model = target.model
        pk = model._meta.pk
        connection = self.connection
        quote = connection.ops.quote_name
        columns, params = [], []
        for f, prepare in zip(target.fields, target.writer.preparers):
            if f.attname in part and not f.primary_key:
                columns.append(f"{quote(f.column)} = %s")
                params.append(prepare(target.coercer.value(f, part[f.attname], part)))
        if not columns:
            return
        params.append(pk.get_db_prep_value(part[pk.attname], connection))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {quote(model._meta.db_table)} SET {', '.join(columns)} WHERE {quote(pk.column)} = %s", params
            )

    # -- fresh keys --------------------------------------------------------

    def _allocate(self, deferred: list[tuple[type[models.Model], Row]]) -> None:
        """Give each deferred row without a key the next one of its root table."""
        taken: dict[type[models.Model], int] = {}
        for model, row in deferred:
            root = _root(model)
            pk = _pk_value(model, row)
            if isinstance(pk, int):
                taken[root] = max(taken.get(root, 0), pk)
        next_pk: dict[type[models.Model], int] = {}
        for model, row in deferred:
            if _pk_value(model, row) is not None:
                continue
            root = _root(model)
            if root not in next_pk:
                next_pk[root] = max(self._max_pk(root), taken.get(root, 0)) + 1
            row[model._meta.pk.attname] = next_pk[root]
            next_pk[root] += 1

    def _max_pk(self, model: type[models.Model]) -> int:
        connection = self.connection
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({quote(model._meta.pk.column)}) FROM {quote(model._meta.db_table)}")
            value = cursor.fetchone()[0]
        return int(value or 0)


def _root(model: type[models.Model]) -> type[models.Model]:
    """The concrete model at the top of a multi-table inheritance chain (the model itself otherwise)."""
    parents = model._meta.get_parent_list()
    return next((p for p in parents if not p._meta.parents), model)


def _pk_value(model: type[models.Model], row: Row) -> Any:
    """The primary key a row gives: its own, or that of one of its parents (they are the same)."""
    for candidate in [model, *model._meta.get_parent_list()]:
        pk = candidate._meta.pk
        for key in (pk.attname, pk.name):
            if row.get(key) is not None:
                return row[key]
    return None

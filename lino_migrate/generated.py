"""Generated columns (Django 5.0+ ``GeneratedField``): dumped to be read, never inserted, checked after.

The database computes a generated column from the other columns of its row;
PostgreSQL, SQLite and MariaDB all refuse a value for it in an INSERT. A dump
still writes its values, so that the data files show what the application
saw, and records each generated field's definition in the manifest
(``DUMP['models'][label]['generated']``: name -> the field as a migration
writes it). The restore leaves these columns out of its INSERTs, and then
compares what the database computed with the dumped values:

- where the field's definition is the one recorded and the database is of the
  same vendor, the values must be equal: a difference means the data file was
  edited or the database computes the expression otherwise, and the restore is
  refused (and rolled back);
- where the definition changed since the dump (a new expression), or the
  database is of another vendor (whose functions, collations and number
  formats may differ), the database's value is the right one: nothing to
  compare.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable, Sequence

from django.db import models

from .datafile import read_rows
from .errors import RestoreError
from .tableread import key_fields

if TYPE_CHECKING:
    from .plan import SourcePlan

__all__ = ["is_generated", "generated_definitions", "check_generated_columns"]

#: Values of the key looked up in one query (SQLite allows 999 parameters in old versions).
LOOKUP_PARAMETERS = 900


def is_generated(f: models.Field) -> bool:
    """Whether the database computes the field's column (``GeneratedField``; Django 5.0+)."""
    return bool(getattr(f, "generated", False))


def definition(f: models.Field) -> str:
    """The field as a migration writes it: two fields with the same definition compute the same value."""
    from django.db.migrations.serializer import serializer_factory

    text, _imports = serializer_factory(f).serialize()
    return text


def generated_definitions(fields: Sequence[models.Field]) -> dict[str, str]:
    """Name -> definition of the generated fields among ``fields`` (the manifest's ``generated``)."""
    return {f.name: definition(f) for f in fields if is_generated(f)}


def check_generated_columns(restore: Any, source: SourcePlan, decoders: Sequence[Callable[[Any], Any]]) -> None:
    """Compare the generated columns the database computed for ``source``'s rows with the dumped values.

    Reads the model's data files a second time (memory stays bounded) and the
    restored rows by primary key, ``LOOKUP_PARAMETERS`` values at a time.
    ``decoders`` turn the dumped key values into the values inserted.
    """
    checked = _checked_columns(restore, source)
    if not checked:
        return
    model = source.target.model
    dumped_index = {dumped.name: index for index, dumped in enumerate(source.info.fields)}
    key = key_fields(model)
    if any(f.name not in dumped_index for f in key):
        return  # the key itself was not dumped under these names: nothing to match the rows with
    key_indexes = [dumped_index[f.name] for f in key]
    chunk = max(1, LOOKUP_PARAMETERS // len(key))
    pending: list[tuple[Any, str, int, list]] = []
    for name in source.info.files:
        for line_no, values in read_rows(restore.directory / name, len(source.info.fields)):
            pk = tuple(None if values[i] is None else decoders[i](values[i]) for i in key_indexes)
            pending.append((pk if len(key) > 1 else pk[0], name, line_no, values))
            if len(pending) >= chunk:
                _compare(restore, source, key, checked, pending)
                pending = []
    _compare(restore, source, key, checked, pending)


def _checked_columns(restore: Any, source: SourcePlan) -> list[tuple[int, models.Field]]:
    """(dumped column index, current field) of the generated columns that must come out as dumped."""
    if source.routed or source.target is None or source.info.natural_key or not source.info.generated:
        return []
    if restore.manifest.stamps.get("vendor") != restore.connection.vendor:
        return []
    model = source.target.model
    current = {f.name: f for f in model._meta.local_concrete_fields}
    checked = []
    for index, dumped in enumerate(source.info.fields):
        f = current.get(dumped.name)
        recorded = source.info.generated.get(dumped.name)
        if f is not None and is_generated(f) and recorded is not None and recorded == definition(f):
            checked.append((index, f))
    return checked


def _compare(restore: Any, source: SourcePlan, key: list[models.Field], checked, pending: list) -> None:
    if not pending:
        return
    model = source.target.model
    attnames = [f.attname for f in key] + [f.attname for _, f in checked]
    manager = model._base_manager.using(restore.using)
    computed = {}
    for row in manager.filter(pk__in=[pk for pk, *_ in pending]).values_list(*attnames):
        computed[row[: len(key)] if len(key) > 1 else row[0]] = row[len(key):]
    for pk, name, line_no, values in pending:
        if pk not in computed:
            continue  # not among the rows restored (a key the database normalizes otherwise): nothing to compare
        for (index, f), value in zip(checked, computed[pk]):
            codec = source.codecs[index]
            ours = None if value is None else codec.encode(value)
            if _json(ours) != _json(values[index]):
                raise RestoreError(
                    f"{source.label} pk={pk!r} ({name}, line {line_no}): the database computes the generated field "
                    f"{f.name} as {ours!r}, the dump holds {values[index]!r}, with the same definition of the field "
                    f"and the same database as when the dump was made. Was the data file edited? The restore was "
                    f"rolled back; the rows of the database are unchanged. To accept the value the database "
                    f"computes, remove {f.name!r} from DUMP['models'][{source.label!r}]['generated'] in restore.py."
                )


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, allow_nan=True)

"""After the insert: the generated columns the database computed must be the values dumped.

See ``generated.py`` for why: where the field's definition and the database's
vendor are those of the dump, a difference means the data file was edited.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Sequence

from django.db import models

from ..datafile import read_rows
from ..errors import RestoreError
from ..generated import definition, is_generated
from ..plan import SourcePlan
from ..tableread import key_fields

__all__ = ["check_generated_columns", "LOOKUP_PARAMETERS"]

#: Values of the key looked up in one query (SQLite allows 999 parameters in old versions).
LOOKUP_PARAMETERS = 900


def check_generated_columns(
    directory: Path, dumped_vendor: str | None, connection: Any, source: SourcePlan, decoders: Sequence[Callable[[Any], Any]]
) -> None:
    """Compare the generated columns the database computed for ``source``'s rows with the dumped values.

    Reads the model's data files a second time (memory stays bounded) and the
    restored rows by primary key, ``LOOKUP_PARAMETERS`` values at a time.
    ``decoders`` turn the dumped key values into the values inserted.
    """
    checked = _checked_columns(dumped_vendor, connection, source)
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
        for line_no, values in read_rows(directory / name, len(source.info.fields)):
            pk = tuple(None if values[i] is None else decoders[i](values[i]) for i in key_indexes)
            pending.append((pk if len(key) > 1 else pk[0], name, line_no, values))
            if len(pending) >= chunk:
                _compare(connection, source, key, checked, pending)
                pending = []
    _compare(connection, source, key, checked, pending)


def _checked_columns(dumped_vendor: str | None, connection: Any, source: SourcePlan) -> list[tuple[int, models.Field]]:
    """(dumped column index, current field) of the generated columns that must come out as dumped."""
    if source.routed or source.target is None or source.info.natural_key or not source.info.generated:
        return []
    if dumped_vendor != connection.vendor:
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


def _compare(connection: Any, source: SourcePlan, key: list[models.Field], checked, pending: list) -> None:
    if not pending:
        return
    model = source.target.model
    attnames = [f.attname for f in key] + [f.attname for _, f in checked]
    manager = model._base_manager.using(connection.alias)
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

"""Write one model's table into the data files of a dump.

The one-process dump writes a table whole (``Table.write``: read once, split
into parts of ``max_row_count`` rows); a worker of ``dump2py --jobs`` writes
one part (``Table.write_part``, reading from the part's first primary key).
Both write each file the same way, so the bytes do not depend on who wrote it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterator

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

from . import exactjson
from .codec import Codec, RawCodec, codec_for_field
from .datafile import DataFileWriter
from .errors import DumpError
from .generated import generated_definitions
from .manifest import FieldInfo, FileInfo, ModelInfo
from .naturalkeys import NATURAL_KEY_MODELS, DanglingReference, NaturalKeys, sort_key
from .references import dangling_error, generic_pairs
from .tableread import column_converter, read_table
from .text import plural
from .vendors import db_types

__all__ = ["Column", "Table", "changed_while_read", "file_names", "rows_in_part", "table_columns"]


@dataclass(frozen=True)
class Column:
    """A dumped column: its field, the codec that writes it, the converter of its raw values."""

    field: models.Field
    codec: Codec
    convert: Callable[[Any], Any] | None

    def describe(self) -> FieldInfo:
        f = self.field
        return FieldInfo(f.name, f.attname, f.column, f.get_internal_type(), self.codec.name)


def table_columns(model: type[models.Model], connection: BaseDatabaseWrapper) -> list[Column]:
    """The columns a dump writes for ``model``: its local concrete fields (no id for natural-key models)."""
    fields = list(model._meta.local_concrete_fields)
    if model._meta.label in NATURAL_KEY_MODELS:
        fields = [f for f in fields if not f.primary_key]
    columns = []
    for f in fields:
        codec = codec_for_field(f, connection)
        columns.append(Column(f, codec, column_converter(f, connection, raw=isinstance(codec, RawCodec))))
    return columns


def file_names(model: type[models.Model], count: int, max_row_count: int) -> list[str]:
    """The data files of a table of ``count`` rows: one, or one per ``max_row_count`` rows."""
    parts = max(1, math.ceil(count / max_row_count))
    base = f"{model._meta.app_label}_{model._meta.model_name}".lower()
    return [f"{base}.py"] if parts == 1 else [f"{base}_{i}.py" for i in range(1, parts + 1)]


def rows_in_part(count: int, part: int, max_row_count: int) -> int:
    """How many of a table's ``count`` rows its file number ``part`` holds."""
    return min(max_row_count, count - (part - 1) * max_row_count)


def changed_while_read(label: str, count: int) -> DumpError:
    return DumpError(f"{label}: the table changed while it was read ({plural(count, 'row')} counted); dump again.")


@dataclass(frozen=True)
class Table:
    """One model's table of ``count`` rows (counted in the snapshot) as the dump writes it."""

    model: type[models.Model]
    connection: BaseDatabaseWrapper
    count: int
    max_row_count: int

    @property
    def label(self) -> str:
        return self.model._meta.label

    @cached_property
    def columns(self) -> list[Column]:
        return table_columns(self.model, self.connection)

    @cached_property
    def names(self) -> list[str]:
        return file_names(self.model, self.count, self.max_row_count)

    def describe(self) -> ModelInfo:
        """The model's entry in the manifest (``DUMP["models"]``)."""
        model, fields = self.model, [c.field for c in self.columns]
        owner = model._meta.auto_created  # --exclude of the declaring model leaves it out too
        return ModelInfo(
            label=self.label,
            table=model._meta.db_table,
            fields=[c.describe() for c in self.columns],
            rows=self.count,
            files=list(self.names),
            natural_key=self.label in NATURAL_KEY_MODELS,
            owner=owner._meta.label if owner else None,
            generic=[(ct.name, fk.name) for ct, fk in generic_pairs(model)],  # their object ids may be natural keys
            generated=generated_definitions(fields),
            db_types=db_types(fields, self.connection),
        )

    def write(self, directory: Path, natural_keys: NaturalKeys, done: Callable[[int], None] = lambda rows: None) -> list[FileInfo]:
        """Write every part, reading the table once; ``done(rows)`` after each file."""
        rows = read_table(self.connection, self.model, [c.field for c in self.columns])
        if self.label in NATURAL_KEY_MODELS:
            rows = iter(sorted(rows, key=sort_key(self.label, [c.field.name for c in self.columns], natural_keys)))
        encode_row = _row_encoder(self.columns, natural_keys, self.model)
        infos = []
        for part in range(1, len(self.names) + 1):
            infos.append(self._write_file(directory, part, encode_row, rows))
            done(infos[-1].rows)
        if next(rows, None) is not None or sum(info.rows for info in infos) != self.count:
            raise changed_while_read(self.label, self.count)
        return infos

    def write_part(self, directory: Path, natural_keys: NaturalKeys, part: int, first_pk: Any) -> FileInfo:
        """Write part ``part`` alone, reading from its first primary key (a worker's task)."""
        expected = rows_in_part(self.count, part, self.max_row_count)
        is_last = part == len(self.names)
        rows = read_table(
            self.connection, self.model, [c.field for c in self.columns], start=first_pk, limit=None if is_last else expected,
        )
        info = self._write_file(directory, part, _row_encoder(self.columns, natural_keys, self.model), rows)
        if info.rows != expected or (is_last and next(rows, None) is not None):
            raise changed_while_read(self.label, self.count)
        return info

    def _write_file(self, directory: Path, part: int, encode_row: Callable[[tuple], list], rows: Iterator[tuple]) -> FileInfo:
        """Write up to ``max_row_count`` rows into the part's file."""
        name = self.names[part - 1]
        first = (part - 1) * self.max_row_count + 1
        last = min(self.count, part * self.max_row_count)
        rows_text = f"rows {first} to {last}" if last >= first else "no rows"
        if (directory / name).exists():
            raise DumpError(f"Two models would be written to the same file {name}; dump them separately (--exclude).")
        writer = DataFileWriter(directory / name, [
            f"lino-migrate data file: {self.label}, part {part} of {len(self.names)}, {rows_text}",
            f"table: {self.model._meta.db_table}",
            "columns: " + ", ".join(f"{c.field.attname} ({c.codec.name})" for c in self.columns),
            "One row per line: a JSON array that is also a Python literal.",
        ])
        try:
            for raw in rows:
                writer.write(encode_row(raw))
                if writer.rows == self.max_row_count:
                    break
            return FileInfo(name=name, model=self.label, rows=writer.rows, sha256=writer.close())
        except BaseException:
            writer.abort()
            raise


def _row_encoder(columns: list[Column], natural_keys: NaturalKeys, model: type[models.Model]) -> Callable[[tuple], list]:
    """A function turning a raw row into the list of JSON values written for it.

    A reference to a ContentType or Permission that does not exist fails the
    dump naming the model, the row and the field.
    """
    encode = _value_encoder(columns, natural_keys, model)
    if not any(c.codec.name in ("contenttype", "permission") for c in columns) and not generic_pairs(model):
        return encode  # no reference that can dangle: no wrapper on the hot path
    names = [c.field.name for c in columns]
    label = model._meta.label
    pk_index = next((i for i, c in enumerate(columns) if c.field.primary_key), None)
    codename_index = names.index("codename") if label == "auth.Permission" else None

    def encode_checked(raw: tuple) -> list:
        try:
            return encode(raw)
        except DanglingReference as exc:
            if pk_index is not None:
                row_name = f"pk={raw[pk_index]!r}"
            elif codename_index is not None:
                row_name = f"codename={raw[codename_index]!r}"
            else:
                row_name = f"row {raw!r:.80}"
            raise dangling_error(label, row_name, getattr(exc, "field_name", "?"), exc) from None

    return encode_checked


def _value_encoder(columns: list[Column], natural_keys: NaturalKeys, model: type[models.Model]) -> Callable[[tuple], list]:
    steps: list[Callable | None] = []
    for column in columns:
        codec_name = column.codec.name
        if codec_name in ("contenttype", "permission"):
            steps.append(natural_keys.encoder(codec_name))
        elif column.convert is None and codec_name in _AS_IS:
            steps.append(None)  # the driver's value is already what JSON takes
        else:
            steps.append(_then(column.convert, column.codec.encode))
    fields = [c.field for c in columns]
    generic = [(fields.index(ct), fields.index(fk), fk.name) for ct, fk in generic_pairs(model) if ct in fields and fk in fields]
    if all(step is None for step in steps) and not generic:
        return list
    for _, fk_index, _ in generic:  # an object id made a natural key is written as it is
        step = steps[fk_index]
        steps[fk_index] = None if step is None else (lambda v, step=step: v if isinstance(v, list) else step(v))
    pairs = [(index, step, columns[index].field.name) for index, step in enumerate(steps) if step is not None]
    has_json = any(column.codec.name in ("json", "json-or-null") for column in columns)
    literal_count = exactjson.literal_count

    def encode(raw: tuple) -> list:
        if has_json:
            before = literal_count()
        row = list(raw)
        for ct_index, fk_index, name in generic:  # before the content type becomes a natural key
            if row[ct_index] is not None and row[fk_index] is not None:
                row[fk_index] = natural_keys.generic_object(row[ct_index], row[fk_index], name, row[fk_index])
        for index, step, name in pairs:
            value = row[index]
            if value is not None:
                try:
                    row[index] = step(value)
                except DanglingReference as exc:
                    exc.field_name = name
                    raise
        if has_json and literal_count() != before:
            return exactjson.ExactRow(row)  # a number a float would change: written by its literal
        return row

    return encode


#: Codecs whose values come from the drivers as int, str or bool already.
_AS_IS = {"int", "text"}


def _then(first: Callable | None, second: Callable) -> Callable:
    if first is None:
        return second
    return lambda value: second(first(value))

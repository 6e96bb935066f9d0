"""Turn the raw rows read from a table into the values its data file holds.

A table without references by natural key, generic foreign keys or JSON (most
tables) is encoded a page at a time, column by column: a column whose driver
values are written as they are costs nothing, and the others are converted
with one call per value, never one per row. The other tables go row by row
(``row_encoder``), as each row may fail naming itself or need the exact JSON
writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from django.db import models

from . import exactjson
from .codec import Codec
from .manifest import FieldInfo
from .naturalkeys import DanglingReference, NaturalKeys
from .references import dangling_error, generic_pairs
from .tableread import Converter, ValuesConverter

__all__ = ["Column", "PageEncoder", "page_encoder", "row_encoder"]

PageEncoder = Callable[[Sequence[tuple]], Sequence[Sequence]]

#: Codecs whose values come from the drivers as int, str or bool already.
_AS_IS = {"int", "text"}
_BY_NATURAL_KEY = ("contenttype", "permission")
_JSON = ("json", "json-or-null")
_NONE_TYPE = type(None)


@dataclass(frozen=True)
class Column:
    """A dumped column: its field, the codec that writes it, the converter of its raw values (one, or a column's)."""

    field: models.Field
    codec: Codec
    convert: Converter | None
    convert_values: ValuesConverter | None = None

    def describe(self) -> FieldInfo:
        f = self.field
        return FieldInfo(f.name, f.attname, f.column, f.get_internal_type(), self.codec.name)


def page_encoder(columns: list[Column], natural_keys: NaturalKeys, model: type[models.Model]) -> PageEncoder:
    """A function turning a page of raw rows into the rows written for them."""
    if any(c.codec.name in _BY_NATURAL_KEY + _JSON for c in columns) or generic_pairs(model):
        encode_row = row_encoder(columns, natural_keys, model)
        return lambda page: list(map(encode_row, page))
    steps = [(index, _column_step(column)) for index, column in enumerate(columns) if _needs_step(column)]
    if not steps:
        return _as_read

    def encode(page: Sequence[tuple]) -> Sequence[Sequence]:
        values = list(zip(*page))
        for index, step in steps:
            values[index] = step(values[index])
        return list(zip(*values))

    return encode


def _as_read(page: Sequence[tuple]) -> Sequence[tuple]:
    return page  # the driver's values are already what JSON takes


def _needs_step(column: Column) -> bool:
    return column.convert is not None or column.codec.name not in _AS_IS


def _column_step(column: Column) -> Callable[[Sequence], list]:
    """The values of one column of a page, converted and encoded; None stays None (it is never converted)."""
    convert, convert_values = column.convert, column.convert_values
    encode, encode_values = column.codec.encode, column.codec.encode_values
    if convert is not None and convert_values is None:
        convert_values = lambda values: map(convert, values)  # noqa: E731

    def step(values: Sequence) -> list:
        if _NONE_TYPE in set(map(type, values)):  # not `None in values`: a Decimal's == asks an ABC, in Python
            if convert is None:
                return [None if value is None else encode(value) for value in values]
            return [None if value is None else encode(convert(value)) for value in values]
        return list(encode_values(values if convert_values is None else list(convert_values(values))))

    return step


def row_encoder(columns: list[Column], natural_keys: NaturalKeys, model: type[models.Model]) -> Callable[[tuple], list]:
    """A function turning a raw row into the list of JSON values written for it.

    A reference to a ContentType or Permission that does not exist fails the
    dump naming the model, the row and the field.
    """
    encode = _value_encoder(columns, natural_keys, model)
    if not any(c.codec.name in _BY_NATURAL_KEY for c in columns) and not generic_pairs(model):
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
        if codec_name in _BY_NATURAL_KEY:
            steps.append(natural_keys.encoder(codec_name))
        elif not _needs_step(column):
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
    has_json = any(column.codec.name in _JSON for column in columns)
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


def _then(first: Callable | None, second: Callable) -> Callable:
    if first is None:
        return second
    return lambda value: second(first(value))

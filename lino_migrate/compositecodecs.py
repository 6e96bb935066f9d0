"""The codecs of values built on another codec: PostgreSQL arrays, hstore and ranges, custom fields."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, Iterable, Sequence

from django.db import models

from .valuecodecs import Codec, expect_type

__all__ = ["ArrayCodec", "FieldStringCodec", "HStoreCodec", "RangeCodec", "RawCodec"]


class ArrayCodec(Codec):
    """PostgreSQL arrays: a list of the base field's values (an array of arrays for 2D)."""

    def __init__(self, inner: Codec):
        self.inner = inner
        self.name = f"array:{inner.name}"

    def encode(self, value: Any) -> Any:
        return [None if item is None else self.inner.encode(item) for item in value]

    def decode(self, data: Any) -> Any:
        expect_type(data, list, "a list")
        return [None if item is None else self.inner.decode(item) for item in data]


class HStoreCodec(Codec):
    name = "hstore"

    def encode(self, value: Any) -> Any:
        return dict(sorted(value.items()))

    def decode(self, data: Any) -> Any:
        expect_type(data, dict, "an object of strings")
        if not all(isinstance(v, str) or v is None for v in data.values()):
            raise ValueError("hstore values must be strings or null")
        return data


class RangeCodec(Codec):
    """PostgreSQL ranges: ``"empty"`` or ``[lower, upper, bounds]``."""

    def __init__(self, inner: Codec):
        self.inner = inner
        self.name = f"range:{inner.name}"

    def encode(self, value: Any) -> Any:
        if value.isempty:
            return "empty"
        lower = None if value.lower is None else self.inner.encode(value.lower)
        upper = None if value.upper is None else self.inner.encode(value.upper)
        return [lower, upper, value.bounds]

    def decode(self, data: Any) -> Any:
        from psycopg.types.range import Range  # only on PostgreSQL sites

        if data == "empty":
            return Range(empty=True)
        expect_type(data, list, "'empty' or [lower, upper, bounds]")
        if len(data) != 3 or data[2] not in ("[)", "(]", "()", "[]"):
            raise ValueError("expected [lower, upper, bounds]")
        lower = None if data[0] is None else self.inner.decode(data[0])
        upper = None if data[1] is None else self.inner.decode(data[1])
        return Range(lower, upper, data[2])


class RawCodec(Codec):
    """Custom fields: the value the database holds, before ``from_db_value()``.

    Written with the codec of the column's type (``raw:text``, ``raw:int``,
    ``raw:float``, ``raw:bytes``) and stored back as it is, without the field's
    ``get_db_prep_save()``: a field whose Python value is a list, a choice or
    anything else whose ``str()`` is not what the column holds (as with
    django-multiselectfield) comes back byte for byte.
    """

    def __init__(self, inner: Codec):
        self.inner = inner
        self.name = f"raw:{inner.name}"

    def encode(self, value: Any) -> Any:
        return self.inner.encode(value)

    def encode_values(self, values: Sequence[Any]) -> Iterable[Any]:
        return self.inner.encode_values(values)

    def decode(self, data: Any) -> Any:
        return self.inner.decode(data)


class FieldStringCodec(Codec):
    """Custom fields in dumps of lino-migrate before ``raw:``: the field's value_to_string / to_python.

    Still read; no longer written (``str()`` of a custom Python value is not
    always what the database held).
    """

    name = "field-string"

    def __init__(self, field: models.Field | None = None):
        self.field = field

    def encode(self, value: Any) -> Any:
        return self.field.value_to_string(SimpleNamespace(**{self.field.attname: value}))

    def decode(self, data: Any) -> Any:
        expect_type(data, str, "a string")
        if self.field is None:
            return data
        return self.field.to_python(data)

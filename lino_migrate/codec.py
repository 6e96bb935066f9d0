"""How each kind of value is written into a dump and read back, exactly.

A row of a data file is a JSON array (which is also a Python literal). JSON
knows strings, numbers, booleans, null, lists and objects; every other value
is written as one of those by a *codec*, chosen from the field's type when the
dump is written and recorded beside the field in the dump's manifest. Reading
a dump uses the recorded codec, so the reader never has to guess a type.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import decimal
import uuid
from types import SimpleNamespace
from typing import Any, Callable

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper

from .naturalkeys import reference_kind

__all__ = [
    "ArrayCodec",
    "Codec",
    "JSONDocument",
    "RawCodec",
    "codec_by_name",
    "codec_for_field",
    "is_custom_field",
    "raw_codec",
]

Encoder = Callable[[Any], Any]
Decoder = Callable[[Any], Any]


class Codec:
    """Turns values of one kind into JSON data and back.

    ``decode`` raises ``ValueError`` or ``TypeError`` with a short reason when
    the data is not what this codec writes.
    """

    name = ""

    def encode(self, value: Any) -> Any:
        raise NotImplementedError

    def decode(self, data: Any) -> Any:
        raise NotImplementedError


def _expect(data: Any, kind: type | tuple[type, ...], what: str) -> None:
    if not isinstance(data, kind) or isinstance(data, bool) and kind is not bool:
        raise TypeError(f"expected {what}, got {type(data).__name__} {data!r:.60}")


class IntCodec(Codec):
    name = "int"

    def encode(self, value: Any) -> Any:
        return int(value)

    def decode(self, data: Any) -> Any:
        _expect(data, int, "an integer")
        return data


class FloatCodec(Codec):
    """Floats keep every bit: repr() is exact; -0.0, inf and nan included."""

    name = "float"

    def encode(self, value: Any) -> Any:
        return float(value)

    def decode(self, data: Any) -> Any:
        _expect(data, (int, float), "a number")
        return float(data)


class DecimalCodec(Codec):
    """Decimals are written as strings, so that no digit is lost."""

    name = "decimal"

    def encode(self, value: Any) -> Any:
        return str(value if isinstance(value, decimal.Decimal) else decimal.Decimal(value))

    def decode(self, data: Any) -> Any:
        _expect(data, str, "a decimal number in a string")
        try:
            return decimal.Decimal(data)
        except decimal.InvalidOperation:
            raise ValueError(f"not a decimal number: {data!r:.60}") from None


class BoolCodec(Codec):
    name = "bool"

    def encode(self, value: Any) -> Any:
        return bool(value)

    def decode(self, data: Any) -> Any:
        _expect(data, bool, "true or false")
        return data


class TextCodec(Codec):
    name = "text"

    def encode(self, value: Any) -> Any:
        return str(value)

    def decode(self, data: Any) -> Any:
        _expect(data, str, "a string")
        return data


class DateCodec(Codec):
    name = "date"

    def encode(self, value: Any) -> Any:
        return value.isoformat()

    def decode(self, data: Any) -> Any:
        _expect(data, str, "a date 'YYYY-MM-DD'")
        return datetime.date.fromisoformat(data)


class DateTimeCodec(Codec):
    """Aware values are written as UTC instants with every microsecond.

    Naive values (a site with USE_TZ = False) are written as they are; the
    manifest records the TIME_ZONE they are meant in.
    """

    name = "datetime"

    def encode(self, value: Any) -> Any:
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc)
        return value.isoformat(timespec="microseconds")

    def decode(self, data: Any) -> Any:
        _expect(data, str, "a datetime 'YYYY-MM-DDTHH:MM:SS.ffffff[+00:00]'")
        return datetime.datetime.fromisoformat(data)


class TimeCodec(Codec):
    name = "time"

    def encode(self, value: Any) -> Any:
        return value.isoformat(timespec="microseconds")

    def decode(self, data: Any) -> Any:
        _expect(data, str, "a time 'HH:MM:SS.ffffff'")
        return datetime.time.fromisoformat(data)


class DurationCodec(Codec):
    """Durations are written as a whole number of microseconds."""

    name = "duration"

    def encode(self, value: Any) -> Any:
        return (value.days * 86400 + value.seconds) * 1_000_000 + value.microseconds

    def decode(self, data: Any) -> Any:
        _expect(data, int, "a number of microseconds")
        return datetime.timedelta(microseconds=data)


class UUIDCodec(Codec):
    name = "uuid"

    def encode(self, value: Any) -> Any:
        return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))

    def decode(self, data: Any) -> Any:
        _expect(data, str, "a UUID string")
        return uuid.UUID(data)


class BytesCodec(Codec):
    """Binary values are written in base64."""

    name = "bytes"

    def encode(self, value: Any) -> Any:
        return base64.b64encode(bytes(value)).decode("ascii")

    def decode(self, data: Any) -> Any:
        _expect(data, str, "base64 text")
        try:
            return base64.b64decode(data, validate=True)
        except binascii.Error:
            raise ValueError(f"not valid base64: {data!r:.60}") from None


class JSONCodec(Codec):
    """A JSON document is written as it is, nested in the row."""

    name = "json"

    def encode(self, value: Any) -> Any:
        return value

    def decode(self, data: Any) -> Any:
        return data


class NullableJSONCodec(Codec):
    """For a nullable JSONField: ``null`` is SQL NULL, ``[doc]`` a document.

    The wrapping keeps a JSON ``null`` document apart from SQL NULL.
    """

    name = "json-or-null"

    def encode(self, value: Any) -> Any:
        return [value]  # a document, even JSON null (SQL NULL is never encoded)

    def decode(self, data: Any) -> Any:
        if data is None:
            return None
        _expect(data, list, "null or a one-element list [document]")
        if len(data) != 1:
            raise ValueError("expected null or a one-element list [document]")
        return JSONDocument(data[0])


class JSONDocument:
    """A JSON document to be stored as is, even when it is JSON ``null``."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def __eq__(self, other):
        return isinstance(other, JSONDocument) and other.value == self.value

    def __repr__(self):
        return f"JSONDocument({self.value!r})"


class ContentTypeCodec(Codec):
    """A reference to a ContentType, written by natural key [app_label, model]."""

    name = "contenttype"

    def encode(self, value: Any) -> Any:
        return list(value)

    def decode(self, data: Any) -> Any:
        _expect(data, list, "[app_label, model]")
        if len(data) != 2 or not all(isinstance(part, str) for part in data):
            raise ValueError("expected [app_label, model]")
        return tuple(data)


class PermissionCodec(Codec):
    """A reference to a Permission, written by natural key [codename, app_label, model]."""

    name = "permission"

    def encode(self, value: Any) -> Any:
        return list(value)

    def decode(self, data: Any) -> Any:
        _expect(data, list, "[codename, app_label, model]")
        if len(data) != 3 or not all(isinstance(part, str) for part in data):
            raise ValueError("expected [codename, app_label, model]")
        return tuple(data)


class ArrayCodec(Codec):
    """PostgreSQL arrays: a list of the base field's values (an array of arrays for 2D)."""

    def __init__(self, inner: Codec):
        self.inner = inner
        self.name = f"array:{inner.name}"

    def encode(self, value: Any) -> Any:
        return [None if item is None else self.inner.encode(item) for item in value]

    def decode(self, data: Any) -> Any:
        _expect(data, list, "a list")
        return [None if item is None else self.inner.decode(item) for item in data]


class HStoreCodec(Codec):
    name = "hstore"

    def encode(self, value: Any) -> Any:
        return dict(sorted(value.items()))

    def decode(self, data: Any) -> Any:
        _expect(data, dict, "an object of strings")
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
        _expect(data, list, "'empty' or [lower, upper, bounds]")
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
        _expect(data, str, "a string")
        if self.field is None:
            return data
        return self.field.to_python(data)


_SIMPLE: dict[str, Codec] = {codec.name: codec for codec in (
    IntCodec(), FloatCodec(), DecimalCodec(), BoolCodec(), TextCodec(), DateCodec(),
    DateTimeCodec(), TimeCodec(), DurationCodec(), UUIDCodec(), BytesCodec(), JSONCodec(),
    NullableJSONCodec(), ContentTypeCodec(), PermissionCodec(), HStoreCodec(),
)}

_BY_INTERNAL_TYPE = {
    "AutoField": "int", "BigAutoField": "int", "SmallAutoField": "int",
    "IntegerField": "int", "BigIntegerField": "int", "SmallIntegerField": "int",
    "PositiveIntegerField": "int", "PositiveSmallIntegerField": "int",
    "PositiveBigIntegerField": "int",
    "FloatField": "float", "DecimalField": "decimal",
    "BooleanField": "bool", "NullBooleanField": "bool",
    "CharField": "text", "TextField": "text", "SlugField": "text", "EmailField": "text",
    "URLField": "text", "FilePathField": "text", "FileField": "text", "ImageField": "text",
    "GenericIPAddressField": "text", "IPAddressField": "text",
    "DateField": "date", "DateTimeField": "datetime", "TimeField": "time",
    "DurationField": "duration", "UUIDField": "uuid", "BinaryField": "bytes",
    "HStoreField": "hstore",
}

_RANGE_BASES = {
    "IntegerRangeField": "int", "BigIntegerRangeField": "int",
    "DecimalRangeField": "decimal", "DateTimeRangeField": "datetime", "DateRangeField": "date",
}


#: The first word of a column's database type -> the codec of its raw values (for custom fields).
_RAW_BASES = {
    **dict.fromkeys(("text", "varchar", "char", "character", "nchar", "nvarchar", "nvarchar2", "varchar2",
                     "tinytext", "mediumtext", "longtext", "citext", "clob", "nclob", "string"), "text"),
    **dict.fromkeys(("integer", "int", "bigint", "smallint", "tinyint", "mediumint", "int2", "int4", "int8",
                     "serial", "bigserial", "smallserial"), "int"),
    **dict.fromkeys(("real", "double", "float", "float4", "float8"), "float"),
    **dict.fromkeys(("bytea", "blob", "tinyblob", "mediumblob", "longblob", "binary", "varbinary"), "bytes"),
}


def is_custom_field(field: models.Field) -> bool:
    """A field class that Django does not define (its values may be anything its author chose)."""
    return not type(field).__module__.startswith("django.")


def raw_codec(field: models.Field, connection: BaseDatabaseWrapper | None = None) -> RawCodec | None:
    """The ``raw:`` codec of a custom field, or None where its column's type has none."""
    if not is_custom_field(field):
        return None
    try:
        db_type = field.db_type(connection or connections[DEFAULT_DB_ALIAS])
    except Exception:  # a field that cannot say (needs another backend): keep the other codecs
        return None
    if not db_type:
        return None
    first = db_type.strip().lower().split("(")[0].split()
    base = _RAW_BASES.get(first[0]) if first else None
    return RawCodec(_SIMPLE[base]) if base else None


def codec_for_field(field: models.Field, connection: BaseDatabaseWrapper | None = None) -> Codec:
    """The codec that writes this field's values (natural keys for ContentType/Permission).

    ``connection`` (by default the default database) tells the column type of
    a custom field.
    """
    return _codec(field, connection, raw=True)


def _codec(field: models.Field, connection: BaseDatabaseWrapper | None, raw: bool) -> Codec:
    if field.is_relation and (field.many_to_one or field.one_to_one):
        kind = reference_kind(field.related_model._meta.label)
        if kind is not None:
            return _SIMPLE[kind]
        return _codec(field.target_field, connection, raw)
    internal = field.get_internal_type()
    if internal == "JSONField":
        return _SIMPLE["json-or-null" if field.null else "json"]
    if internal == "ArrayField":
        # An array's items are read through its base field's from_db_value(): never raw.
        return ArrayCodec(_codec(field.base_field, connection, raw=False))
    if internal in _RANGE_BASES:
        return RangeCodec(_SIMPLE[_RANGE_BASES[internal]])
    found = raw_codec(field, connection) if raw else None
    if found is not None:
        return found
    name = _BY_INTERNAL_TYPE.get(internal)
    if name is None:
        return FieldStringCodec(field)
    return _SIMPLE[name]


def codec_by_name(name: str, field: models.Field | None = None) -> Codec:
    """The codec recorded under ``name`` in a manifest (for reading a dump)."""
    if name in _SIMPLE:
        return _SIMPLE[name]
    if name.startswith("array:"):
        return ArrayCodec(codec_by_name(name[len("array:"):]))
    if name.startswith("range:"):
        return RangeCodec(codec_by_name(name[len("range:"):]))
    if name.startswith("raw:") and name[len("raw:"):] in ("text", "int", "float", "bytes"):
        return RawCodec(_SIMPLE[name[len("raw:"):]])
    if name == "field-string":
        return FieldStringCodec(field)
    raise ValueError(f"unknown value type {name!r} (written by a newer lino-migrate?)")


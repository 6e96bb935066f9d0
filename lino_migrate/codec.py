"""How each kind of value is written into a dump and read back, exactly.

A row of a data file is a JSON array (which is also a Python literal). JSON
knows strings, numbers, booleans, null, lists and objects; every other value
is written as one of those by a *codec*, chosen from the field's type when the
dump is written and recorded beside the field in the dump's manifest. Reading
a dump uses the recorded codec, so the reader never has to guess a type.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper

from .compositecodecs import ArrayCodec, FieldStringCodec, HStoreCodec, RangeCodec, RawCodec
from .naturalkeys import reference_kind
from .valuecodecs import (
    BoolCodec, BytesCodec, Codec, ContentTypeCodec, DateCodec, DateTimeCodec, DecimalCodec, DurationCodec,
    FloatCodec, IntCodec, JSONCodec, JSONDocument, NullableJSONCodec, PermissionCodec, TextCodec, TimeCodec,
    UUIDCodec,
)

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


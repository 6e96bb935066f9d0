"""The codecs of single values: numbers, text, dates and times, bytes, JSON, natural keys.

Each codec turns the Python values of one kind into JSON data and back,
exactly (see ``codec`` for how a field's codec is chosen).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import decimal
import uuid
from operator import attrgetter, methodcaller
from typing import Any, Iterable, Sequence

__all__ = [
    "BoolCodec", "BytesCodec", "Codec", "ContentTypeCodec", "DateCodec", "DateTimeCodec", "DecimalCodec",
    "DurationCodec", "FloatCodec", "IntCodec", "JSONCodec", "JSONDocument", "NullableJSONCodec",
    "PermissionCodec", "TextCodec", "TimeCodec", "UUIDCodec", "expect_type",
]


class Codec:
    """Turns values of one kind into JSON data and back.

    ``decode`` raises ``ValueError`` or ``TypeError`` with a short reason when
    the data is not what this codec writes.
    """

    name = ""

    def encode(self, value: Any) -> Any:
        raise NotImplementedError

    def encode_values(self, values: Sequence[Any]) -> Iterable[Any]:
        """``encode`` of each of a column's values (none of them None); a codec may do it without a Python call per value."""
        return map(self.encode, values)

    def decode(self, data: Any) -> Any:
        raise NotImplementedError


def expect_type(data: Any, kind: type | tuple[type, ...], what: str) -> None:
    if not isinstance(data, kind) or isinstance(data, bool) and kind is not bool:
        raise TypeError(f"expected {what}, got {type(data).__name__} {data!r:.60}")


class IntCodec(Codec):
    name = "int"

    def encode(self, value: Any) -> Any:
        return int(value)

    def encode_values(self, values: Sequence[Any]) -> Iterable[Any]:
        return map(int, values)

    def decode(self, data: Any) -> Any:
        expect_type(data, int, "an integer")
        return data


class FloatCodec(Codec):
    """Floats keep every bit: repr() is exact; -0.0, inf and nan included."""

    name = "float"

    def encode(self, value: Any) -> Any:
        return float(value)

    def decode(self, data: Any) -> Any:
        expect_type(data, (int, float), "a number")
        return float(data)


class DecimalCodec(Codec):
    """Decimals are written as strings, so that no digit is lost."""

    name = "decimal"

    def encode(self, value: Any) -> Any:
        return str(value if isinstance(value, decimal.Decimal) else decimal.Decimal(value))

    def encode_values(self, values: Sequence[Any]) -> Iterable[Any]:
        if set(map(type, values)) == {decimal.Decimal}:
            return map(str, values)
        return map(self.encode, values)

    def decode(self, data: Any) -> Any:
        expect_type(data, str, "a decimal number in a string")
        try:
            return decimal.Decimal(data)
        except decimal.InvalidOperation:
            raise ValueError(f"not a decimal number: {data!r:.60}") from None


class BoolCodec(Codec):
    name = "bool"

    def encode(self, value: Any) -> Any:
        return bool(value)

    def encode_values(self, values: Sequence[Any]) -> Iterable[Any]:
        return map(bool, values)

    def decode(self, data: Any) -> Any:
        expect_type(data, bool, "true or false")
        return data


class TextCodec(Codec):
    name = "text"

    def encode(self, value: Any) -> Any:
        return str(value)

    def encode_values(self, values: Sequence[Any]) -> Iterable[Any]:
        return map(str, values)

    def decode(self, data: Any) -> Any:
        expect_type(data, str, "a string")
        return data


_isoformat = methodcaller("isoformat")
_isoformat_microseconds = methodcaller("isoformat", timespec="microseconds")
_to_utc = methodcaller("astimezone", datetime.timezone.utc)
_tzinfo = attrgetter("tzinfo")


class DateCodec(Codec):
    name = "date"

    def encode(self, value: Any) -> Any:
        return value.isoformat()

    def encode_values(self, values: Sequence[Any]) -> Iterable[Any]:
        return map(_isoformat, values)

    def decode(self, data: Any) -> Any:
        expect_type(data, str, "a date 'YYYY-MM-DD'")
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

    def encode_values(self, values: Sequence[Any]) -> Iterable[Any]:
        if None not in map(_tzinfo, values):  # all aware
            return map(_isoformat_microseconds, map(_to_utc, values))
        return map(self.encode, values)

    def decode(self, data: Any) -> Any:
        expect_type(data, str, "a datetime 'YYYY-MM-DDTHH:MM:SS.ffffff[+00:00]'")
        return datetime.datetime.fromisoformat(data)


class TimeCodec(Codec):
    name = "time"

    def encode(self, value: Any) -> Any:
        return value.isoformat(timespec="microseconds")

    def encode_values(self, values: Sequence[Any]) -> Iterable[Any]:
        return map(_isoformat_microseconds, values)

    def decode(self, data: Any) -> Any:
        expect_type(data, str, "a time 'HH:MM:SS.ffffff'")
        return datetime.time.fromisoformat(data)


class DurationCodec(Codec):
    """Durations are written as a whole number of microseconds."""

    name = "duration"

    def encode(self, value: Any) -> Any:
        return (value.days * 86400 + value.seconds) * 1_000_000 + value.microseconds

    def decode(self, data: Any) -> Any:
        expect_type(data, int, "a number of microseconds")
        return datetime.timedelta(microseconds=data)


class UUIDCodec(Codec):
    name = "uuid"

    def encode(self, value: Any) -> Any:
        return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))

    def decode(self, data: Any) -> Any:
        expect_type(data, str, "a UUID string")
        return uuid.UUID(data)


class BytesCodec(Codec):
    """Binary values are written in base64."""

    name = "bytes"

    def encode(self, value: Any) -> Any:
        return base64.b64encode(bytes(value)).decode("ascii")

    def decode(self, data: Any) -> Any:
        expect_type(data, str, "base64 text")
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
        expect_type(data, list, "null or a one-element list [document]")
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
        expect_type(data, list, "[app_label, model]")
        if len(data) != 2 or not all(isinstance(part, str) for part in data):
            raise ValueError("expected [app_label, model]")
        return tuple(data)


class PermissionCodec(Codec):
    """A reference to a Permission, written by natural key [codename, app_label, model]."""

    name = "permission"

    def encode(self, value: Any) -> Any:
        return list(value)

    def decode(self, data: Any) -> Any:
        expect_type(data, list, "[codename, app_label, model]")
        if len(data) != 3 or not all(isinstance(part, str) for part in data):
            raise ValueError("expected [codename, app_label, model]")
        return tuple(data)

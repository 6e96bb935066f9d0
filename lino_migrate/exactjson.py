"""JSON whose numbers keep the text the database held.

``json.loads`` reads every number with a fraction or an exponent through
``float``: ``1.10`` comes back as ``1.1``, ``0.1000000000000000055`` as
``0.1``, ``12345678901234567890.123456789`` loses its last digits and
``1e400`` becomes infinity (which is not JSON at all). PostgreSQL's ``jsonb``
keeps numeric precision, and SQLite and MariaDB keep the text, so a dump must
too.

Such a number is read as a :class:`LiteralFloat`: a ``float`` (migrators
compute with it as with any float) that remembers its literal text, which
:func:`dumps` writes back unchanged. A number whose literal is exactly what
``repr()`` of its float gives (everything Python's ``json`` module writes)
stays a plain ``float``: documents without such numbers keep the fast C
encoder, at dump and at restore.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any, Callable

__all__ = [
    "ExactRow", "LiteralFloat", "contains_literal", "dumps", "dumps_document", "json_preparer", "literal_count",
    "loads",
]


class LiteralFloat(float):
    """A float read from JSON text, with the text it was read from."""

    __slots__ = ("literal",)

    def __new__(cls, literal: str) -> LiteralFloat:
        self = super().__new__(cls, literal)
        self.literal = literal
        return self

    def __reduce__(self):
        return (LiteralFloat, (self.literal,))


class ExactRow(list):
    """A dumped row holding at least one :class:`LiteralFloat`: written by :func:`dumps`."""


class _Count:
    literals = 0


def literal_count() -> int:
    """How many :class:`LiteralFloat` this process has read; unchanged means none was made."""
    return _Count.literals


def _parse_float(text: str) -> float:
    value = float(text)
    if float.__repr__(value) == text:
        return value
    _Count.literals += 1
    return LiteralFloat(text)


def loads(text: str | bytes) -> Any:
    """``json.loads``, except that numbers keep their literal text where a float would change it.

    Only numbers with a fraction or an exponent call back into Python: a
    document without them is read at the C parser's speed.
    """
    return json.loads(text, parse_float=_parse_float)


def _float_text(value: float) -> str:
    if type(value) is LiteralFloat:
        return value.literal
    if value != value:
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def dumps(value: Any, *, ensure_ascii: bool) -> str:
    """JSON text of ``value`` as ``json.dumps`` writes it, but each LiteralFloat as its literal.

    Raises ``TypeError`` for a value that is not plain JSON data (a Decimal, a
    datetime...), like ``json.dumps`` without an encoder.
    """
    string = encode_basestring_ascii if ensure_ascii else encode_basestring
    parts: list[str] = []
    append = parts.append

    def key_text(key: Any) -> str:
        if isinstance(key, str):
            return string(key)
        if key is True:
            return '"true"'
        if key is False:
            return '"false"'
        if key is None:
            return '"null"'
        if isinstance(key, float):
            return string(_float_text(key))
        if isinstance(key, int):
            return string(int.__repr__(key))
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")

    def write(item: Any) -> None:
        if isinstance(item, str):
            append(string(item))
        elif item is None:
            append("null")
        elif item is True:
            append("true")
        elif item is False:
            append("false")
        elif isinstance(item, int):
            append(int.__repr__(item))
        elif isinstance(item, float):
            append(_float_text(item))
        elif isinstance(item, (list, tuple)):
            append("[")
            for index, element in enumerate(item):
                if index:
                    append(", ")
                write(element)
            append("]")
        elif isinstance(item, dict):
            append("{")
            for index, (key, element) in enumerate(item.items()):
                if index:
                    append(", ")
                append(key_text(key))
                append(": ")
                write(element)
            append("}")
        else:
            raise TypeError(f"Object of type {type(item).__name__} is not JSON serializable")

    write(value)
    return "".join(parts)


def contains_literal(value: Any) -> bool:
    """True when ``value`` holds a LiteralFloat somewhere (never, while :func:`literal_count` is 0)."""
    if not _Count.literals:
        return False
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) is LiteralFloat:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return False


_plain_dumps = json.JSONEncoder().encode  # what Django's json.dumps(value) writes


def dumps_document(value: Any) -> str:
    """The text a JSON document is stored as: Django's ``json.dumps()``, numbers as they were read."""
    if contains_literal(value):
        return dumps(value, ensure_ascii=True)
    return _plain_dumps(value)


def json_preparer(connection: Any, encoder: type[json.JSONEncoder] | None) -> Callable[[Any], Any]:
    """A function turning a JSON document into the parameter that stores it exactly.

    A document read from a dump is plain JSON data and is sent as its exact
    text, never through the field's encoder (which could change it: it
    serves Python values, the dump holds what the database held). A value a
    migrator made that plain JSON cannot write (a Decimal, a date) goes
    through the field's encoder, as Django would store it.
    """
    adapt = connection.ops.adapt_json_value
    if connection.vendor == "postgresql":
        from django.db.backends.postgresql.psycopg_any import Jsonb

        def exact(value: Any) -> Any:
            text = dumps_document(value)  # raises TypeError here, not inside the driver
            return Jsonb(value, dumps=lambda _value: text)
    else:
        exact = dumps_document

    def prepare(value: Any) -> Any:
        try:
            return exact(value)
        except (TypeError, ValueError):
            return adapt(value, encoder)

    return prepare

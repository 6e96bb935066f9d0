"""Does a value fit its column on the target database?

A default restore checks every value against the column it goes into, on the
database it goes into, before inserting it: what the database would refuse
(NOT NULL, an integer out of its range, a NUL character in PostgreSQL text,
JSON it does not accept) and what it would silently change (a decimal
rounded to the column's places, a decimal beyond the 15 significant digits
that SQLite keeps, text longer than ``varchar(n)``, which SQLite stores
anyway). The model's form rules (``blank``, ``choices``, validators) are not
the column's: they are checked only with ``--validate``.

``FieldFit`` holds the checks of one column; ``rowfit.py`` applies them to
the rows of a restore, and collects what does not fit in a ``Problems``
(``problems.py``), so that one error lists the rows at fault instead of
stopping at the first one.
"""

from __future__ import annotations

import decimal
import json
import math
import re
from typing import Any, Callable

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

from . import exactjson
from .codec import JSONDocument

__all__ = ["FieldFit", "column_problem"]

#: Significant digits that a decimal keeps on SQLite: the column has NUMERIC
#: affinity, so SQLite stores most decimals as REAL, and Django reads them
#: back with ``decimal.Context(prec=15)``.
SQLITE_DECIMAL_DIGITS = 15

_BOUNDED_TEXT = re.compile(r"^\s*(?:national\s+)?(?:var)?char(?:acter(?:\s+varying)?)?\s*\(\s*(\d+)\s*\)", re.I)
_NUL_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")

Check = Callable[[Any], "str | None"]


def _internal_type(f: models.Field) -> str:
    """The internal type of the column: a relation's is its target field's."""
    while f.is_relation and getattr(f, "target_field", None) is not None:
        f = f.target_field
    return f.get_internal_type()


#: What every SQLite integer column holds: Django before 5.0 gives SQLite no range, (None, None).
_SQLITE_INTEGER_RANGE = (-(2**63), 2**63 - 1)


def _integer_range(f: models.Field, connection: BaseDatabaseWrapper) -> tuple[int | None, int | None] | None:
    try:
        low, high = connection.ops.integer_field_range(_internal_type(f))
    except KeyError:
        return None
    if connection.vendor == "sqlite":
        low = _SQLITE_INTEGER_RANGE[0] if low is None else max(low, _SQLITE_INTEGER_RANGE[0])
        high = _SQLITE_INTEGER_RANGE[1] if high is None else min(high, _SQLITE_INTEGER_RANGE[1])
    return low, high


def _max_length(f: models.Field, connection: BaseDatabaseWrapper) -> int | None:
    """``n`` of a ``varchar(n)``/``char(n)`` column, else None."""
    try:
        db_type = f.db_type(connection)
    except Exception:  # a custom field that cannot say: nothing to check
        return None
    match = _BOUNDED_TEXT.match(db_type or "")
    return int(match.group(1)) if match else None


def _text_check(f: models.Field, connection: BaseDatabaseWrapper) -> Check:
    """For every text value that goes to the database (after preparation)."""
    max_length = _max_length(f, connection)
    postgresql = connection.vendor == "postgresql"

    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return None
        if max_length is not None and len(value) > max_length:
            return f"at most {max_length} characters (the column is varchar({max_length})), not {len(value):,}"
        if postgresql and "\x00" in value:
            return "text without NUL characters (PostgreSQL text cannot hold \\x00)"
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return "valid Unicode text (it holds a lone surrogate, which no UTF-8 column can store)"
        return None

    return check


def _integer_check(f: models.Field, connection: BaseDatabaseWrapper) -> Check | None:
    bounds = _integer_range(f, connection)
    if bounds is None:
        return None
    low, high = bounds
    vendor = connection.vendor

    def check(value: Any) -> str | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            return f"an integer from {low:,} to {high:,} (the range of {_internal_type(f)} on {vendor})"
        return None

    return check


def _decimal_check(f: models.Field, connection: BaseDatabaseWrapper) -> Check | None:
    max_digits, places = f.max_digits, f.decimal_places
    vendor = connection.vendor
    sqlite = vendor == "sqlite"
    column = f"decimal({max_digits},{places})" if max_digits is not None else "decimal"
    whole = None if max_digits is None or places is None else max_digits - places
    quantum = decimal.Decimal(1).scaleb(-places) if places is not None else None

    def check(value: Any) -> str | None:
        if not isinstance(value, decimal.Decimal):
            return None
        if value.is_nan():
            if vendor == "postgresql":
                return None  # numeric holds NaN
            return f"a number: {vendor} has no decimal NaN"
        if value.is_infinite():
            return f"a finite number: a {column} column cannot hold Infinity"
        if value.is_zero():
            return None
        if whole is not None and value.adjusted() >= whole:
            return f"at most {whole} digits before the decimal point (the column is {column})"
        if quantum is not None and value.as_tuple().exponent < -places:
            precision = max(value.adjusted(), 0) + places + 2
            if value.quantize(quantum, context=decimal.Context(prec=precision)) != value:
                return f"at most {places} decimal places (the column is {column}; the database would round it)"
        if sqlite:
            digits = len(value.normalize(decimal.Context(prec=len(value.as_tuple().digits) + 1)).as_tuple().digits)
            if digits > SQLITE_DECIMAL_DIGITS:
                return (
                    f"at most {SQLITE_DECIMAL_DIGITS} significant digits, not {digits}: SQLite keeps decimals "
                    f"as floating point and gives back {SQLITE_DECIMAL_DIGITS} digits"
                )
        return None

    return check


def _float_check(f: models.Field, connection: BaseDatabaseWrapper) -> Check | None:
    vendor = connection.vendor
    if vendor == "postgresql":
        return None

    def check(value: Any) -> str | None:
        if not isinstance(value, float) or math.isfinite(value):
            return None
        if vendor == "sqlite" and not math.isnan(value):
            return None  # SQLite stores ±Inf
        return f"a finite number: {vendor} cannot store {value!r} in a float column"

    return check


def _json_check(f: models.Field, connection: BaseDatabaseWrapper) -> Check:
    encoder = getattr(f, "encoder", None)  # a field that only says it is a JSONField (StreamField) has none
    postgresql = connection.vendor == "postgresql"

    def check(value: Any) -> str | None:
        document = value.value if isinstance(value, JSONDocument) else value
        try:
            text = json.dumps(document, cls=encoder, allow_nan=False, ensure_ascii=False)
        except ValueError:
            if _holds_non_finite_float(document):
                return "JSON without NaN or Infinity (they are not JSON; the database refuses them)"
            # Only numbers kept as their literal text (1e400): stored as that text, which is JSON.
            try:
                text = exactjson.dumps(document, ensure_ascii=False)
            except TypeError as exc:
                return f"a JSON document (TypeError: {exc})"
        except (TypeError, RecursionError) as exc:
            return f"a JSON document ({type(exc).__name__}: {exc})"
        if postgresql:
            if _NUL_ESCAPE.search(text):
                return "JSON without \\u0000 (PostgreSQL jsonb cannot hold it)"
            if not text.isascii():
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    return "JSON without lone surrogates (PostgreSQL jsonb refuses them)"
        return None

    return check


def _holds_non_finite_float(document: Any) -> bool:
    """True when a float that is NaN or infinite (not one read with its literal text, see exactjson) is in ``document``."""
    stack = [document]
    while stack:
        item = stack.pop()
        if type(item) is float and not math.isfinite(item):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return False


def column_problem(f: models.Field, value: Any, connection: BaseDatabaseWrapper, prepared: Any = None) -> str | None:
    """What the column of ``f`` on ``connection`` needs that ``value`` is not, or None when it fits.

    ``value`` is the Python value, ``prepared`` the result of
    ``f.get_db_prep_save(value, connection)`` (the same as ``value`` when not given).
    """
    fit = FieldFit(f, connection)
    return fit.before(value) or fit.after(value if prepared is None else prepared)


class FieldFit:
    """The checks of one field's column, made once per restore."""

    def __init__(self, f: models.Field, connection: BaseDatabaseWrapper):
        self.field = f
        self.null = f.null
        internal = _internal_type(f)
        self.internal = internal
        #: what the text check needs (rowfit.py checks plain text inline)
        self.max_length = _max_length(f, connection)
        self.refuses_nul = connection.vendor == "postgresql"
        #: (low, high) of an integer column, else None
        self.integer_range = _integer_range(f, connection)
        #: A JSONField without null=True stores None as the JSON document null, not as SQL NULL.
        self.none_is_json = internal == "JSONField" and not f.is_relation and not f.null
        before: list[Check] = []
        after: list[Check] = [_text_check(f, connection)]
        if internal == "DecimalField" and not f.is_relation:
            before.append(_decimal_check(f, connection))
        elif internal == "FloatField":
            before.append(_float_check(f, connection))
        elif internal == "JSONField" and not f.is_relation:
            before.append(_json_check(f, connection))
            after = []  # the driver's JSON wrapper, checked before
        integer = _integer_check(f, connection)
        if integer is not None:
            after.append(integer)
        self.before_checks = [c for c in before if c is not None]
        self.after_checks = after
        self.plain = not self.before_checks and not self.none_is_json and bool(after)

    def before(self, value: Any) -> str | None:
        for check in self.before_checks:
            problem = check(value)
            if problem:
                return problem
        return None

    def after(self, prepared: Any) -> str | None:
        for check in self.after_checks:
            problem = check(prepared)
            if problem:
                return problem
        return None

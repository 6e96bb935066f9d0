"""Django's SQLite converters of datetimes, dates and decimals, for a whole column at a time.

SQLite hands these out as naive datetimes (parsed by the converter Django
registers with the sqlite3 module for the column's declared type), text and
floats, and Django's converters make each value with several Python calls
(``is_aware``, ``make_aware``, ``parse_datetime``...): the larger part of a
dump's time for such a column. Where
a column's only converter is Django's own (a backend that replaces it goes
value by value), its values go through the same standard functions here, one
``map`` each. Whatever these do not take as it comes (text ``fromisoformat``
does not read, a value of another type, a pytz time zone) goes through
Django's converter value by value, so the values are always Django's.
"""

from __future__ import annotations

import datetime
import decimal
import zoneinfo
from itertools import repeat
from operator import attrgetter, methodcaller
from typing import Any, Callable, Sequence

from django.conf import settings
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

__all__ = ["sqlite_values_converter"]

_tzinfo = attrgetter("tzinfo")
_DECIMAL_CONVERTER = "DatabaseOperations.get_decimalfield_converter.<locals>.converter"


def sqlite_values_converter(
    col: Any, connection: BaseDatabaseWrapper, converters: list[Callable],
) -> Callable[[Sequence[Any]], list[Any]] | None:
    """A converter of a column's values (none of them None) for Django's own SQLite converter, else None."""
    from django.db.backends.sqlite3.operations import DatabaseOperations

    if len(converters) != 1:
        return None
    (converter,) = converters

    def by_value(values: Sequence[Any]) -> list[Any]:
        return [converter(value, col, connection) for value in values]

    function = getattr(converter, "__func__", None)
    if function is DatabaseOperations.convert_datetimefield_value:
        return _datetimes(connection, by_value)
    if function is DatabaseOperations.convert_datefield_value:
        return _dates(by_value)
    if (
        getattr(converter, "__qualname__", "") == _DECIMAL_CONVERTER
        and converter.__module__ == DatabaseOperations.__module__
        and type(connection.ops).get_decimalfield_converter is DatabaseOperations.get_decimalfield_converter
        and isinstance(col.output_field, models.DecimalField)
    ):
        return _decimals(col.output_field, by_value)
    return None


def _datetimes(connection: BaseDatabaseWrapper, by_value: Callable) -> Callable[[Sequence[Any]], list[Any]]:
    def convert(values: Sequence[Any]) -> list[Any]:
        types = set(map(type, values))
        if types == {datetime.datetime}:  # as the sqlite3 module's converter of the column's type made them
            parsed = values
        elif types == {str}:
            try:
                parsed = list(map(datetime.datetime.fromisoformat, values))  # what parse_datetime tries first
            except ValueError:
                return by_value(values)
        else:
            return by_value(values)
        if not settings.USE_TZ:
            return list(parsed)
        zone = connection.timezone
        zones = set(map(_tzinfo, parsed))
        if None not in zones:
            return list(parsed)  # aware already: make_aware is not called
        if zones == {None} and type(zone) in (datetime.timezone, zoneinfo.ZoneInfo):
            return list(map(methodcaller("replace", tzinfo=zone), parsed))  # make_aware(value, zone)
        return by_value(values)

    return convert


def _dates(by_value: Callable) -> Callable[[Sequence[Any]], list[Any]]:
    def convert(values: Sequence[Any]) -> list[Any]:
        types = set(map(type, values))
        if types <= {datetime.date, datetime.datetime}:  # made by the sqlite3 module's converter: kept as they are
            return list(values)
        if types != {str}:
            return by_value(values)
        try:
            return list(map(datetime.date.fromisoformat, values))  # what parse_date tries first
        except ValueError:
            return by_value(values)

    return convert


def _decimals(field: models.DecimalField, by_value: Callable) -> Callable[[Sequence[Any]], list[Any]]:
    create_decimal = decimal.Context(prec=15).create_decimal_from_float  # as Django's converter: 15 digits
    quantum = decimal.Decimal(1).scaleb(-field.decimal_places)
    context = field.context

    def convert(values: Sequence[Any]) -> list[Any]:
        count = len(values)
        try:
            made = map(create_decimal, values)
            return list(map(decimal.Decimal.quantize, made, repeat(quantum, count), repeat(None, count), repeat(context, count)))
        except (TypeError, ValueError, ArithmeticError):
            return by_value(values)  # raises as Django does

    return convert

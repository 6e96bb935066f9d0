"""Check and prepare the rows of one model for one database: every value against its column.

``fit.py`` says what each column needs. This module applies it to millions of
values, so each column gets one function, made once per restore, that returns
the value prepared for the driver or raises ``Unfit``: for the common columns
(integers, plain text, values that need no preparation) the function checks
inline what ``FieldFit`` would check, and hands anything else (a NULL, text
that is long or not ASCII, a value out of range) to the general path, which
gives the same answers, and the reason when a value does not fit.
"""

from __future__ import annotations

from typing import Any, Callable

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

from .fit import FieldFit
from .problems import Problems, exception_reason

__all__ = ["RowFit", "Unfit", "column_of", "unchanged"]

Column = Callable[[Any], Any]


def unchanged(value: Any) -> Any:
    """The preparation of a value that goes to the driver as it is."""
    return value


class Unfit(Exception):
    """A value that does not fit its column; ``need`` says what the column needs."""

    def __init__(self, need: str):
        super().__init__(need)
        self.need = need


class RowFit:
    """Checks and prepares the rows of one model for one database.

    ``check(values, origin)`` returns the prepared values of a row, or None
    when some value does not fit (every problem of the row goes to ``problems``).
    """

    def __init__(
        self,
        label: str,
        fields: list[models.Field],
        preparers: list[Callable[[Any], Any]],
        connection: BaseDatabaseWrapper,
        problems: Problems,
        pk_attname: str,
    ):
        self.label = label
        self.fields = fields
        self.columns = [column_of(FieldFit(f, connection), prepare) for f, prepare in zip(fields, preparers)]
        self.problems = problems
        attnames = [f.attname for f in fields]
        self.pk_index = attnames.index(pk_attname) if pk_attname in attnames else None

    def pk(self, values: list) -> Any:
        return None if self.pk_index is None else values[self.pk_index]

    def check(self, values: list, origin: str) -> list | None:
        try:
            return [column(value) for column, value in zip(self.columns, values)]
        except Unfit:
            pass
        fits = True  # again, value by value: every problem of the row is reported
        prepared = []
        for f, column, value in zip(self.fields, self.columns, values):
            try:
                prepared.append(column(value))
            except Unfit as unfit:
                self.problems.add(self.label, self.pk(values), origin, f.name, value, "needs " + unfit.need)
                fits = False
        return prepared if fits else None


def column_of(fit: FieldFit, prepare: Callable[[Any], Any]) -> Column:
    """The function that checks and prepares the values of one column (see the module's docstring)."""
    checked = _checked(fit, prepare)
    if not fit.plain:
        return checked
    # After preparation: the text check and, where the backend gives the column a range (SQLite gives
    # every column one), the range check of integers.
    low, high = fit.integer_range or (None, None)
    low, high = float("-inf") if low is None else low, float("inf") if high is None else high
    if prepare is unchanged and fit.internal.endswith(("IntegerField", "AutoField")):
        return _integers(checked, low, high)
    if prepare is unchanged:
        return _plain(checked, fit.max_length, fit.refuses_nul, low, high)
    return _prepared_plain(checked, prepare, fit.max_length, fit.refuses_nul, low, high)


def _checked(fit: FieldFit, prepare: Callable[[Any], Any]) -> Column:
    """Every check of ``fit``, one after the other: the general path, and the one that says why."""
    null, none_is_json = fit.null, fit.none_is_json
    before, after = fit.before_checks, fit.after_checks
    internal = fit.field.get_internal_type()

    def column(value: Any) -> Any:
        if value is None and not none_is_json:
            if not null:
                raise Unfit("a value: the column is NOT NULL")
            return None
        for check in before:
            problem = check(value)
            if problem:
                raise Unfit(problem)
        try:
            result = prepare(value)
        except Exception as exc:
            raise Unfit(f"a value that converts to {internal} ({exception_reason(exc)})") from None
        for check in after:
            problem = check(result)
            if problem:
                raise Unfit(problem)
        return result

    return column


def _integers(checked: Column, low: float, high: float) -> Column:
    def column(value: Any) -> Any:
        if type(value) is int and low <= value <= high:
            return value
        return checked(value)

    return column


def _plain(checked: Column, max_length: int | None, refuses_nul: bool, low: float, high: float) -> Column:
    """A column whose value goes as it is: short ASCII text, and anything but text and integers out of range."""
    limit = max_length if max_length is not None else float("inf")

    def column(value: Any) -> Any:
        if isinstance(value, str):
            if len(value) <= limit and value.isascii() and not (refuses_nul and "\x00" in value):
                return value
            return checked(value)
        if value is None or (isinstance(value, int) and not low <= value <= high):
            return checked(value)  # NOT NULL, or the range (True and False are in every range)
        return value

    return column


def _prepared_plain(
    checked: Column, prepare: Callable[[Any], Any], max_length: int | None, refuses_nul: bool, low: float, high: float
) -> Column:
    """A column whose value is prepared first (a datetime, a UUID), then checked as above."""
    limit = max_length if max_length is not None else float("inf")

    def column(value: Any) -> Any:
        if value is None:
            return checked(value)
        try:
            result = prepare(value)
        except Exception:
            return checked(value)  # which raises the reason
        if isinstance(result, str):
            if not (len(result) <= limit and result.isascii() and not (refuses_nul and "\x00" in result)):
                return checked(value)
        elif isinstance(result, int) and not low <= result <= high:
            return checked(value)
        return result

    return column

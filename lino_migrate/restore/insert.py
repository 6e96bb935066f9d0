"""Insert the rows of one current model in bulk: check, prepare, COPY or executemany.

``BulkInserter`` takes Python values (one per field of its target plan), checks
that they fit their columns (``fit.py``; with ``validate`` also
``clean_fields()``), prepares them for the driver and writes them in batches:
PostgreSQL's ``COPY`` where the driver has it, ``executemany`` elsewhere. A
batch the database refuses is inserted again row by row, to name the row at
fault. It knows nothing of dumps or migrators.
"""

from __future__ import annotations

import decimal
from typing import Any, Callable

from django.db import DatabaseError, models, transaction

from ..codec import JSONDocument, RawCodec, codec_for_field
from ..errors import RestoreError
from ..exactjson import json_preparer
from ..rowfit import RowFit, unchanged
from ..problems import Problems, exception_reason, shorten
from ..plan import TargetPlan
from ..validation import RowValidator

__all__ = ["BulkInserter", "BATCH_SIZE", "raw_attnames", "holds_non_finite_decimals"]

BATCH_SIZE = 5000

#: What inserting a bad value raises: the database's errors, and those of drivers that check
#: values themselves (sqlite3: OverflowError for an integer beyond 64 bits; UnicodeEncodeError).
_DRIVER_ERRORS = (DatabaseError, OverflowError, ValueError, TypeError)

#: Built-in field types whose Python values (as decoded) go to the driver unchanged.
_PLAIN_TYPES = {
    "AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField", "SmallIntegerField",
    "PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField",
    "CharField", "TextField", "SlugField", "EmailField", "URLField", "BooleanField",
}


class BulkInserter:
    """Checks, prepares and inserts the rows of one model, ``BATCH_SIZE`` at a time.

    ``quick`` checks nothing beyond what the database refuses; ``validate``
    adds ``clean_fields()``. Values that do not fit are collected in
    ``problems`` (shared by the whole restore); once there is one, nothing more
    is inserted. ``table``: the quoted table to write into, when not the model's
    own (``restore --jobs`` writes into staging tables, ``staging.py``).
    """

    def __init__(
        self, connection: Any, plan: TargetPlan, problems: Problems, *, quick: bool = False, validate: bool = False,
        table: str | None = None,
    ):
        self.connection = connection
        self.table = table or connection.ops.quote_name(plan.model._meta.db_table)
        self.plan = plan
        self.model = plan.model
        self.label = plan.label
        self.fields = plan.fields
        self.attnames = [f.attname for f in self.fields]
        self.raw = raw_attnames(self.fields, connection)
        #: For each field: its value as Python -> its value for the driver.
        self.preparers = [self._preparer(f) for f in self.fields]
        self.problems = problems
        pk = self.model._meta.pk.attname
        self.fit = None if quick else RowFit(self.label, self.fields, self.preparers, connection, problems, pk)
        self.validator = RowValidator(self.label, self.model, self.fields, problems) if validate and not quick else None
        self.sql = self._insert_sql()
        self.null_sensitive = self._placeholder_depends_on_null()
        self.copy_sql = self._copy_statement()
        self.batch: list[tuple[str, list]] = []
        self.prepared: list[list] = []  # the batch's values, as checked and prepared by self.fit
        self.count = 0

    def add(self, values: list, origin: str) -> None:
        """A row as Python values, one per field of the plan, in order; ``origin`` names it in errors."""
        if self.fit is not None:
            if self.validator is not None:
                self.validator.check(values, origin)
            prepared = self.fit.check(values, origin)
            if self.problems:  # no more rows go in: the restore fails once every row is checked
                return
            self.prepared.append(prepared)
        self.batch.append((origin, values))
        if len(self.batch) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        """Insert the rows added since the last flush."""
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        prepared, self.prepared = self.prepared, []
        if self.problems:
            return
        self.count += len(batch)
        params = prepared if self.fit is not None else self._prepare(batch)
        try:
            with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
                if self.copy_sql:
                    self._copy(cursor, params)
                else:
                    for sql, rows in self._statements(params):
                        cursor.executemany(sql, rows)
        except _DRIVER_ERRORS as exc:
            self._find_bad_row(batch, params)
            if isinstance(exc, DatabaseError):
                raise
            raise RestoreError(
                f"{self.label}: a batch of rows cannot be inserted: {exception_reason(exc)}. "
                f"The restore was rolled back; the rows of the database are unchanged."
            ) from None

    # -- values for the driver --------------------------------------------

    def _prepare(self, batch: list[tuple[str, list]]) -> list[list]:
        """The values of a batch for the driver (--quick: unchecked, but a field's failure is named)."""
        try:
            return [[prepare(v) for prepare, v in zip(self.preparers, values)] for _, values in batch]
        except Exception:
            pass
        for origin, values in batch:
            for f, prepare, value in zip(self.fields, self.preparers, values):
                try:
                    prepare(value)
                except Exception as exc:
                    pk = dict(zip(self.attnames, values)).get(self.model._meta.pk.attname)
                    raise RestoreError(
                        f"{self.label} pk={pk!r} ({origin}): {f.name} = {shorten(value)} cannot be converted for "
                        f"its column: {exception_reason(exc)}. The restore was rolled back; the rows of the database "
                        f"are unchanged. Change the value with a migrator or in the dump's data file."
                    ) from exc
        raise AssertionError("a batch failed to prepare, but none of its values")

    def _preparer(self, f: models.Field) -> Callable[[Any], Any]:
        connection = self.connection
        if f.get_internal_type() == "JSONField" and not f.is_relation:
            # getattr: a field that only says it is a JSONField (Wagtail's StreamField) has no encoder.
            adapt = json_preparer(connection, getattr(f, "encoder", None))
            if f.null:
                return lambda v: None if v is None else adapt(v.value if isinstance(v, JSONDocument) else v)
            return lambda v: adapt(v.value if isinstance(v, JSONDocument) else v)
        if _needs_no_preparation(f) or f.attname in self.raw:
            return unchanged  # a raw: value is what the database held already
        prepare = f.get_db_prep_save
        if f.get_internal_type() == "DecimalField" and holds_non_finite_decimals(connection):
            # Django's DecimalField refuses NaN and Infinity; PostgreSQL's numeric holds them.
            return lambda v: v if isinstance(v, decimal.Decimal) and not v.is_finite() else prepare(v, connection)
        return lambda v: prepare(v, connection)

    # -- the statements ---------------------------------------------------

    def _insert_sql(self, null: frozenset[int] = frozenset()) -> str:
        """The INSERT statement; ``null`` holds the positions whose value is None."""
        quote = self.connection.ops.quote_name
        placeholders = []
        for position, f in enumerate(self.fields):
            if hasattr(f, "get_placeholder"):
                placeholders.append(f.get_placeholder(None if position in null else _NOT_NULL, None, self.connection))
            else:
                placeholders.append("%s")
        return "INSERT INTO {} ({}) VALUES ({})".format(
            self.table,
            ", ".join(quote(f.column) for f in self.fields),
            ", ".join(placeholders),
        )

    def _placeholder_depends_on_null(self) -> list[int]:
        """Positions whose placeholder differs for NULL (MySQL's ``_binary %s``)."""
        return [
            position for position, f in enumerate(self.fields)
            if hasattr(f, "get_placeholder")
            and f.get_placeholder(None, None, self.connection) != f.get_placeholder(_NOT_NULL, None, self.connection)
        ]

    def _statements(self, params: list[list]) -> list[tuple[str, list[list]]]:
        """The INSERT statements for a batch: one, or one per pattern of NULLs where placeholders need it."""
        if not self.null_sensitive:
            return [(self.sql, params)]
        groups: dict[frozenset[int], list[list]] = {}
        for row in params:
            null = frozenset(position for position in self.null_sensitive if row[position] is None)
            groups.setdefault(null, []).append(row)
        return [(self._insert_sql(null), rows) for null, rows in groups.items()]

    def _copy_statement(self) -> str | None:
        """The COPY statement where the driver can COPY (psycopg 3 on PostgreSQL), else None."""
        if self.connection.vendor != "postgresql":
            return None
        with self.connection.cursor() as cursor:
            if not hasattr(cursor.cursor, "copy"):
                return None  # psycopg2
        quote = self.connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in self.fields)
        return f"COPY {self.table} ({columns}) FROM STDIN"

    def _copy(self, cursor: Any, params: list[list]) -> None:
        """PostgreSQL's bulk path: COPY ... FROM STDIN, several times faster than INSERTs."""
        with self.connection.wrap_database_errors, cursor.cursor.copy(self.copy_sql) as copy:
            for row in params:
                copy.write_row(row)

    def _find_bad_row(self, batch: list[tuple[str, list]], params: list[list]) -> None:
        """Insert a failed batch row by row to name the row at fault, then raise."""
        for (origin, _), row_params in zip(batch, params):
            try:
                with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
                    [(sql, _rows)] = self._statements([row_params])
                    cursor.execute(sql, row_params)
            except _DRIVER_ERRORS as exc:
                raise RestoreError(
                    f"{self.label} ({origin}) cannot be inserted: {exc}. "
                    f"The restore was rolled back; the rows of the database are unchanged."
                ) from None


def raw_attnames(fields: list[models.Field], connection: Any) -> set[str]:
    """Custom fields whose values are stored as the database holds them (``raw:`` codecs)."""
    return {f.attname for f in fields if isinstance(codec_for_field(f, connection), RawCodec)}


def holds_non_finite_decimals(connection: Any) -> bool:
    """True where a decimal column holds NaN (and Infinity): PostgreSQL's numeric."""
    return connection.vendor == "postgresql"


def _needs_no_preparation(f: models.Field) -> bool:
    """True for built-in fields whose get_db_prep_save() returns a value of the right type unchanged."""
    if f.is_relation:
        target = getattr(f, "target_field", None)
        return type(f).__module__.startswith("django.db.models.") and target is not None and _needs_no_preparation(target)
    return type(f).__module__.startswith("django.db.models.fields") and f.get_internal_type() in _PLAIN_TYPES


class _NotNull:
    """A stand-in value for asking a field for its SQL placeholder."""


_NOT_NULL = _NotNull()

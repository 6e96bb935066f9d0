"""Read a table's rows in primary-key order, in bounded memory.

Rows are fetched in pages with keyset pagination (``WHERE pk > last ORDER BY
pk LIMIT n``): never OFFSET, never a whole table in memory, and the same query
plan on every backend. Raw values go through the same converters Django's ORM
applies (so a dump sees what the application sees), except for JSON, which is
read as the database's text to keep a JSON ``null`` apart from SQL NULL and
every digit of its numbers, and custom fields, which are read raw.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor, wait
from itertools import repeat
from typing import Any, Callable, Iterable, Iterator, Sequence

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

from . import exactjson
from .pgcolumns import use_c_timestamptz_loader
from .sqlitecolumns import sqlite_values_converter

__all__ = [
    "Converter", "PAGE_SIZE", "ValuesConverter", "column_converter", "count_rows", "key_fields", "part_starts",
    "read_pages", "read_table", "values_converter",
]

PAGE_SIZE = 2000

Converter = Callable[[Any], Any]
ValuesConverter = Callable[[Sequence[Any]], Iterable[Any]]


def column_converter(field: models.Field, connection: BaseDatabaseWrapper, raw: bool = False) -> Converter | None:
    """A function turning a raw database value of ``field`` into its Python value.

    With ``raw``, only the backend's converters apply, not the field's own
    (``from_db_value``): the value stays what the database holds.
    """
    col = field.get_col(field.model._meta.db_table)
    if field.get_internal_type() == "JSONField" and not field.is_relation:
        # The database's text, parsed so that numbers keep their literal text.
        # Never the field's decoder (it makes Python values, say Decimals, that
        # are not the document) and never its from_db_value (a field that only
        # says it is a JSONField, like Wagtail's StreamField, has neither).
        backend = connection.ops.get_db_converters(col)

        def convert_json(value: Any) -> Any:
            for converter in backend:
                value = converter(value, col, connection)
            if isinstance(value, (bytes, bytearray, memoryview)):
                value = bytes(value).decode("utf-8")
            if isinstance(value, str):
                value = exactjson.loads(value)
            return value

        return convert_json
    converters = _converters(field, connection, raw)
    if not converters:
        return None

    def convert(value: Any) -> Any:
        for converter in converters:
            value = converter(value, col, connection)
        return value

    return convert


def values_converter(field: models.Field, connection: BaseDatabaseWrapper, raw: bool = False) -> ValuesConverter | None:
    """``column_converter`` for the values of a whole column, none of them None: one ``map`` per converter."""
    if field.get_internal_type() == "JSONField" and not field.is_relation:
        convert_json = column_converter(field, connection, raw)
        return lambda values: map(convert_json, values)
    converters = _converters(field, connection, raw)
    if not converters:
        return None
    col = field.get_col(field.model._meta.db_table)
    if connection.vendor == "sqlite":
        whole = sqlite_values_converter(col, connection, converters)
        if whole is not None:
            return whole

    def convert(values: Sequence[Any]) -> Iterable[Any]:
        count = len(values)
        for converter in converters:
            values = map(converter, values, repeat(col, count), repeat(connection, count))
        return values

    return convert


def _converters(field: models.Field, connection: BaseDatabaseWrapper, raw: bool) -> list[Callable]:
    col = field.get_col(field.model._meta.db_table)
    converters = list(connection.ops.get_db_converters(col))
    if not raw:  # raw: the value the database holds, before the field's from_db_value()
        converters += col.get_db_converters(connection)
    return converters


def key_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields of the primary key's columns: one, or several for a ``CompositePrimaryKey`` (Django 5.2+).

    A composite key is a field without a column of its own: its ``fields`` hold the columns.
    """
    pk = model._meta.pk
    if pk.column is None and hasattr(pk, "fields"):
        return list(pk.fields)
    return [pk]


def read_table(
    connection: BaseDatabaseWrapper,
    model: type[models.Model],
    fields: Sequence[models.Field],
    page_size: int = PAGE_SIZE,
    *,
    start: Any = None,
    limit: int | None = None,
) -> Iterator[tuple]:
    """Yield the raw values of ``fields`` for every row of ``model``'s table, by primary key (see ``read_pages``)."""
    for page in read_pages(connection, model, fields, page_size, start=start, limit=limit):
        yield from page


def read_pages(
    connection: BaseDatabaseWrapper,
    model: type[models.Model],
    fields: Sequence[models.Field],
    page_size: int = PAGE_SIZE,
    *,
    start: Any = None,
    limit: int | None = None,
) -> Iterator[Sequence[tuple]]:
    """Yield the raw values of ``fields`` for every row of ``model``'s table, by primary key, a page at a time.

    The table is read in pages of ``page_size`` rows (sequences of tuples, never
    empty), each from the key after the last one read (keyset pagination: the
    same cost for every page; see ``_beyond`` for a composite key).

    ``start`` (a primary key; a tuple for a composite one) makes it begin at
    that row rather than the first; ``limit`` stops it after that many rows:
    one part of a table, for a worker.
    """
    quote = connection.ops.quote_name
    key = [f.column for f in key_fields(model)]
    width = len(key)
    order = ", ".join(quote(column) for column in key)
    # Where the fields begin with the key (a dump's do), its values are read once.
    skip = 0 if [f.column for f in fields[:width]] == key else width
    columns = key[:skip] + [field.column for field in fields]
    select = "SELECT {} FROM {}".format(", ".join(quote(column) for column in columns), quote(model._meta.db_table))
    left = limit
    with connection.cursor() as cursor:
        use_c_timestamptz_loader(cursor, connection, fields)

        def fetch(sql: str, params: Sequence[Any] | None = None) -> Sequence[tuple]:
            cursor.execute(sql, params)
            return cursor.fetchall()

        if start is None:
            query: tuple[str, Any] = (f"{select} ORDER BY {order} LIMIT {_page(page_size, left)}", None)
        else:
            where, params = _beyond(connection, key, ">=", tuple(start) if width > 1 else (start,))
            query = (f"{select} WHERE {where} ORDER BY {order} LIMIT {_page(page_size, left)}", params)
        # A database server works on the next page while this process writes one.
        ahead = ThreadPoolExecutor(1, thread_name_prefix="lino-migrate-read") if connection.vendor == "postgresql" else None
        pending: Future | None = None
        try:
            rows = fetch(*query)
            while True:
                if left is not None:
                    left -= len(rows)
                last = len(rows) < page_size or left == 0
                if not last:
                    where, params = _beyond(connection, key, ">", rows[-1][:width])
                    query = (f"{select} WHERE {where} ORDER BY {order} LIMIT {_page(page_size, left)}", params)
                    pending = ahead.submit(fetch, *query) if ahead is not None else None
                if rows:
                    yield [row[skip:] for row in rows] if skip else rows
                if last:
                    return
                rows = fetch(*query) if pending is None else pending.result()
                pending = None
        finally:
            if pending is not None:
                wait([pending])  # the cursor is not left to a thread (the reader stopped early, or failed)
            if ahead is not None:
                ahead.shutdown()


def _beyond(connection: BaseDatabaseWrapper, key: list[str], operator: str, values: Sequence[Any]) -> tuple[str, list]:
    """The condition ``key > value`` (or ``>=``) and its parameters, for a key of one or several columns.

    A composite key is compared as a row value, ``(a, b) > (%s, %s)``, which
    SQLite (3.15+; Django needs 3.21+) and PostgreSQL answer with a range scan
    of the primary key's index. MariaDB and MySQL understand row values too,
    but scan the index from its start for them (EXPLAIN: ``type index``), which
    makes every page cost more than the one before; there the same condition
    is spelled out column by column, ``a >= %s AND (a > %s OR b > %s)``, which
    they answer with a range scan.
    """
    quote = connection.ops.quote_name
    columns = [quote(column) for column in key]
    if len(columns) == 1:
        return f"{columns[0]} {operator} %s", list(values)
    if connection.vendor != "mysql":
        return "({}) {} ({})".format(", ".join(columns), operator, ", ".join("%s" for _ in columns)), list(values)
    sql, params = f"{columns[-1]} {operator} %s", [values[-1]]
    for column, value in zip(reversed(columns[:-1]), reversed(values[:-1])):
        sql, params = f"{column} >= %s AND ({column} > %s OR ({sql}))", [value, value, *params]
    return sql, params


def _page(page_size: int, left: int | None) -> int:
    return int(page_size if left is None else min(page_size, left))


def part_starts(connection: BaseDatabaseWrapper, model: type[models.Model], rows_per_part: int) -> list[Any]:
    """The primary key of the first row of each part of ``rows_per_part`` rows, in one scan of the index.

    A composite key's start is a tuple of its columns' values.
    """
    quote = connection.ops.quote_name
    key = [f.column for f in key_fields(model)]
    columns = ", ".join(quote(column) for column in key)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM (SELECT {columns}, ROW_NUMBER() OVER (ORDER BY {columns}) AS lm_row "
            f"FROM {quote(model._meta.db_table)}) numbered WHERE (lm_row - 1) %% %s = 0 ORDER BY {columns}",
            [int(rows_per_part)],
        )
        return [row[0] if len(key) == 1 else tuple(row) for row in cursor.fetchall()]


def count_rows(connection: BaseDatabaseWrapper, model: type[models.Model]) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM {}".format(connection.ops.quote_name(model._meta.db_table)))
        return cursor.fetchone()[0]

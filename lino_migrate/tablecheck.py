"""Whether a table has the columns a dump reads from it, asked of the database before reading.

A database that is not fully migrated may have a table without one of the
model's columns. Reading it would not always fail: SQLite takes a double-quoted
name that is no column for a string literal (``SELECT "gone" FROM t`` gives
the text ``gone`` in every row), and on PostgreSQL the error comes in the
middle of the dump and aborts its snapshot transaction. The table's columns are
therefore looked up first: in the names of an empty ``SELECT *`` on SQLite and
PostgreSQL, where it holds every column (and costs far less than Django's
introspection, which on SQLite parses the table's SQL), by introspection on
MySQL and MariaDB, whose ``SELECT *`` leaves out an ``INVISIBLE`` column.
"""

from __future__ import annotations

from typing import Sequence

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

__all__ = ["missing_columns", "describe_missing"]


def missing_columns(
    connection: BaseDatabaseWrapper, model: type[models.Model], fields: Sequence[models.Field],
) -> list[models.Field]:
    """The fields among ``fields`` whose column ``model``'s table lacks, in order.

    Raises ``DatabaseError`` where the table does not exist. Column names are
    compared as the database does: exactly on PostgreSQL (quoted names keep
    their case), without case elsewhere (SQLite, MySQL and MariaDB).
    """
    with connection.cursor() as cursor:
        if connection.vendor in ("sqlite", "postgresql"):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)} LIMIT 0")
            names = [column[0] for column in cursor.description]
        else:
            names = [column.name for column in connection.introspection.get_table_description(cursor, model._meta.db_table)]
    exact = connection.vendor == "postgresql"
    present = {name if exact else name.casefold() for name in names}
    missing, seen = [], set()
    for f in fields:
        column = f.column if exact else f.column.casefold()
        if column not in present and column not in seen:
            missing.append(f)
        seen.add(column)
    return missing


def describe_missing(fields: Sequence[models.Field]) -> str:
    """``no column 'a' (field x)``, or ``no columns 'a', 'b' (fields x, y)``."""
    columns = ", ".join(repr(f.column) for f in fields)
    names = ", ".join(f.name for f in fields)
    plural = "s" if len(fields) > 1 else ""
    return f"no column{plural} {columns} (field{plural} {names})"

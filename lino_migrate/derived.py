"""Tables whose rows the database makes itself: virtual tables and views.

An SQLite full-text index (``CREATE VIRTUAL TABLE ... USING fts5``, with its
shadow tables) is typically filled by triggers on the table it indexes, and a
view shows rows of other tables. Their rows are not dumped and not restored:
restoring the indexed table's rows rebuilds them, and inserting them as well
collides with what the triggers wrote ("constraint failed"). They are found by
introspecting the database, not by app or model names.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

__all__ = ["derived_tables", "derived_models"]


def derived_tables(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """Every virtual table, shadow table and view of the database, with why its rows are not data."""
    found: dict[str, str] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            found.update(_sqlite_virtual_tables(cursor))
        for info in connection.introspection.get_table_list(cursor):
            if info.type == "v" and info.name not in found:
                found[info.name] = "a view (it shows rows of other tables)"
    return found


def derived_models(models: list[type[Model]], connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The labels of ``models`` whose table is a derived table, with the reason."""
    tables = derived_tables(connection)
    return {model._meta.label: tables[model._meta.db_table] for model in models if model._meta.db_table in tables}


def _sqlite_virtual_tables(cursor) -> dict[str, str]:
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
    virtual = {name: sql for name, sql in cursor.fetchall()}
    found = {}
    for name, sql in virtual.items():
        module = sql.split(" USING ", 1)[1].split("(", 1)[0].strip() if " USING " in sql.upper() else "?"
        found[name] = f"an SQLite virtual table ({module})"
    shadows = _sqlite_shadow_tables(cursor)
    if shadows is None:  # SQLite before 3.37 has no table_list: the shadow tables of FTS5/FTS4/R-tree by name
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        suffixes = ("_data", "_idx", "_content", "_docsize", "_config", "_segments", "_segdir", "_stat",
                    "_node", "_parent", "_rowid")
        shadows = {
            name for (name,) in cursor.fetchall()
            if any(name == base + suffix for base in virtual for suffix in suffixes)
        }
    for name in shadows:
        owner = next((base for base in virtual if name.startswith(base + "_")), None)
        found.setdefault(name, f"a shadow table of the SQLite virtual table {owner!r}" if owner else "an SQLite shadow table")
    return found


def _sqlite_shadow_tables(cursor) -> set[str] | None:
    try:
        cursor.execute("PRAGMA table_list")
    except Exception:
        return None
    columns = [column[0] for column in cursor.description]
    rows = cursor.fetchall()
    if "type" not in columns:
        return None
    name_at, type_at = columns.index("name"), columns.index("type")
    return {row[name_at] for row in rows if row[type_at] == "shadow"}

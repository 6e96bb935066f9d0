"""A whole database as data, to compare before and after: every table's rows, the schema, the sequences.

Read with the database's own driver (``sqlite3``, ``psycopg``, ``MySQLdb``) on a connection of its own, so that it
works for the test database of pytest-django and for the fresh databases some tests make for the
commands they run (another settings module, another app registry). Used by the replay tests: a
restore that fails must leave all of it as it was, and two ways to one state must give the same.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any, Iterator

from tests.conftest import DB

__all__ = ["State", "database_state", "differences", "fresh_database", "server_settings"]

State = dict[str, Any]


def server_settings() -> dict[str, str]:
    """Where the PostgreSQL server of this run is (as tests/project/settings.py reads it)."""
    return {
        "host": os.environ.get("LM_PG_HOST", "127.0.0.1"),
        "port": os.environ.get("LM_PG_PORT", "5432"),
        "user": os.environ.get("LM_PG_USER", "postgres"),
        "password": os.environ.get("LM_PG_PASSWORD", ""),
    }


@contextlib.contextmanager
def _connect(name: str) -> Iterator[Any]:
    if DB == "sqlite":
        conn = sqlite3.connect(name)
    elif DB == "postgresql":
        import psycopg

        conn = psycopg.connect(dbname=name, autocommit=True, **server_settings())
    else:
        import MySQLdb

        conn = MySQLdb.connect(
            host=os.environ.get("LM_MARIADB_HOST", "127.0.0.1"), port=int(os.environ.get("LM_MARIADB_PORT", "3306")),
            user=os.environ.get("LM_MARIADB_USER", "root"), password=os.environ.get("LM_MARIADB_PASSWORD", ""),
            database=name, charset="utf8mb4",
        )
    try:
        yield conn
    finally:
        conn.close()


@contextlib.contextmanager
def fresh_database(tmp_path: Path, purpose: str) -> Iterator[str]:
    """A new, empty database of this run's engine; its LM_DB_NAME. Dropped afterwards (servers).

    On MariaDB a replay restore builds ``<name>__lm_replay`` beside it and swaps it in: none may be left.
    """
    if DB == "sqlite":
        yield str(tmp_path / f"{purpose}.sqlite3")
        return
    if DB == "mariadb":
        yield from _fresh_mariadb_database(purpose)
        return
    import psycopg

    name = f"lm_replay_{purpose}_{os.getpid()}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server_settings()) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server_settings()) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _fresh_mariadb_database(purpose: str) -> Iterator[str]:
    from tests.replaydb import database_name, server

    name = database_name(f"fresh_{purpose}")
    conn = server()
    cursor = conn.cursor()
    scratch = [f"{name}__lm_replay", f"{name}__lm_trash"]
    for database in (name, *scratch):
        cursor.execute(f"DROP DATABASE IF EXISTS `{database}`")
    cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin")
    try:
        yield name
        cursor.execute("SHOW DATABASES")
        left = [row[0] for row in cursor.fetchall() if row[0] in scratch]
        assert left == [], f"the restore left {left} behind"
    finally:
        for database in (name, *scratch):
            cursor.execute(f"DROP DATABASE IF EXISTS `{database}`")
        conn.close()


def _rows(cursor: Any, table: str, columns: str = "*") -> list[str]:
    """Every row of a table, as text, sorted: equal lists, equal rows (whatever the physical order)."""
    quoted = f"`{table}`" if DB == "mariadb" else f'"{table}"'
    cursor.execute(f"SELECT {columns} FROM {quoted}")
    return sorted(repr(tuple(row)) for row in cursor.fetchall())


def database_state(name: str, *, columns: dict[str, str] | None = None) -> State:
    """The database ``name``: every table's rows, its columns, indexes and constraints, its next ids.

    ``columns``: table -> the columns to read of it (default: all).
    """
    columns = columns or {}
    with _connect(name) as conn:
        cursor = conn.cursor()
        if DB == "sqlite":
            cursor.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
            schema = [tuple(row) for row in cursor.fetchall()]
            tables = sorted(row[1] for row in schema if row[0] == "table")
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
            sequences: list = []
            if cursor.fetchone():
                cursor.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name")
                sequences = [tuple(row) for row in cursor.fetchall()]
        elif DB == "mariadb":
            where = "WHERE table_schema = DATABASE()"
            cursor.execute(
                "SELECT table_name, column_name, column_type, is_nullable, column_default FROM information_schema.columns "
                f"{where} ORDER BY table_name, column_name"
            )
            described = [tuple(row) for row in cursor.fetchall()]
            cursor.execute(
                "SELECT table_name, index_name, seq_in_index, column_name, non_unique FROM information_schema.statistics "
                f"{where} ORDER BY 1, 2, 3"
            )
            indexes = [tuple(row) for row in cursor.fetchall()]
            cursor.execute(
                "SELECT table_name, constraint_name, column_name, referenced_table_name, referenced_column_name "
                f"FROM information_schema.key_column_usage {where} ORDER BY 1, 2, 3"
            )
            schema = [described, indexes, [tuple(row) for row in cursor.fetchall()]]
            cursor.execute(f"SELECT table_name, auto_increment FROM information_schema.tables {where} AND table_type = 'BASE TABLE' ORDER BY 1")
            pairs = [tuple(row) for row in cursor.fetchall()]
            tables = [table for table, _ in pairs]
            sequences = [pair for pair in pairs if pair[1] is not None]
        else:
            cursor.execute(
                "SELECT table_name, column_name, data_type, is_nullable, column_default, character_maximum_length "
                "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name"
            )
            described = [tuple(row) for row in cursor.fetchall()]
            cursor.execute("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 2")
            indexes = [tuple(row) for row in cursor.fetchall()]
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2"
            )
            constraints = [tuple(row) for row in cursor.fetchall()]
            schema = [described, indexes, constraints]
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
            tables = [row[0] for row in cursor.fetchall()]
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1")
            sequences = [tuple(row) for row in cursor.fetchall()]
        rows = {table: _rows(cursor, table, columns.get(table, "*")) for table in tables}
    return {"rows": rows, "schema": schema, "sequences": sequences}


def differences(before: State, after: State) -> list[str]:
    """What differs between two states, one line each (empty when they are the same)."""
    found = []
    for table in sorted(set(before["rows"]) | set(after["rows"])):
        old, new = before["rows"].get(table), after["rows"].get(table)
        if old != new:
            gone = sorted(set(old or []) - set(new or []))[:3]
            added = sorted(set(new or []) - set(old or []))[:3]
            found.append(f"table {table}: {len(old or [])} -> {len(new or [])} rows; only before: {gone}; only after: {added}")
    if before["schema"] != after["schema"]:
        found.append(f"schema: {_diff(before['schema'], after['schema'])}")
    if before["sequences"] != after["sequences"]:
        found.append(f"sequences: {_diff(before['sequences'], after['sequences'])}")
    return found


def _diff(old: list, new: list) -> str:
    flat_old = {repr(x) for x in (old if not old or not isinstance(old[0], list) else sum(old, []))}
    flat_new = {repr(x) for x in (new if not new or not isinstance(new[0], list) else sum(new, []))}
    return f"only before: {sorted(flat_old - flat_new)[:5]}; only after: {sorted(flat_new - flat_old)[:5]}"

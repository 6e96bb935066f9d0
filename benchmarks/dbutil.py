"""Raw database access for the benchmark, with the DB-API driver only (no Django).

Used by ``run.py`` (create/drop the database, empty the tables, snapshot the
rows) and by the raw baseline scripts ``raw_dump.py`` and ``raw_restore.py``.
The database is chosen by the same environment variables as
``bench_site/settings.py`` (``BENCH_DB``, ``BENCH_DB_NAME``, ...).
"""

from __future__ import annotations

import hashlib
import os

# The shop tables, parents first (the order of a restore; reversed to empty them).
TABLES = ["shop_author", "shop_tag", "shop_book", "shop_book_tags"]


def db_kind() -> str:
    return os.environ.get("BENCH_DB", "sqlite")


def db_name() -> str:
    name = os.environ.get("BENCH_DB_NAME")
    if name:
        return name
    return "/tmp/lm_bench.sqlite3" if db_kind() == "sqlite" else "lm_bench"


def placeholder() -> str:
    return "?" if db_kind() == "sqlite" else "%s"


def quote(name: str) -> str:
    return f"`{name}`" if db_kind() == "mariadb" else f'"{name}"'


def connect(database: str | None = None):
    """A DB-API connection to the benchmark database (or to ``database`` on the same server)."""
    kind = db_kind()
    if kind == "sqlite":
        import sqlite3

        # isolation_level=None: we issue BEGIN/COMMIT ourselves. No type detection:
        # values come back exactly as stored.
        return sqlite3.connect(database or db_name(), isolation_level=None)
    if kind == "postgresql":
        import psycopg

        conn = psycopg.connect(
            host=os.environ.get("BENCH_PG_HOST", "127.0.0.1"),
            port=int(os.environ.get("BENCH_PG_PORT", "5432")),
            user=os.environ.get("BENCH_PG_USER", "postgres"),
            password=os.environ.get("BENCH_PG_PASSWORD", ""),
            dbname=database or db_name(),
            options="-c timezone=UTC",
        )
        return conn
    if kind == "mariadb":
        import MySQLdb

        kwargs = dict(
            host=os.environ.get("BENCH_MARIADB_HOST", "127.0.0.1"),
            port=int(os.environ.get("BENCH_MARIADB_PORT", "3306")),
            user=os.environ.get("BENCH_MARIADB_USER", "root"),
            password=os.environ.get("BENCH_MARIADB_PASSWORD", ""),
            charset="utf8mb4",
        )
        if database != "":
            kwargs["database"] = database or db_name()
        return MySQLdb.connect(**kwargs)
    raise RuntimeError(f"BENCH_DB must be sqlite, postgresql or mariadb, not {kind!r}")


def begin(conn) -> None:
    if db_kind() == "sqlite":
        conn.execute("BEGIN")
    # psycopg and MySQLdb open a transaction implicitly (autocommit off).


def server_version() -> str:
    kind = db_kind()
    if kind == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    conn = connect()
    try:
        cur = conn.cursor()
        cur.execute("SELECT version()")
        return str(cur.fetchone()[0])
    finally:
        conn.close()


def recreate_database() -> None:
    """Drop (if it exists) and create the benchmark database, empty."""
    kind, name = db_kind(), db_name()
    if kind == "sqlite":
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(name + suffix):
                os.remove(name + suffix)
        return
    if kind == "postgresql":
        conn = connect("postgres")
        conn.autocommit = True
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
        conn.close()
        return
    conn = connect("")
    cur = conn.cursor()
    cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
    cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    conn.close()


def drop_database() -> None:
    kind, name = db_kind(), db_name()
    if kind == "sqlite":
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(name + suffix):
                os.remove(name + suffix)
        return
    if kind == "postgresql":
        conn = connect("postgres")
        conn.autocommit = True
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()
        return
    conn = connect("")
    conn.cursor().execute(f"DROP DATABASE IF EXISTS `{name}`")
    conn.close()


def empty_tables(conn=None, tables: list[str] | None = None) -> None:
    """Delete every row of the shop tables (or of ``tables``, parents first; emptied children first), and commit."""
    own = conn is None
    conn = conn or connect()
    kind = db_kind()
    tables = TABLES if tables is None else tables
    try:
        cur = conn.cursor()
        if kind == "postgresql":
            cur.execute("TRUNCATE " + ", ".join(quote(t) for t in tables))
        elif kind == "mariadb":
            cur.execute("SET FOREIGN_KEY_CHECKS = 0")
            for table in reversed(tables):
                cur.execute(f"TRUNCATE TABLE {quote(table)}")
            cur.execute("SET FOREIGN_KEY_CHECKS = 1")
        else:
            cur.execute("BEGIN")
            for table in reversed(tables):
                cur.execute(f"DELETE FROM {quote(table)}")
        conn.commit() if kind != "sqlite" else cur.execute("COMMIT")
    finally:
        if own:
            conn.close()


def stream_rows(conn, table: str, batch: int = 5000):
    """(column names, iterator over the rows of ``table`` in primary-key order), server-side where possible."""
    kind = db_kind()
    sql = f"SELECT * FROM {quote(table)} ORDER BY {quote('id')}"
    if kind == "postgresql":
        cur = conn.cursor(name=f"stream_{table}")
        cur.itersize = batch
        cur.execute(sql)
        # A named cursor only has a description after the first fetch.
        first = cur.fetchmany(batch)
        columns = [d[0] for d in cur.description]

        def rows():
            yield from first
            while True:
                chunk = cur.fetchmany(batch)
                if not chunk:
                    break
                yield from chunk
            cur.close()

        return columns, rows()
    if kind == "mariadb":
        import MySQLdb.cursors

        cur = conn.cursor(MySQLdb.cursors.SSCursor)
    else:
        cur = conn.cursor()
    cur.execute(sql)
    columns = [d[0] for d in cur.description]

    def rows():
        while True:
            chunk = cur.fetchmany(batch)
            if not chunk:
                break
            yield from chunk
        cur.close()

    return columns, rows()


class TableSnapshot:
    """Row count and sha256 over the repr() lines of a table, in primary-key order.

    The source snapshot (``keep=True``) also keeps every line, so that a later
    snapshot taken with ``source=`` can count and show the rows that differ.
    """

    def __init__(self, table: str, columns: list[str], keep: bool = False, source: "TableSnapshot | None" = None):
        self.table = table
        self.columns = columns
        self.count = 0
        self.sha = hashlib.sha256()
        self.keep = keep
        self.lines: dict = {}
        self.source = source
        self.seen: set = set()
        self.differ = 0
        self.extra = 0
        self.examples: list[tuple[str | None, str]] = []
        self.content = 0  # order-independent sum of the digests of the rows without their id


    def add(self, row) -> None:
        line = repr(tuple(row))
        self.sha.update(line.encode("utf-8", "surrogatepass") + b"\n")
        self.count += 1
        self.content = (self.content + int.from_bytes(
            hashlib.blake2b(repr(tuple(row[1:])).encode("utf-8", "surrogatepass"), digest_size=16).digest(), "big")) % (1 << 128)
        if self.keep:
            self.lines[row[0]] = line
        if self.source is not None:
            self.seen.add(row[0])
            expected = self.source.lines.get(row[0])
            if expected is None:
                self.extra += 1
            elif expected != line:
                self.differ += 1
            if expected != line and len(self.examples) < 2:
                self.examples.append((expected, line))

    @property
    def missing(self) -> int:
        return sum(1 for pk in self.source.lines if pk not in self.seen) if self.source else 0

    @property
    def sha256(self) -> str:
        return self.sha.hexdigest()


def snapshot(source: "dict[str, TableSnapshot] | None" = None) -> dict[str, TableSnapshot]:
    """Read every row of every shop table through the driver (one transaction).

    Without ``source``, the lines are kept (this is the reference); with it,
    each row is compared with the reference as it is read.
    """
    conn = connect()
    try:
        begin(conn)
        result = {}
        for table in TABLES:
            columns, rows = stream_rows(conn, table)
            snap = TableSnapshot(table, columns, keep=source is None, source=source[table] if source else None)
            for row in rows:
                snap.add(row)
            result[table] = snap
        conn.rollback() if db_kind() != "sqlite" else conn.execute("ROLLBACK")
        return result
    finally:
        conn.close()


def compare(source: dict[str, TableSnapshot], copy: dict[str, TableSnapshot]) -> tuple[bool, str, dict]:
    """(exact?, a one-line description, details per table); ``copy`` was taken with ``source=source``."""
    details = {}
    problems = []
    for table, src in source.items():
        dst = copy[table]
        if src.columns == dst.columns and src.count == dst.count and src.sha256 == dst.sha256:
            details[table] = {"rows": src.count, "exact": True, "sha256": src.sha256}
            continue
        missing = dst.missing
        details[table] = {
            "rows": src.count, "restored_rows": dst.count, "exact": False,
            "missing": missing, "extra": dst.extra, "differ": dst.differ,
            "columns_equal": src.columns == dst.columns,
            "same_rows_except_ids": src.count == dst.count and src.content == dst.content,
            "examples": [{"source": a, "restored": b} for a, b in dst.examples],
        }
        bits = []
        if src.count == dst.count and src.content == dst.content and src.columns == dst.columns:
            problems.append(f"{table}: {dst.differ + dst.extra:,} rows have another id, rows otherwise equal")
            continue
        if dst.differ:
            bits.append(f"{dst.differ:,} differ")
        if missing:
            bits.append(f"{missing:,} missing")
        if dst.extra:
            bits.append(f"{dst.extra:,} extra")
        if src.columns != dst.columns:
            bits.append("columns differ")
        problems.append(f"{table}: " + ", ".join(bits or ["content differs"]))
    if not problems:
        return True, "yes", details
    return False, "no: " + "; ".join(problems), details

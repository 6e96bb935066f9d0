"""Raw baseline of a dump: SELECT every row of the shop tables with the DB driver
and write one repr() line per row (``python benchmarks/raw_dump.py DIR``).

One file per table: its first line is the repr() of the column names. Values that
ast.literal_eval cannot read back (datetime, date, Decimal: PostgreSQL and MariaDB
only; SQLite returns only int/float/str/None) are written as their ISO/str text, which
the database converts back on INSERT.
"""

from __future__ import annotations

import datetime
import os
import sys
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dbutil  # noqa: E402

LITERAL = (int, float, str, bool, bytes, type(None))


def text(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, memoryview):
        return bytes(value)
    raise TypeError(f"no literal for {type(value)}")


def main(target: str) -> None:
    os.makedirs(target)
    conn = dbutil.connect()
    try:
        dbutil.begin(conn)
        if dbutil.db_kind() == "postgresql":
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        total = 0
        for table in dbutil.TABLES:
            columns, rows = dbutil.stream_rows(conn, table)
            with open(os.path.join(target, table + ".txt"), "w", encoding="utf-8") as out:
                out.write(repr(columns) + "\n")
                write = out.write
                for row in rows:
                    if not all(type(v) in LITERAL for v in row):
                        row = tuple(v if type(v) in LITERAL else text(v) for v in row)
                    write(repr(row) + "\n")
                    total += 1
        conn.rollback() if dbutil.db_kind() != "sqlite" else conn.execute("ROLLBACK")
    finally:
        conn.close()
    print(f"raw dump: {total} rows")


if __name__ == "__main__":
    main(sys.argv[1])

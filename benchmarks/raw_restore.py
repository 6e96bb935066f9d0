"""Raw baseline of a restore: read the lines written by raw_dump.py back with
ast.literal_eval and executemany() INSERT them, in batches of 1,000, in ONE
transaction, into the (already emptied) shop tables (``python benchmarks/raw_restore.py DIR``).

No validation, no sequence reset, no foreign-key check beyond what the database does itself.
"""

from __future__ import annotations

import ast
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dbutil  # noqa: E402

BATCH = 1000


def main(source: str) -> None:
    conn = dbutil.connect()
    kind = dbutil.db_kind()
    mark = dbutil.placeholder()
    total = 0
    try:
        dbutil.begin(conn)
        cur = conn.cursor()
        for table in dbutil.TABLES:
            with open(os.path.join(source, table + ".txt"), encoding="utf-8") as lines:
                columns = ast.literal_eval(next(lines))
                sql = (f"INSERT INTO {dbutil.quote(table)} ({', '.join(dbutil.quote(c) for c in columns)}) "
                       f"VALUES ({', '.join([mark] * len(columns))})")
                batch = []
                for line in lines:
                    batch.append(ast.literal_eval(line))
                    if len(batch) >= BATCH:
                        cur.executemany(sql, batch)
                        total += len(batch)
                        batch = []
                if batch:
                    cur.executemany(sql, batch)
                    total += len(batch)
        conn.commit() if kind != "sqlite" else conn.execute("COMMIT")
    finally:
        conn.close()
    print(f"raw restore: {total} rows")


if __name__ == "__main__":
    main(sys.argv[1])

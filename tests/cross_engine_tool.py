"""Helpers that tests/test_cross_engine.py runs as subprocesses, one engine each.

The pytest process is configured for one database (``LM_DB``); moving data
between engines needs a process per engine. Each command sets up Django for
the engine named by ``LM_DB`` / ``LM_DB_NAME`` (see tests/project/settings.py):

    python -m tests.cross_engine_tool populate           # the portable zoo data
    python -m tests.cross_engine_tool snapshot OUT       # data.snapshot(), pickled into OUT
    python -m tests.cross_engine_tool sql STATEMENT      # run one SQL statement (test data)

*Portable* data is ``tests.zoo.data.populate()`` restricted to the values that
all three engines hold exactly, so that a dump of it restores into each of
them without loss (the values that only some engines hold are the refusal
tests of test_cross_engine.py):

- no U+0000 in text or JSON strings: PostgreSQL refuses it;
- no infinities or NaN in FloatFields: MariaDB has no such DOUBLE, SQLite
  turns NaN into NULL;
- decimals of at most 15 significant digits: SQLite stores a DecimalField as
  REAL (an IEEE double), which keeps 15.
"""

from __future__ import annotations

import math
import pickle
import sys
from contextlib import contextmanager
from typing import Iterator

__all__ = ["portable", "main"]


@contextmanager
def portable() -> Iterator[None]:
    """Make ``tests.zoo.data`` produce only the values every engine can hold."""
    from tests.zoo import data

    originals = {name: getattr(data, name) for name in ("nul_ok", "nasty_floats", "nasty_decimals", "vendor")}

    def portable_floats() -> list[float]:
        return [value for value in originals["nasty_floats"]() if math.isfinite(value)]

    def portable_decimals():
        data.vendor = lambda: "sqlite"  # the 15-digit set
        try:
            return originals["nasty_decimals"]()
        finally:
            data.vendor = originals["vendor"]

    data.nul_ok = lambda: False
    data.nasty_floats = portable_floats
    data.nasty_decimals = portable_decimals
    try:
        yield
    finally:
        for name, value in originals.items():
            setattr(data, name, value)


def main(argv: list[str]) -> int:
    import django

    django.setup()
    from django.db import connection, transaction

    from tests.zoo import data

    command, *args = argv
    if command == "populate":
        with portable(), transaction.atomic():
            data.populate()
    elif command == "snapshot":
        (out,) = args
        with open(out, "wb") as file:
            pickle.dump(data.snapshot(), file)
    elif command == "sql":
        (statement,) = args
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    else:
        raise SystemExit(f"unknown command {command!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

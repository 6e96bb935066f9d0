"""A MariaDB database of its own for the tests of replay on MariaDB, with the test app ``tests.replayed``.

Replay needs a dump whose recorded migrations are older than the code's:
``old_state()`` migrates ``tests.replayed`` back to its squashed 0002 (no ``label``
yet), so that a dump of it replays 0003 (a field, and a RunPython that fills it
row by row). The database is made and dropped here, not by pytest-django: the
commands run against it as subprocesses, with ``LM_EXTRA_APPS=tests.replayed``.
``fingerprint()`` reads it with the driver: each base table's definition and
rows, the views and what they show.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

__all__ = ["PrivateDatabase", "database_name", "differences", "dump", "items", "server", "write_items"]

SQUASHED = "0001_squashed_0002_item_size"
#: The environment of the old release of tests.replayed (tests/replayed/models.py).
OLD = {"LM_REPLAYED_AT": "0002"}


def server(user: str | None = None, password: str | None = None, database: str | None = None):
    """A driver connection to the MariaDB server of the tests (autocommit)."""
    import MySQLdb

    conn = MySQLdb.connect(
        host=os.environ.get("LM_MARIADB_HOST", "127.0.0.1"), port=int(os.environ.get("LM_MARIADB_PORT", "3306")),
        user=user or os.environ.get("LM_MARIADB_USER", "root"),
        password=os.environ.get("LM_MARIADB_PASSWORD", "") if password is None else password,
        charset="utf8mb4", **({"database": database} if database else {}),
    )
    conn.autocommit(True)
    return conn


def database_name(purpose: str) -> str:
    """A name of this run's own (LM_DB_NAME, the xdist worker) for the database of one test."""
    base = os.environ.get("LM_DB_NAME") or "lino_migrate"
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return re.sub(r"\W", "_", f"{base}_{worker}_{purpose}")[:48]


class PrivateDatabase:
    """A database of the test project (and tests.replayed) made for one test, dropped after it."""

    def __init__(self, purpose: str):
        self.name = database_name(purpose)
        self.conn = server()
        self.drop()
        self.sql(f"CREATE DATABASE `{self.name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin")
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.project.settings",
            "LM_DB": "mariadb",
            "LM_DB_NAME": self.name,
            "LM_EXTRA_APPS": "tests.replayed",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")])),
            "PYTHONUNBUFFERED": "1",
        }

    # -- the server --------------------------------------------------------

    def sql(self, statement: str, params=None) -> list[tuple]:
        cursor = self.conn.cursor()
        try:
            cursor.execute(statement, params)
            return list(cursor.fetchall()) if cursor.description else []
        finally:
            cursor.close()

    def many(self, statement: str, rows: list[tuple]) -> None:
        cursor = self.conn.cursor()
        try:
            cursor.executemany(statement, rows)
        finally:
            cursor.close()

    def databases(self) -> list[str]:
        """This database's scratch and trash databases, if any are left."""
        return sorted(row[0] for row in self.sql("SHOW DATABASES") if row[0].startswith(f"{self.name}__lm_"))

    def drop(self) -> None:
        for name in [self.name, f"{self.name}__lm_replay", f"{self.name}__lm_trash"]:
            self.sql(f"DROP DATABASE IF EXISTS `{name}`")

    def close(self) -> None:
        self.drop()
        self.conn.close()

    # -- commands ----------------------------------------------------------

    def command(self, *args, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "django", *map(str, args)], cwd=REPO, env={**self.env, **(env or {})},
                              capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)

    def popen(self, *args) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "django", *map(str, args)], cwd=REPO, env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)

    def ok(self, *args, **kwargs) -> subprocess.CompletedProcess:
        result = self.command(*args, **kwargs)
        assert result.returncode == 0, (
            f"{args} exited {result.returncode}\nstdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-3000:]}"
        )
        return result

    def old_state(self) -> None:
        """Every app at the code's migrations, but tests.replayed at its squashed 0002: no label yet."""
        self.ok("migrate", "--noinput", "-v0")
        self.ok("migrate", "replayed", SQUASHED, "--noinput", "-v0", env=OLD)

    # -- what it holds -----------------------------------------------------

    def tables(self) -> dict[str, str]:
        return dict(self.sql("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s",
                             [self.name]))

    def fingerprint(self, *, exact_migrations: bool = True) -> dict[str, object]:
        """Each base table's definition and a digest of its rows; each view's rows.

        With ``exact_migrations=False``, django_migrations counts by (app, name)
        only: a replay records the replayed migrations anew (new ids, new times).
        """
        result: dict[str, object] = {}
        for table, kind in sorted(self.tables().items()):
            quoted = f"`{self.name}`.`{table}`"
            if kind == "VIEW":
                result[f"view {table}"] = sorted(map(repr, self.sql(f"SELECT * FROM {quoted}")))
                continue
            definition = self.sql(f"SHOW CREATE TABLE {quoted}")[0][1]
            if table == "django_migrations" and not exact_migrations:
                definition = re.sub(r" AUTO_INCREMENT=\d+", "", definition)
                rows = sorted(self.sql(f"SELECT app, name FROM {quoted}"))
            else:
                rows = sorted(map(repr, self.sql(f"SELECT * FROM {quoted}")))
            digest = hashlib.sha256(repr(rows).encode()).hexdigest()
            result[table] = (definition, len(rows), digest)
        return result


def differences(now: dict, *states: dict) -> str:
    """What of ``now`` is in none of ``states``: table names and their row counts."""
    lines = []
    for key in sorted(set(now).union(*states)):
        if all(now.get(key) != state.get(key) for state in states):
            counts = [state.get(key, (None, None))[1] if not key.startswith("view") else "view" for state in (now, *states)]
            lines.append(f"  {key}: rows now / in the states: {counts}")
    return "\n".join(lines)


def items(count: int, start: int = 1, prefix: str = "item") -> list[tuple]:
    """Rows of replayed_item at the old state: (id, name, size)."""
    return [(start + i, f"{prefix} {start + i}", (start + i) % 97) for i in range(count)]


def write_items(db: PrivateDatabase, rows: list[tuple], *, labelled: bool = False) -> None:
    """Rows of ``items()``; ``labelled``: at the code's state, with a label."""
    if labelled:
        rows = [(*row, row[1].upper()) for row in rows]
    columns = "id, name, size, label" if labelled else "id, name, size"
    values = ", ".join(["%s"] * len(rows[0]))
    db.many(f"INSERT INTO `{db.name}`.replayed_item ({columns}) VALUES ({values})", rows)


def dump(db: PrivateDatabase, target: Path, *labels: str) -> Path:
    """A dump written by the old release of tests.replayed (its model without label)."""
    db.ok("dump2py", target, *labels, "--noinput", "-v0", env=OLD)
    return target

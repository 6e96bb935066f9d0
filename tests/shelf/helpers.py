"""Fixtures and helpers shared by tests/test_migrators.py and tests/test_makemigrator.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

RELEASES = {
    "1.0": "tests.shelf.v1",
    "1.1": "tests.shelf.v1_1",
    "2.0": "tests.shelf.v2",
}
DESK = {"1.0": "tests.shelf.desk_v1", "2.0": "tests.shelf.desk_v2"}
SHELF_TABLES = ("shelf_", "desk_")


def apps_env(shelf: str, desk: str | None = None, migrators: str | None = None, **extra: str) -> dict[str, str]:
    """The environment of a subprocess running shelf ``shelf`` (a version or a package) and desk ``desk``."""
    installed = [RELEASES.get(shelf, shelf)]
    if desk:
        installed.append(DESK[desk])
    env = {"LM_EXTRA_APPS": ",".join(installed), "SHELF_MIGRATORS": migrators or ""}
    env.update(extra)
    return env


def drop_test_app_tables() -> None:
    """Forget every table and applied migration of shelf and desk (the test database is shared)."""
    from django.db import connection

    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if t.startswith(SHELF_TABLES)]
        quote = connection.ops.quote_name
        if connection.vendor == "mysql":
            cursor.execute("SET FOREIGN_KEY_CHECKS = 0")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
        for table in tables:
            cascade = " CASCADE" if connection.vendor == "postgresql" else ""
            cursor.execute(f"DROP TABLE IF EXISTS {quote(table)}{cascade}")
        if connection.vendor == "mysql":
            cursor.execute("SET FOREIGN_KEY_CHECKS = 1")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("DELETE FROM django_migrations WHERE app IN ('shelf', 'desk')")
        # Their permissions and content types too: a later migrate of another release
        # would find them stale (Django 6.1 renames permissions after a RenameModel and
        # refuses on conflicts).
        cursor.execute(
            "DELETE FROM auth_permission WHERE content_type_id IN "
            "(SELECT id FROM django_content_type WHERE app_label IN ('shelf', 'desk'))"
        )
        cursor.execute("DELETE FROM django_content_type WHERE app_label IN ('shelf', 'desk')")
    connection.close()


def table_names() -> set[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        names = {t for t in connection.introspection.table_names(cursor) if t.startswith(SHELF_TABLES)}
    connection.close()
    return names


def rows(table: str, columns: str = "*") -> list[tuple]:
    """Every row of a table, by id, read with raw SQL in the test process (booleans as bool)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {connection.ops.quote_name(table)} ORDER BY id")
        result = [tuple(v for v in row) for row in cursor.fetchall()]
    connection.close()
    return result


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every shelf and desk table."""
    return {table: rows(table) for table in sorted(table_names())}


class Shelf:
    """Runs the releases of the test apps as subprocesses against the test database."""

    def __init__(self, manage, store: Path):
        self.manage = manage
        self.store = store

    def dump(self, shelf: str, desk: str | None = None) -> Path:
        """A dump written by shelf ``shelf`` (and desk ``desk``) with the rows of ``scenario.populate``.

        Dumps are kept for the session: the first test that needs one writes it.
        """
        target = self.store / (f"shelf-{shelf}" + (f"-desk-{desk}" if desk else ""))
        if not (target / "restore.py").exists():
            drop_test_app_tables()
            self.manage.ok("shell", "-c", f"from tests.shelf.scenario import make_dump; make_dump({str(target)!r})",
                           env=apps_env(shelf, desk))
            drop_test_app_tables()
        return target

    def run(self, *args, shelf: str = "2.0", desk: str | None = None, migrators: str | None = None, **extra) -> subprocess.CompletedProcess:
        return self.manage(*args, env=apps_env(shelf, desk, migrators, **extra))

    def ok(self, *args, shelf: str = "2.0", desk: str | None = None, migrators: str | None = None, **extra) -> subprocess.CompletedProcess:
        return self.manage.ok(*args, env=apps_env(shelf, desk, migrators, **extra))

    def restore(self, dump: Path, *args, **kwargs) -> subprocess.CompletedProcess:
        return self.run("restore", dump, "--noinput", *args, **kwargs)

    def restore_report(self, dump: Path, **kwargs) -> dict:
        """Restore with ``lino_migrate.testing.restore_dump`` in a subprocess; its report as a dict."""
        code = (
            "import json; from lino_migrate.testing import restore_dump\n"
            f"r = restore_dump({str(dump)!r})\n"
            "print('REPORT=' + json.dumps({'rows': r.rows, 'read': r.read, 'migrators': r.migrators}))"
        )
        result = self.ok("shell", "-c", code, **kwargs)
        line = [line for line in result.stdout.splitlines() if line.startswith("REPORT=")][-1]
        return json.loads(line[len("REPORT="):])


@pytest.fixture(scope="session")
def dump_store(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("shelf-dumps")


@pytest.fixture
def shelf(manage, dump_store):
    drop_test_app_tables()
    yield Shelf(manage, dump_store)
    drop_test_app_tables()


def copy_dump(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def assert_fails(result: subprocess.CompletedProcess, *needles: str) -> str:
    """The command failed cleanly (non-zero, no traceback) and its stderr holds every needle."""
    where = f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.returncode != 0, where
    assert "Traceback" not in result.stderr, where
    for needle in needles:
        assert needle in result.stderr, f"{needle!r} not in stderr\n{where}"
    return result.stderr

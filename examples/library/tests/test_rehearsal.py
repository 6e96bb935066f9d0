"""An upgrade rehearsed and an upgrade that fails both leave the old database as it was, schema included.

The test database is taken back to release 1.0 (``migrate library 0001``, 2.0's migrations are
reversible), filled by 1.0's ``demo_data`` and dumped by 1.0; then 2.0's ``restore`` runs on it, in a
subprocess, as a user would after ``pip install -U``. The restore's ``migrate`` is part of the unit:
a dry run rehearses the whole upgrade and rolls it back, and a failed restore rolls the migrations
back too. On PostgreSQL and SQLite that unit is the restore's transaction; MariaDB commits schema
changes at once, so there the restore is built in a scratch database beside this one and swapped in
only when it succeeded (never for a dry run).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

HERE = Path(__file__).resolve().parent
ROLLS_BACK_DDL = connection.features.can_rollback_ddl


def manage(release: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "LIBRARY_DB")}
    env.update(LIBRARY_RELEASE=release, LM_DB_NAME=str(connection.settings_dict["NAME"]))
    return subprocess.run([sys.executable, "manage.py", *args], cwd=HERE.parent, env=env,
                          capture_output=True, text=True, timeout=300)


def database_state() -> tuple:
    """What must not change: the library's applied migrations, its tables, and their rows."""
    tables = sorted(t for t in connection.introspection.table_names() if t.startswith("library_"))
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    applied = sorted(name for app, name in MigrationRecorder(connection).applied_migrations() if app == "library")
    return applied, counts


@pytest.fixture
def old_database(transactional_db, tmp_path):
    """The test database at release 1.0 with its demo data, and a dump of it written by 1.0."""
    call_command("migrate", "library", "0001_initial", verbosity=0)
    try:
        for args in (["demo_data"], ["dump2py", str(tmp_path / "dump"), "library", "--noinput", "-v0"]):
            result = manage("1.0", *args)
            assert result.returncode == 0, result.stderr
        yield tmp_path / "dump"
    finally:
        call_command("migrate", verbosity=0)  # the other tests need 2.0's schema


def test_dry_run_rehearses_the_whole_upgrade(old_database):
    before = database_state()
    assert before[0] == ["0001_initial"] and "library_member" in before[1]
    result = manage("2.0", "restore", str(old_database), "--dry-run", "--noinput")
    assert result.returncode == 0, result.stderr
    assert "Would restore" in result.stdout and "(dry run: rolled back)." in result.stdout, result.stdout
    assert "library.Return" in result.stdout  # counted in 2.0's schema, which the migrations made
    if not ROLLS_BACK_DDL:  # MariaDB: rehearsed in a scratch database beside this one, never swapped in
        assert "Building the restore in the database" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert database_state() == before


def test_a_failed_upgrade_leaves_the_old_schema(old_database):
    # A loan of a book that is not in the dump: the foreign key check refuses it, after migrate ran.
    path = old_database / "library_loan.py"
    text = path.read_text(encoding="utf-8")
    changed = re.sub(r"^\[(\d+), \d+, ", r"[\1, 999999, ", text, count=1, flags=re.M)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    restore_py = old_database / "restore.py"
    restore_py.write_text(restore_py.read_text(encoding="utf-8").replace(
        f"'sha256': '{_sha256_of(restore_py, 'library_loan.py')}'", "'sha256': None"), encoding="utf-8")
    before = database_state()
    result = manage("2.0", "restore", str(old_database), "--noinput")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "A foreign key points nowhere; nothing was restored." in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert database_state() == before  # MariaDB too: migrate ran in the scratch database, which was dropped


def _sha256_of(restore_py: Path, name: str) -> str:
    from lino_migrate.manifest import read_manifest

    return read_manifest(restore_py.parent).files[name].sha256

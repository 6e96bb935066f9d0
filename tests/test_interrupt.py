"""Ctrl-C (SIGINT) of ``restore`` and ``manage.py run TARGET/restore.py`` (issue 11, point 3).

One line on stderr that says what was interrupted and what it left, exit
status 130, no traceback (unless ``--traceback``), and the database as it was.
``dump2py``'s Ctrl-C is tested in ``tests/test_dump_interrupt.py``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, connections

from tests.adversarial import helpers as h
from tests.conftest import DB, REPO
from tests.shelf.helpers import apps_env, drop_test_app_tables, dump_store, shelf  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

ROWS, TAGS = 40_000, 4_000  # a restore whose transaction lasts long enough to be interrupted in it


def _interruptible() -> None:
    """In the child: take Ctrl-C as a terminal gives it, also when the tests run in a background job."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _in_transaction(server) -> bool:
    """Whether the restore's write transaction is open, as seen from outside."""
    if server is None:
        return Path(h.db_name() + "-journal").exists()
    return any(
        s["in_transaction"] and s["query"].upper().split()[:1] in (["TRUNCATE"], ["DELETE"], ["INSERT"], ["COPY"])
        for s in server.sessions()
    )


def _applied(app_label: str, database: str | None = None) -> int:
    """How many migrations of the app django_migrations records (of ``database``: MariaDB), read from outside
    the command; 0 where there is no such table yet."""
    from django.db import DatabaseError, connection

    table = f"`{database}`.django_migrations" if database else "django_migrations"
    with connection.cursor() as cursor:
        try:
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE app = %s", [app_label])
        except DatabaseError:
            return 0
        count = cursor.fetchone()[0]
    connections.close_all()
    return count


def _ctrl_c_in_the_transaction(db_env, *args, ready=lambda: True, transaction=True) -> tuple[subprocess.Popen, str, str]:
    """Start a command, send Ctrl-C to its process group once ``ready()`` and (``transaction``) its write
    transaction is open."""
    server = h.Server() if h.SERVER else None
    try:
        process = h.popen(db_env, *args, start_new_session=True, preexec_fn=_interruptible)
        deadline = time.monotonic() + 120
        while not (ready() and (not transaction or _in_transaction(server))):
            assert process.poll() is None, f"ended before its transaction was seen: {process.communicate()}"
            assert time.monotonic() < deadline, "the write transaction was never seen"
            time.sleep(0.001)
        os.killpg(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=120)
        if server is not None:
            server.wait_until_alone()
    finally:
        if server is not None:
            server.close()
    return process, out, err


def _dump_then_change(db_env, tmp_path) -> tuple[Path, dict]:
    """A dump of the database, then a change to it: a restore would undo the change."""
    from tests.zoo import models as z

    h.bulk_rows(ROWS, TAGS)
    target = tmp_path / "dump"
    h.assert_ok(h.run(db_env, "dump2py", target, "--noinput", "-v", "0"))
    z.AutoPk.objects.filter(id__lte=100).delete()
    z.Tag.objects.filter(id__lte=10).update(name="changed after the dump")
    return target, h.fingerprint()


def _assert_one_line(process, err: str, message: str) -> None:
    assert process.returncode == 130, f"exit {process.returncode}\nstderr:\n{err[-3000:]}"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err[-3000:]
    assert err.strip().splitlines() == [f"CommandError: {message}"], err[-3000:]


def test_ctrl_c_during_restore_rolls_back(db_env, tmp_path):
    target, before = _dump_then_change(db_env, tmp_path)
    process, _out, err = _ctrl_c_in_the_transaction(db_env, "restore", target, "--noinput", "-v", "0")
    _assert_one_line(process, err, "restore was interrupted (Ctrl-C); rolled back: the database is unchanged.")
    assert h.fingerprint() == before


def test_ctrl_c_during_run_restore_py_rolls_back(db_env, tmp_path):
    target, before = _dump_then_change(db_env, tmp_path)
    process, _out, err = _ctrl_c_in_the_transaction(db_env, "run", target / "restore.py", "--noinput", "-v", "0")
    _assert_one_line(process, err, "restore was interrupted (Ctrl-C); rolled back: the database is unchanged.")
    assert h.fingerprint() == before


def test_ctrl_c_after_migrate_leaves_the_migrations_unapplied(db_env, shelf, manage, tmp_path):  # noqa: F811
    """migrate is part of the unit. On PostgreSQL and SQLite it runs inside the restore's transaction. MariaDB
    commits schema changes, so there the restore that must migrate is built in a scratch database beside the
    target (restore/scratch.py): Ctrl-C once migrate has run there leaves the target as it was, and the
    scratch is dropped."""
    h.bulk_rows(ROWS, TAGS)
    target = tmp_path / "dump"
    manage.ok("shell", "-c", f"from tests.shelf.scenario import make_dump; make_dump({str(target)!r})", env=apps_env("2.0"))
    drop_test_app_tables()  # shelf's tables and migrations are gone: the restore's migrate applies them again
    before = h.fingerprint()
    if connection.features.can_rollback_ddl:
        process, _out, err = _ctrl_c_in_the_transaction({**db_env, **apps_env("2.0")}, "restore", target, "--noinput", "-v", "0")
        _assert_one_line(process, err, "restore was interrupted (Ctrl-C); rolled back: the database is unchanged.")
        assert h.fingerprint() == before and _applied("shelf") == 0
        return
    from lino_migrate.restore.scratchnames import ScratchNames

    scratch = ScratchNames.of(str(connection.settings_dict["NAME"])).scratch
    process, _out, err = _ctrl_c_in_the_transaction(
        {**db_env, **apps_env("2.0")}, "restore", target, "--noinput", "-v", "0",
        ready=lambda: _applied("shelf", scratch) == 3, transaction=False,
    )
    _assert_one_line(process, err, "restore was interrupted (Ctrl-C); rolled back: the database is unchanged.")
    assert h.fingerprint() == before and _applied("shelf") == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = %s", [scratch])
        assert cursor.fetchone()[0] == 0, "the scratch database was left behind"


def _ctrl_c_at_the_prompt(db_env, *args) -> tuple[subprocess.Popen, str, str]:
    """Start a restore that asks for confirmation (stdin a pipe), press Ctrl-C when it asks."""
    connections.close_all()
    process = subprocess.Popen(
        [*h.MANAGE, *map(str, args)], cwd=REPO, env=db_env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=_interruptible,
    )
    h.STARTED.append(process)
    seen: list[str] = []

    def read_stdout() -> None:
        while char := process.stdout.read(1):
            seen.append(char)

    reader = threading.Thread(target=read_stdout, daemon=True)
    reader.start()
    deadline = time.monotonic() + 120
    while "Type 'yes' to continue" not in "".join(seen):
        assert process.poll() is None, f"ended before it asked: {''.join(seen)} {process.stderr.read()}"
        assert time.monotonic() < deadline, f"no question after 120 s: {''.join(seen)}"
        time.sleep(0.01)
    _wait_until_reading_stdin(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    process.wait(timeout=120)
    reader.join(timeout=10)
    err = process.stderr.read()
    process.stdin.close()
    return process, "".join(seen), err


def _wait_until_reading_stdin(pid: int, timeout: float = 10) -> None:
    """Until the process waits in read(): a SIGINT between input()'s prompt and its read() is only
    seen when the read returns (CPython checks signals in bytecode, and input() is one C call)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if "pipe_read" in Path(f"/proc/{pid}/wchan").read_text():
                return
        except OSError:  # no /proc (not Linux): a pause instead
            time.sleep(0.5)
            return
        time.sleep(0.01)


def test_ctrl_c_at_the_confirmation_prompt_changes_nothing(db_env, tmp_path):
    from tests.zoo import models as z

    z.Tag.objects.create(id=1, name="before")
    target = tmp_path / "dump"
    h.assert_ok(h.run(db_env, "dump2py", target, "--noinput", "-v", "0"))
    z.Tag.objects.filter(id=1).update(name="after")
    before = h.fingerprint()
    process, out, err = _ctrl_c_at_the_prompt(db_env, "restore", target)
    assert f"of the dump in {target}.\nType 'yes' to continue" in out, out
    _assert_one_line(process, err, "restore was interrupted (Ctrl-C); the database is unchanged.")
    assert h.fingerprint() == before

    # with --traceback, Ctrl-C shows where it happened, as Python does
    process, out, err = _ctrl_c_at_the_prompt(db_env, "restore", target, "--traceback")
    assert process.returncode != 0 and "Traceback" in err and "KeyboardInterrupt" in err, err[-3000:]
    assert h.fingerprint() == before


@pytest.mark.skipif(DB != "sqlite", reason="the same code on every database: once is enough")
def test_ctrl_c_of_a_script_run_by_run(manage, tmp_path):
    script = tmp_path / "wait.py"
    # the script takes Ctrl-C as Python does by default, also where the test runner ignores SIGINT
    script.write_text(
        "import os, signal, time\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "time.sleep(60)\n"
    )
    result = manage("run", script, env={})
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"CommandError: run was interrupted (Ctrl-C); {script} did not finish."

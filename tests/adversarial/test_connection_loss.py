"""The connection dies while dumping or restoring (killed from another session).

PostgreSQL: ``pg_terminate_backend(pid)``; MariaDB: ``KILL id``. The session
of the command is found in pg_stat_activity / information_schema.processlist
(the test database, not our own session). The shared servers are never
stopped. These tests exist only where there is a server (not with SQLite).
"""

from __future__ import annotations

import os
import subprocess
import time

import pytest

from tests.adversarial import helpers as h
from tests.adversarial.test_kill_restore import Watcher, _change_a_into_b

pytestmark = pytest.mark.django_db(transaction=True)


def _kill_session_when(server: h.Server, process, ready, timeout: float = 60) -> list[dict]:
    deadline = time.monotonic() + timeout
    while not ready():
        assert process.poll() is None, f"the command ended before its session could be killed: {process.communicate()}"
        assert time.monotonic() < deadline, "never ready"
        time.sleep(0.001)
    sessions = server.sessions()
    assert sessions, "no session of the command on the test database"
    for session in sessions:
        server.terminate(session["id"])
    return sessions


def _partial_files(parent, name="dump") -> int:
    for entry in os.listdir(parent):
        if entry.startswith(f".{name}.partial-"):
            try:
                return len(os.listdir(parent / entry))
            except FileNotFoundError:
                return 0
    return 0


if h.SERVER:

    @pytest.mark.parametrize("overwrite", [False, True], ids=["fresh", "overwrite"])
    def test_connection_killed_while_dumping(db_env, tmp_path, overwrite):
        h.bulk_rows(16_000, 3_000)
        target = tmp_path / "out" / "dump"
        target.parent.mkdir()
        before = None
        if overwrite:
            h.assert_ok(h.run(db_env, "dump2py", target, "zoo.Tag", "--noinput"))
            before = h.tree(target)
        server = h.Server()
        try:
            process = h.popen(db_env, "dump2py", target, "-m", "25", "--noinput", "--overwrite")
            killed = _kill_session_when(server, process, lambda: _partial_files(target.parent) >= 20)
            out, err = process.communicate(timeout=120)
            server.wait_until_alone()
        finally:
            server.close()
        result = subprocess.CompletedProcess(["dump2py"], process.returncode, out, err)
        message = h.assert_clean_failure(result, "Nothing was written")
        print(f"\nkilled {killed}\n{message}")
        assert "database" in message.lower()
        if overwrite:
            assert h.tree(target) == before
        else:
            assert not target.exists()
        assert h.leftovers(target.parent, "dump") == []

    @pytest.mark.parametrize("moment", ["before the transaction", "first write", "half way"])
    def test_connection_killed_while_restoring(db_env, tmp_path, moment):
        h.bulk_rows(8_000, 1_500)
        h.books_with_authors(300)
        dump_a, dump_b = tmp_path / "A", tmp_path / "B"
        h.assert_ok(h.run(db_env, "dump2py", dump_a, "--noinput"))
        _change_a_into_b()
        h.assert_ok(h.run(db_env, "dump2py", dump_b, "--noinput"))
        watcher = Watcher()
        try:
            half = 0.0
            if moment == "half way":  # calibrate: how long the write transaction lasts
                process = h.popen(db_env, "restore", dump_a, "--noinput", "-v", "0")
                opened = None
                while process.poll() is None:
                    if opened is None and watcher.in_transaction():
                        opened = time.monotonic()
                    time.sleep(0.001)
                process.communicate()
                assert process.returncode == 0 and opened is not None
                half = (time.monotonic() - opened) / 2
                restored_a = h.fingerprint()
                h.assert_ok(h.run(db_env, "restore", dump_b, "--noinput"))
            # A kill "half way" races with the end of the restore: when the restore wins,
            # put B back and try again earlier (at most 5 times).
            for attempt in range(5):
                before = h.fingerprint()
                process = h.popen(db_env, "restore", dump_a, "--noinput", "-v", "0")
                if moment == "before the transaction":
                    ready = lambda: bool(watcher.server.sessions())
                elif moment == "first write":
                    ready = watcher.in_transaction
                else:
                    def ready():
                        if not watcher.in_transaction():
                            return False
                        time.sleep(half)
                        return True
                try:
                    killed = _kill_session_when(watcher.server, process, ready)
                except AssertionError:
                    if moment != "half way" or attempt == 4:
                        raise
                    process.communicate(timeout=120)
                    watcher.settle()
                    h.assert_ok(h.run(db_env, "restore", dump_b, "--noinput"))
                    half /= 2
                    continue
                out, err = process.communicate(timeout=120)
                watcher.settle()
                if moment == "half way" and process.returncode == 0 and attempt < 4:
                    # The kill came after the commit: the restore won, and must have
                    # restored A whole. Put B back and try again earlier.
                    assert h.fingerprint() == restored_a, "a restore that exited 0 left other rows than the dump's"
                    h.assert_ok(h.run(db_env, "restore", dump_b, "--noinput"))
                    half /= 2
                    continue
                break
        finally:
            watcher.close()
        result = subprocess.CompletedProcess(["restore"], process.returncode, out, err)
        message = h.assert_clean_failure(result)
        print(f"\nkilled {killed}\n{message}")
        assert h.fingerprint() == before, "the rows of the database changed after a failed restore"


UNREACHABLE = {
    "sqlite": {"LM_DB_NAME": "/nonexistent/directory/db.sqlite3"},
    "postgresql": {"LM_PG_PORT": "1"},
    "mariadb": {"LM_MARIADB_PORT": "1"},
}


@pytest.mark.parametrize("command", ["restore", "dump2py"])
def test_database_that_cannot_be_reached(db_env, tmp_path, command):
    """No connection at all (every database): a clean error, nothing written, exit 1."""
    h.bulk_rows(10, 10)
    dump = tmp_path / "dump"
    h.assert_ok(h.run(db_env, "dump2py", dump, "--noinput"))
    env = {**db_env, **UNREACHABLE[h.DB]}
    if command == "restore":
        result = h.run(env, "restore", dump, "--noinput")
    else:
        result = h.run(env, "dump2py", tmp_path / "other", "--noinput")
        assert not (tmp_path / "other").exists() and h.leftovers(tmp_path, "other") == []
    message = h.assert_clean_failure(result)
    print(f"\n{message}")

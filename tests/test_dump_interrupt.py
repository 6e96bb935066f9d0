"""dump2py stopped or broken half-way, and --jobs from wherever it is called (issue 13, point 2.3).

- SIGTERM and Ctrl-C (SIGINT) of ``dump2py``, with or without ``--jobs``: a clean
  message, no ``TARGET`` and no hidden ``.TARGET.partial-*`` directory left.
- ``--jobs`` under the test runner (a test database) and from a program that
  calls ``settings.configure()``: the workers read the database the main
  process reads, and the dump is the one ``--jobs 1`` writes.
- A worker killed with SIGKILL ends the dump with a clear error, no hang, no
  partial directory.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from lino_migrate.testing import assert_same_dump
from tests.adversarial import helpers as h
from tests.conftest import DB, REPO

pytestmark = pytest.mark.django_db(transaction=True)

only_postgresql = pytest.mark.skipif(DB != "postgresql", reason="--jobs runs workers on PostgreSQL only")

ROWS, MAX_ROWS = 8_000, 20  # about 400 files, each synced: a dump of some seconds


def _wait_for_files(process: subprocess.Popen, parent: Path, name: str, count: int, timeout: float = 120) -> None:
    """Wait until the hidden partial directory of the dump holds ``count`` files."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"dump2py ended before the signal: {process.communicate()}"
        for entry in parent.iterdir():
            if entry.name.startswith(f".{name}.partial-"):
                try:
                    if len(os.listdir(entry)) >= count:
                        return
                except FileNotFoundError:
                    pass
        time.sleep(0.01)
    raise AssertionError(f"no partial directory with {count} files after {timeout} s")


def _interruptible() -> None:
    """In the child: take Ctrl-C as a terminal gives it, also when the tests run in a background job
    (a shell starts those with SIGINT ignored, and Python then leaves it ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_dump(db_env, parent: Path, *options: str) -> subprocess.Popen:
    process = h.popen(
        db_env, "dump2py", parent / "dump", "--noinput", "-m", MAX_ROWS, *options,
        start_new_session=True, preexec_fn=_interruptible,
    )
    _wait_for_files(process, parent, "dump", 20)
    return process


def _data_files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.iterdir() if p.name != "restore.py"}


def _finish(process: subprocess.Popen, timeout: float = 120) -> tuple[str, str]:
    try:
        return process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        raise AssertionError(f"dump2py did not end {timeout} s after the signal\nstderr:\n{err[-3000:]}") from None


def _workers(pid: int) -> list[int]:
    """The pids of the --jobs worker processes of ``pid`` (its spawned children, not the resource tracker)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid and "spawn_main" in cmdline:
            found.append(int(entry))
    return found


def _assert_stopped_cleanly(process, out, err, returncode, message, parent: Path) -> None:
    assert process.returncode == returncode, f"exit {process.returncode}\nstderr:\n{err[-3000:]}"
    assert "Traceback" not in err, err[-3000:]
    assert f"CommandError: {message}" in err, err[-3000:]
    assert sorted(p.name for p in parent.iterdir()) == [], "dump2py left these behind"


@pytest.mark.parametrize("jobs", [1, 2], ids=["one process", "jobs 2"])
def test_sigterm_leaves_no_partial_directory(db_env, tmp_path, jobs):
    if jobs > 1 and DB != "postgresql":
        pytest.skip("--jobs runs workers on PostgreSQL only")
    h.bulk_rows(ROWS)
    parent = tmp_path / "parent"
    parent.mkdir()
    process = _start_dump(db_env, parent, "--jobs", str(jobs))
    process.send_signal(signal.SIGTERM)  # the main process only, as `kill PID` does
    out, err = _finish(process)
    _assert_stopped_cleanly(process, out, err, 128 + signal.SIGTERM, "dump2py was stopped by SIGTERM; nothing was written.", parent)


@pytest.mark.parametrize("jobs", [1, 2], ids=["one process", "jobs 2"])
def test_ctrl_c_leaves_no_partial_directory(db_env, tmp_path, jobs):
    if jobs > 1 and DB != "postgresql":
        pytest.skip("--jobs runs workers on PostgreSQL only")
    h.bulk_rows(ROWS)
    parent = tmp_path / "parent"
    parent.mkdir()
    process = _start_dump(db_env, parent, "--jobs", str(jobs))
    os.killpg(process.pid, signal.SIGINT)  # the whole process group, as Ctrl-C in a terminal does
    out, err = _finish(process)
    _assert_stopped_cleanly(process, out, err, 128 + signal.SIGINT, "dump2py was interrupted (Ctrl-C); no dump was written.", parent)


@only_postgresql
def test_a_killed_worker_ends_the_dump_with_an_error(db_env, tmp_path):
    h.bulk_rows(ROWS)
    parent = tmp_path / "parent"
    parent.mkdir()
    process = _start_dump(db_env, parent, "--jobs", "2")
    workers = _workers(process.pid)
    assert len(workers) == 2, workers
    os.kill(workers[0], signal.SIGKILL)
    out, err = _finish(process)
    _assert_stopped_cleanly(process, out, err, 1, "A worker process of dump2py --jobs died", parent)


@only_postgresql
def test_jobs_under_the_test_runner_read_the_test_database(tmp_path):
    """In this very process (pytest-django): the workers must read the test database, not settings' NAME."""
    from tests.zoo.data import populate

    populate()
    assert connection.settings_dict["NAME"].startswith("test_")
    one, two = tmp_path / "one", tmp_path / "two"
    call_command("dump2py", str(one), "--noinput", "-m", "3", stdout=io.StringIO(), stderr=io.StringIO())
    call_command("dump2py", str(two), "--noinput", "-m", "3", "--jobs", "2", stdout=io.StringIO(), stderr=io.StringIO())
    assert_same_dump(one, two)


PROGRAM = """
import json, os, sys

import django
from django.conf import settings
from django.core.management import call_command

if __name__ == "__main__":
    settings.configure(**json.loads(os.environ["LM_TEST_SETTINGS"]))
    django.setup()
    call_command("dump2py", sys.argv[1], "--noinput", "-m", "3", "--jobs", "2")
"""


@only_postgresql
def test_jobs_from_a_program_with_configured_settings(manage, tmp_path):
    """No DJANGO_SETTINGS_MODULE: the workers get the settings the program gave settings.configure()."""
    from django.conf import settings

    from tests.zoo.data import populate

    populate()
    one, two = tmp_path / "one", tmp_path / "two"
    manage.ok("dump2py", one, "--noinput", "-m", "3")
    program = tmp_path / "program.py"
    program.write_text(textwrap.dedent(PROGRAM))
    configured = {
        "DATABASES": {"default": dict(connection.settings_dict)},
        "INSTALLED_APPS": list(settings.INSTALLED_APPS),
        "USE_TZ": settings.USE_TZ, "TIME_ZONE": settings.TIME_ZONE,
        "DEFAULT_AUTO_FIELD": settings.DEFAULT_AUTO_FIELD, "SECRET_KEY": "x",
    }
    env = {key: value for key, value in manage.env.items() if key != "DJANGO_SETTINGS_MODULE"}
    env["LM_TEST_SETTINGS"] = json.dumps(configured)
    connection.close()
    process = subprocess.Popen(
        [sys.executable, str(program), str(two)], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )
    out, err = _finish(process, timeout=180)
    assert process.returncode == 0, err[-3000:]
    # the same data files; restore.py records the settings module, which this program has not
    assert _data_files(one) == _data_files(two)

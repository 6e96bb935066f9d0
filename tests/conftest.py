"""Fixtures shared by the whole suite.

The suite runs against one database per pytest run, chosen with ``LM_DB``
(see ``tests/project/settings.py``). Commands are run as real subprocesses
that talk to the very test database that pytest-django created.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DB = os.environ.get("LM_DB", "sqlite")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _server_problem() -> str | None:
    """Why the database server of this run cannot be used, or None.

    Asked of the driver directly: pytest-django blocks Django's connections
    outside tests.
    """
    if DB == "sqlite":
        return None
    from django.conf import settings

    db = settings.DATABASES["default"]
    try:
        if DB == "postgresql":
            import psycopg

            psycopg.connect(
                host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"], dbname="postgres",
                connect_timeout=5,
            ).close()
        else:
            import MySQLdb

            MySQLdb.connect(
                host=db["HOST"], port=int(db["PORT"]), user=db["USER"], password=db["PASSWORD"], connect_timeout=5,
            ).close()
    except Exception as exc:  # driver missing or no server answering
        return f"{DB} not available ({type(exc).__name__}: {exc})"
    return None


def pytest_collection_modifyitems(config, items):
    problem = _server_problem()
    if problem is None:
        return
    if IN_CI:
        pytest.exit(f"CI=true and {problem}", returncode=1)
    marker = pytest.mark.skip(reason=problem)
    for item in items:
        item.add_marker(marker)


@pytest.fixture
def db_env(transactional_db) -> dict[str, str]:
    """Environment for a subprocess that uses the test database."""
    from django.db import connection

    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.project.settings",
        LM_DB=DB,
        LM_DB_NAME=str(connection.settings_dict["NAME"]),
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")])),
        PYTHONUNBUFFERED="1",
    )
    connection.close()  # let the subprocess have the database (SQLite locks)
    return env


class Manage:
    """Runs ``manage.py`` commands as subprocesses against the test database."""

    def __init__(self, env: dict[str, str]):
        self.env = env

    def __call__(self, *args: str, input: str | None = None, timeout: float = 300, env: dict | None = None) -> subprocess.CompletedProcess:
        from django.db import connections

        connections.close_all()
        return subprocess.run(
            [sys.executable, "-m", "django", *map(str, args)],
            cwd=REPO,
            env={**self.env, **(env or {})},
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def ok(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        """Run a command that must succeed; show its output when it does not."""
        result = self(*args, **kwargs)
        assert result.returncode == 0, (
            f"{args} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
        return result


@pytest.fixture
def manage(db_env) -> Manage:
    return Manage(db_env)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """For ``dev.py test``: the counts of this run, as JSON in the file ``LM_TEST_SUMMARY`` names."""
    path = os.environ.get("LM_TEST_SUMMARY")
    if not path or hasattr(config, "workerinput"):  # the controller of pytest-xdist counts for its workers
        return
    import json

    counts = {key: len(terminalreporter.stats.get(key, [])) for key in ("passed", "failed", "skipped", "error", "xfailed", "xpassed")}
    Path(path).write_text(json.dumps(counts))

"""The library example's upgrade tests, on the database of this run.

``examples/library`` is a project of its own (settings ``library_site``,
releases 1.0, 1.1 and 2.0 of its app ``library``) with its own tests: they
restore the stored dumps of 1.0 and 1.1 into 2.0 with ``RestoreTestCase``.
They run here in a pytest of their own (a subprocess: another settings
module, another app on the path) with ``LM_DB`` passed through, so that CI
proves the stored dumps restore into 2.0 on SQLite, PostgreSQL and MariaDB.
The example's test database is ``test_library_example`` (a temporary file
on SQLite), so it never meets this suite's own; with ``LM_DB_NAME`` set, on
PostgreSQL and MariaDB it is ``test_library_<LM_DB_NAME>``, so that runs side by
side never meet either. On MariaDB its replay tests (``ReplayTo20``) build in a
scratch database beside it (lino_migrate/restore/scratch.py).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "library"


def test_stored_dumps_restore_into_2_0():
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "LM_DB_NAME", "LIBRARY_DB")}
    env.update(
        LM_DB=os.environ.get("LM_DB", "sqlite"),
        LIBRARY_RELEASE="2.0",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")])),
        PYTHONUNBUFFERED="1",
    )
    if env["LM_DB"] != "sqlite" and os.environ.get("LM_DB_NAME"):
        env["LIBRARY_TEST_DB"] = f"test_library_{os.environ['LM_DB_NAME']}"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"],
        cwd=EXAMPLE, env=env, capture_output=True, text=True, timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"the example's tests failed (exit {result.returncode}):\n{output}"
    summary = [line for line in output.splitlines() if re.search(r"\d+ passed", line)][-1]
    counts = {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", summary)}
    assert counts.get("passed", 0) >= 8, f"too few tests passed: {summary}"
    assert not counts.get("skipped") and not counts.get("deselected"), f"the example's tests must not skip: {summary}\n{output}"
    assert re.search(r"library example: release 2\.0, database (\w+)", output).group(1) == {
        "sqlite": "sqlite3", "postgresql": "postgresql", "mariadb": "mysql"
    }[env["LM_DB"]], output

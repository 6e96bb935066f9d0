"""The benchmark with the database's own tools as steps (issue 12): a small run completes, checks the
native restore exact and prints the ratios the issue's targets are about; a missing tool is reported.

``benchmarks/run.py`` runs as a real subprocess against this run's database server (a SQLite file
of its own), on a database of its own that it creates and drops.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import django
import pytest

from tests.conftest import DB, REPO

#: The benchmark runs with the project's Django 5.2; under 4.2 and 6.1 it would only repeat it (CI time).
pytestmark = pytest.mark.skipif(django.VERSION[:2] != (5, 2), reason="the benchmark runs under Django 5.2")

NATIVE = {
    "sqlite": ("native dump: sqlite3 .dump --data-only", "native restore: sqlite3, the INSERTs in one transaction"),
    "postgresql": ("native dump: pg_dump -Fc -Z0 --data-only",
                   "native restore: pg_restore --data-only --single-transaction --disable-triggers"),
    "mariadb": ("native dump: mariadb-dump --no-create-info --single-transaction",
                "native restore: mariadb, the dump in one transaction"),
}
TARGETS = [
    "dump2py time / native dump time",
    "restore (default) time / native restore time (migrate included)",
    "restore --quick time / native restore time (migrate included)",
    "peak RSS dump2py (MB)",
    "peak RSS restore (MB)",
    "peak RSS restore --quick (MB)",
]


def _bench(tmp_path: Path, n: int, env: dict | None = None) -> tuple[subprocess.CompletedProcess, dict]:
    name = str(tmp_path / "bench.sqlite3") if DB == "sqlite" else f"{os.environ.get('LM_DB_NAME') or 'lm'}_bench_native"
    results = tmp_path / "results"
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--db", DB, "-n", str(n), "--no-peers-above", "0",
         "--db-name", name, "--results", str(results)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done, json.loads((results / f"{DB}-{n}.json").read_text())


def _row(stdout: str, tool: str) -> list[str]:
    lines = [line for line in stdout.splitlines() if line.startswith(f"| {tool} |")]
    assert len(lines) == 1, (tool, stdout)
    return [cell.strip() for cell in lines[0].strip("|").split("|")]


def test_native_steps_run_exact_and_print_the_ratios(tmp_path):
    done, result = _bench(tmp_path, 1000)
    dump_tool, restore_tool = NATIVE[DB]
    assert _row(done.stdout, dump_tool)[1] != "fails"
    assert _row(done.stdout, restore_tool)[-1] == "yes"  # every shop row equal to the source
    assert float(_row(done.stdout, "migrate (new database, before the native restore)")[1]) > 0
    for target in TARGETS:
        value = _row(done.stdout, target)[1]
        assert value != "n/a" and float(value) > 0, (target, done.stdout)
    assert "native restore, migrate included:" in done.stdout

    tools = {t["tool"]: t for t in result["tools"]}
    assert tools[restore_tool]["exact"] == "yes"
    assert tools[restore_tool]["with_migrate_s"] > tools[restore_tool]["wall_s"]
    assert [t["target"] for t in result["targets"]] == TARGETS
    assert all(t["value"] is not None and t["holds"] in (True, False) for t in result["targets"])
    if DB != "mariadb":  # the CPU time of a SQLite child, or of a PostgreSQL client and its server backends
        assert all(t["cpu_ratio"] > 0 for t in result["targets"][:3]), result["targets"]
    assert "shop_book_tags" in result["native"]["tables"] and "django_content_type" in result["native"]["tables"]


@pytest.mark.skipif(DB != "sqlite", reason="the sqlite3 shell is the tool a PATH can hide (PostgreSQL's are found outside PATH too)")
def test_a_missing_native_tool_is_reported_not_fatal(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    done, result = _bench(tmp_path, 200, env={**os.environ, "PATH": str(empty)})
    dump_tool, restore_tool = NATIVE[DB]
    assert _row(done.stdout, dump_tool)[-1] == "missing: no sqlite3 shell in PATH"
    assert _row(done.stdout, restore_tool)[-1] == "missing: no sqlite3 shell in PATH"
    assert _row(done.stdout, "lino-migrate restore")[-1] == "yes"
    assert _row(done.stdout, TARGETS[0])[1:] == ["n/a", "<= 3", "n/a", "n/a"]
    assert _row(done.stdout, TARGETS[3])[1] != "n/a"
    assert result["native"]["missing"] == "missing: no sqlite3 shell in PATH"

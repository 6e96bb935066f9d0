"""The replay case of the benchmark still runs: ``benchmarks/run.py --replay`` at a small size.

A benchmark is not a test of speed, but one that stops on a changed message
(the replay check once looked for "1 Django migrations" after the plural fix)
reports nothing when it is needed. So the replay case runs once here, at 300
books on SQLite, and must end with both ways giving the same rows and its ratio
printed (tests/test_benchmark_native.py runs the tools case).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import django
import pytest

from tests.conftest import DB, REPO

pytestmark = [
    pytest.mark.skipif(DB != "sqlite", reason="the benchmark's code paths are the same on every engine"),
    pytest.mark.skipif(django.VERSION[:2] != (5, 2), reason="the benchmark runs with the project's Django 5.2 (CI time)"),
]


def bench(tmp_path, *args: str) -> tuple[str, dict]:
    results = tmp_path / "results"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LM_", "DJANGO_SETTINGS"))}
    result = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--db", "sqlite", "-n", "300", "--db-name", str(tmp_path / "b.sqlite3"),
         "--results", str(results), *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    (written,) = results.glob("*.json")
    return result.stdout, json.loads(written.read_text())


def test_the_replay_case_runs_and_both_ways_give_the_same_rows(tmp_path):
    out, record = bench(tmp_path, "--replay")
    assert "replay / in place, best of each:" in out, out
    assert record["runs"] and record["same_rows"] is True, record["runs"]


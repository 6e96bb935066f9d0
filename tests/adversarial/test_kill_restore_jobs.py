"""SIGKILL ``restore --jobs 2`` (PostgreSQL) at 16 moments: exactly the old rows or exactly the dump's.

As in test_kill_restore.py, two complete dumps of two states A and B are
restored in turn. Eight kills come after a delay spread over the calibrated
duration; four once a worker is seen COPYing into its staging table; four once
the main process is seen moving staged rows in (``INSERT ... SELECT``). After
each kill the workers must end by themselves (the watchdog of ``stagework.py``);
the staging schema a kill leaves is dropped by the next restore, and after the
last one none is left.
"""

from __future__ import annotations

import collections
import time

import pytest

from tests.adversarial import helpers as h
from tests.adversarial.test_kill_restore import _change_a_into_b
from tests.conftest import DB

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(DB != "postgresql", reason="restore --jobs stages rows in workers on PostgreSQL only"),
]

ROWS, TAGS, AUTHORS = 30_000, 3_000, 1_000
JOBS = ("--jobs", "2")


def _phase(server: h.Server) -> str:
    """What the restore is doing, as seen from outside: staging, moving staged rows, or something else."""
    queries = [s["query"] for s in server.sessions() if s["state"] == "active"]
    if any(q.startswith("INSERT INTO") and "lm_restore_" in q for q in queries):
        return "INSERT ... SELECT"
    if any(q.startswith("COPY") and "lm_restore_" in q for q in queries):
        return "staging (COPY)"
    return "other" if server.sessions() else "not connected"


def _schemas(server: h.Server) -> list[str]:
    import psycopg

    from tests.dbstate import server_settings

    with psycopg.connect(dbname=server.name, autocommit=True, **server_settings()) as conn:
        return [r[0] for r in conn.execute("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, 'lm_restore_')")]


def test_sigkill_restore_jobs_at_16_moments(db_env, tmp_path):
    h.bulk_rows(ROWS, TAGS)
    h.books_with_authors(AUTHORS)
    dumps = {"A": tmp_path / "A", "B": tmp_path / "B"}
    h.assert_ok(h.run(db_env, "dump2py", dumps["A"], "--noinput"))
    prints = {"A": h.fingerprint()}
    _change_a_into_b()
    h.assert_ok(h.run(db_env, "dump2py", dumps["B"], "--noinput"))
    prints["B"] = h.fingerprint()
    server = h.Server()
    try:
        started = time.monotonic()
        h.assert_ok(h.run(db_env, "restore", dumps["A"], "--noinput", "-v", "0", *JOBS))
        duration = time.monotonic() - started
        assert h.fingerprint() == prints["A"]
        current = "A"
        print(f"\ncalibration: restore --jobs 2 takes {duration:.2f} s")
        plan = [("delay", duration * f) for f in (0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.95, 1.1)]
        plan += [("staging (COPY)", d) for d in (0.0, 0.05, 0.2, 0.5)]
        plan += [("INSERT ... SELECT", d) for d in (0.0, 0.01, 0.05, 0.1)]
        phases: collections.Counter = collections.Counter()
        outcomes: collections.Counter = collections.Counter()
        left_behind = 0
        seen: collections.Counter = collections.Counter()  # kills that came once their phase was seen
        for index, (kind, delay) in enumerate(plan):
            other = "B" if current == "A" else "A"
            process = h.popen(db_env, "restore", dumps[other], "--noinput", "-v", "0", *JOBS)
            reached = False
            if kind != "delay":
                deadline = time.monotonic() + 60
                while process.poll() is None and _phase(server) != kind and time.monotonic() < deadline:
                    time.sleep(0.0005)
                reached = process.poll() is None and time.monotonic() < deadline
            time.sleep(delay)
            phase = _phase(server)
            if not h.kill(process):
                assert process.returncode == 0, process.stderr
                phase = "finished before the kill"
            elif reached:
                seen[kind] += 1
            phases[phase] += 1
            server.wait_until_alone()  # the workers end without their main process; every backend rolls back
            now = h.fingerprint()
            assert now in (prints[current], prints[other]), f"kill {index} ({kind} {delay:.2f}, {phase}): neither state"
            outcome = "unchanged" if now == prints[current] else "restored"
            outcomes[outcome] += 1
            left = _schemas(server)
            left_behind += bool(left)
            assert len(left) <= 1, f"kill {index}: the schemas of earlier kills were not dropped: {left}"
            print(f"kill {index:2}: {kind:<18} {delay:5.2f} -> phase: {phase:<26} {outcome}, schema left: {bool(left)}")
            current = current if outcome == "unchanged" else other
        other = "B" if current == "A" else "A"
        h.assert_ok(h.run(db_env, "restore", dumps[other], "--noinput", "-v", "0", *JOBS))
        assert h.fingerprint() == prints[other]
        assert _schemas(server) == []
    finally:
        server.close()
    print("phases:", dict(phases))
    print("outcomes:", dict(outcomes))
    assert outcomes["unchanged"] >= 5, outcomes
    print("kills after their phase was seen:", dict(seen))
    assert seen["staging (COPY)"] >= 2 and seen["INSERT ... SELECT"] >= 2, seen
    assert left_behind >= 3, "a kill during the restore leaves its staging schema, for the next restore to drop"

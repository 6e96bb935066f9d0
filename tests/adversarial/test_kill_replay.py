"""SIGKILL a restore that replays at 10 moments: the database holds exactly its state before, or the restored one.

Two dumps written by release 2.0 of the test app ``replayed`` (A and B: other rows, other next
ids) are restored in turn into release 3.0, whose Django migrations carry them forward: the
rewind (the app's tables dropped and made again at 0001..0002), the load, then
0003_item_label, whose RunPython saves every row one by one (the slow part), the checks and the
commit all run in one transaction. The kills come after the transaction is seen open, spread
over its calibrated length; on PostgreSQL the statement each kill hit is recorded (DROP/CREATE:
the rewind, COPY: the load, UPDATE: the RunPython). Compared each time: every table's rows, the
whole schema, the applied migrations (by name) and every sequence (django_migrations' own left
out: each successful replay records the app's migrations again).
"""

from __future__ import annotations

import collections
import time
from pathlib import Path

import pytest

from tests.adversarial import helpers as h
from tests.conftest import DB
from tests.dbstate import database_state, differences
from tests.test_replay_edges import RELEASES, forget_test_apps

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(DB not in ("sqlite", "postgresql"), reason="MariaDB replays through a scratch database: tests/adversarial/test_kill_replay_mariadb.py"),
]

ROWS = {"A": 3000, "B": 2500}
FILL = """
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection
Item = apps.get_model("replayed", "Item")
Item.objects.bulk_create(Item(id=i * {step}, name="{name} %d" % i, size=i) for i in range(1, {rows} + 1))
with connection.cursor() as cursor:
    for sql in connection.ops.sequence_reset_sql(no_style(), [Item]):
        cursor.execute(sql)
Item.objects.create(name="last of {name}").delete()  # the next id is above every row
"""
#: Where in the transaction (a fraction of its calibrated length) each kill comes.
MOMENTS = [0.0, 0.02, 0.06, 0.12, 0.25, 0.4, 0.55, 0.7, 0.85, 0.97]
WORDS = {"DROP": "rewind", "CREATE": "rewind", "ALTER": "migration DDL", "COPY": "load", "INSERT": "load",
         "UPDATE": "RunPython", "SELECT": "query", "SET": "constraints", "SAVEPOINT": "savepoint",
         "RELEASE": "savepoint", "": "between statements"}


def env_of(db_env: dict, release: str) -> dict:
    return {**db_env, "LM_EXTRA_APPS": RELEASES[release]}


def fingerprint(db_name: str) -> dict:
    state = database_state(db_name, columns={"django_migrations": "app, name"})
    state["sequences"] = [s for s in state["sequences"] if not s[0].startswith("django_migrations")]
    return state


class Watcher:
    """Whether the restore's write transaction is open, and (PostgreSQL) which statement it runs."""

    def __init__(self, db_name: str):
        self.server = h.Server() if h.SERVER else None
        self.journal = Path(db_name + "-journal") if DB == "sqlite" else None

    def writing(self) -> list[dict]:
        return [s for s in self.server.sessions() if s["in_transaction"]
                and s["query"].split(None, 1)[:1] and s["query"].split()[0].upper() in ("DROP", "CREATE", "ALTER", "COPY", "INSERT", "UPDATE", "DELETE")]

    def in_transaction(self) -> bool:
        """The restore's transaction has begun to write (the rewind's first DROP TABLE)."""
        return self.journal.exists() if self.journal is not None else bool(self.writing())

    def open(self) -> bool:
        """A transaction is open (after in_transaction(): until the commit or the rollback)."""
        if self.journal is not None:
            return self.journal.exists()
        return any(s["in_transaction"] for s in self.server.sessions())

    def phase(self) -> str:
        if self.journal is not None:
            return "in the transaction (journal exists)" if self.journal.exists() else "no write transaction"
        busy = [s for s in self.server.sessions() if s["in_transaction"]]
        if not busy:
            return "no transaction"
        words = sorted({(s["query"].split(None, 1) or [""])[0].upper() for s in busy})
        return "/".join(WORDS.get(word, word) for word in words)

    def settle(self) -> None:
        if self.server is not None:
            self.server.wait_until_alone()

    def close(self) -> None:
        if self.server is not None:
            self.server.close()


def test_sigkill_replay_restore_at_10_moments(db_env, tmp_path):
    db_name = db_env["LM_DB_NAME"]
    forget_test_apps()
    dumps = {}
    for index, (name, rows) in enumerate(ROWS.items()):
        dumps[name] = tmp_path / name
        h.assert_ok(h.run(env_of(db_env, "2.0"), "migrate", "--noinput", "-v0"))
        h.assert_ok(h.run(env_of(db_env, "2.0"), "shell", "-c", FILL.format(step=index + 1, name=name, rows=rows)))
        h.assert_ok(h.run(env_of(db_env, "2.0"), "dump2py", dumps[name], "replayed", "--noinput", "-v0"))
        forget_test_apps()
    current = env_of(db_env, "3.0")
    h.assert_ok(h.run(current, "migrate", "--noinput", "-v0"))  # the restores' own migrate has nothing to do
    watcher = Watcher(db_name)
    try:
        prints, lengths = {}, []
        for name in ("A", "B", "A"):  # calibration: each state once, timed from the open transaction
            process = h.popen(current, "restore", dumps[name], "--noinput", "-v", "0")
            opened = ended = None
            while process.poll() is None:
                if opened is None and watcher.in_transaction():
                    opened = time.monotonic()
                elif opened is not None and ended is None and not watcher.open():
                    ended = time.monotonic()  # committed (the command goes on a while: its report, its exit)
                time.sleep(0.002)
            ended = ended or time.monotonic()
            _out, err = process.communicate()
            assert process.returncode == 0, err
            assert opened is not None, "the write transaction was never seen"
            lengths.append(ended - opened)
            watcher.settle()
            prints.setdefault(name, fingerprint(db_name))
        assert differences(prints["A"], prints["B"]), "A and B must differ"
        assert fingerprint(db_name) == prints["A"]
        length = min(lengths)
        print(f"\ncalibration: the replay's transaction lasts {', '.join(f'{x:.2f}' for x in lengths)} s")

        current_state, outcomes, phases, inside = "A", collections.Counter(), collections.Counter(), 0
        for index, fraction in enumerate(MOMENTS):
            other = "B" if current_state == "A" else "A"
            process = h.popen(current, "restore", dumps[other], "--noinput", "-v", "0")
            deadline = time.monotonic() + 120
            while process.poll() is None and not watcher.in_transaction() and time.monotonic() < deadline:
                time.sleep(0.0005)
            time.sleep(length * fraction)
            phase = watcher.phase()
            if h.kill(process):
                inside += 1
            else:
                assert process.returncode == 0, process.stderr
                phase = "finished before the kill"
            phases[phase] += 1
            watcher.settle()
            now = fingerprint(db_name)
            assert now in (prints[current_state], prints[other]), (
                f"kill {index} at {fraction} ({phase}): the database holds neither state:\n  "
                + "\n  ".join(differences(prints[current_state], now))
            )
            outcome = "unchanged" if now == prints[current_state] else "restored"
            outcomes[outcome] += 1
            print(f"kill {index}: {fraction:>4} of the transaction -> {phase:<40} {outcome}")
            current_state = current_state if outcome == "unchanged" else other
    finally:
        watcher.close()
        forget_test_apps()
    print("phases:", dict(phases), "outcomes:", dict(outcomes))
    # Every kill above left one state or the other; enough of them must have hit the transaction (the
    # machine's load changes its length from the calibration: a late kill may find it done).
    assert inside >= 5 and outcomes["unchanged"] >= 4, (phases, outcomes)
    if DB == "postgresql":
        assert phases["RunPython"] >= 1, phases  # killed inside the slow RunPython of a forward migration

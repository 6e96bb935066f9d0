"""SIGKILL restore at 20 moments: the database holds exactly its rows before, or exactly the dump's.

Two complete dumps, of two different states A and B of the database, are
restored in turn (the database always holds one state, and the other one is
restored). Ten kills come after a delay spread over the calibrated duration
of a restore; ten after the restore's write transaction is seen to be open
(the SQLite journal exists, or the server session is in a transaction), plus
a delay spread over the rest of the calibrated transaction. The phase each
kill hit is recorded and printed. On PostgreSQL, whose restore drops the
foreign keys for the load and makes them again after it, every key is there
after each kill, as it was.
"""

from __future__ import annotations

import collections
import time
from pathlib import Path

import pytest

from tests.adversarial import helpers as h
from tests.conftest import DB

pytestmark = pytest.mark.django_db(transaction=True)

ROWS, TAGS, AUTHORS = 8_000, 1_500, 300


def _change_a_into_b() -> None:
    from tests.zoo import models as z

    z.AutoPk.objects.filter(id__lte=1000).delete()
    z.AutoPk.objects.filter(id__gt=7000).update(name="changed in B")
    z.AutoPk.objects.bulk_create(z.AutoPk(id=100_000 + i, name=f"new in B {i}") for i in range(1500))
    z.Book.objects.filter(authorship__author_id__lte=30).delete()  # cascades Authorship and Book_tags
    z.Author.objects.filter(id__lte=30).delete()
    z.Tag.objects.filter(id__gt=1000, id__lte=1200).update(name="renamed in B")
    z.Country.objects.create(code="BE", name="Belgium")


def _first_word(query: str) -> str:
    """The statement's keyword, upper case; "" for a session between statements (empty query)."""
    words = query.split(None, 1)
    return words[0].upper() if words else ""


class Watcher:
    """Whether the restore's write transaction is open, as seen from outside."""

    def __init__(self):
        self.server = h.Server() if h.SERVER else None
        self.journal = Path(h.db_name() + "-journal") if DB == "sqlite" else None

    def phase(self) -> str:
        if self.journal is not None:
            return "write transaction (journal exists)" if self.journal.exists() else "no write transaction"
        sessions = self.server.sessions()
        if not sessions:
            return "not connected"
        words = [_first_word(s["query"]) or "-" for s in sessions]
        if any(s["in_transaction"] for s in sessions):
            # MariaDB: a statement is running (its transaction is not visible from outside)
            return ("in transaction: " if DB == "postgresql" else "running: ") + "/".join(sorted(set(words)))
        return "connected, no transaction"

    def in_transaction(self) -> bool:
        if self.journal is not None:
            return self.journal.exists()
        return any(
            s["in_transaction"] and _first_word(s["query"]) in ("TRUNCATE", "DELETE", "INSERT", "COPY")
            for s in self.server.sessions()
        )

    def settle(self) -> None:
        if self.server is not None:
            self.server.wait_until_alone()

    def close(self) -> None:
        if self.server is not None:
            self.server.close()


def test_sigkill_restore_at_20_moments(db_env, tmp_path):
    h.bulk_rows(ROWS, TAGS)
    h.books_with_authors(AUTHORS)
    dumps = {"A": tmp_path / "A", "B": tmp_path / "B"}
    h.assert_ok(h.run(db_env, "dump2py", dumps["A"], "--noinput"))
    prints = {"A": h.fingerprint()}
    _change_a_into_b()
    h.assert_ok(h.run(db_env, "dump2py", dumps["B"], "--noinput"))
    prints["B"] = h.fingerprint()
    assert prints["A"] != prints["B"]
    keys = h.foreign_keys()
    watcher = Watcher()
    try:
        # calibration: B -> A, timed, noting when the write transaction opens
        started = time.monotonic()
        process = h.popen(db_env, "restore", dumps["A"], "--noinput", "-v", "0")
        opened = None
        while process.poll() is None:
            if opened is None and watcher.in_transaction():
                opened = time.monotonic() - started
            time.sleep(0.002)
        duration = time.monotonic() - started
        _out, err = process.communicate()
        assert process.returncode == 0, err
        assert h.fingerprint() == prints["A"]
        current = "A"
        assert opened is not None, "the write transaction was never seen"
        print(f"\ncalibration: the restore takes {duration:.2f} s, its write transaction opens after {opened:.2f} s")

        fractions = [0.1, 0.25, 0.4, 0.55, 0.65, 0.75, 0.85, 0.92, 0.98, 1.1]
        in_tx = [0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 0.9]
        plan = [("delay", f, duration * f) for f in fractions] + [("in transaction", f, (duration - opened) * f) for f in in_tx]
        phases: collections.Counter = collections.Counter()
        outcomes: collections.Counter = collections.Counter()
        inside = 0  # kills after the write transaction was seen open, before the restore ended
        for index, (kind, fraction, delay) in enumerate(plan):
            other = "B" if current == "A" else "A"
            process = h.popen(db_env, "restore", dumps[other], "--noinput", "-v", "0")
            if kind == "in transaction":
                deadline = time.monotonic() + 60
                while process.poll() is None and not watcher.in_transaction() and time.monotonic() < deadline:
                    time.sleep(0.0005)
            time.sleep(delay)
            phase = watcher.phase()
            if not h.kill(process):
                assert process.returncode == 0, process.stderr
                phase = "finished before the kill"
            elif kind == "in transaction":
                inside += 1
            phases[phase] += 1
            watcher.settle()
            now = h.fingerprint()
            assert now in (prints[current], prints[other]), (
                f"kill {index} ({kind} {fraction}, {phase}): the database holds neither state:\n"
                + "\n".join(f"  {label}: {now[label]} (A {prints['A'][label]}, B {prints['B'][label]})"
                            for label in now if now[label] not in (prints["A"][label], prints["B"][label]))
            )
            assert h.foreign_keys() == keys, f"kill {index} ({kind} {fraction}, {phase}): the foreign keys changed"
            outcome = "unchanged" if now == prints[current] else "restored"
            outcomes[outcome] += 1
            print(f"kill {index:2}: {kind:<14} {fraction:>4} -> phase: {phase:<45} {outcome}")
            current = current if outcome == "unchanged" else other
    finally:
        watcher.close()
    print("phases:", dict(phases))
    print("outcomes:", dict(outcomes))
    assert sum(phases.values()) == 20
    assert outcomes["unchanged"] >= 5, outcomes
    print("kills after the write transaction was seen open:", inside)
    assert inside >= 5, phases

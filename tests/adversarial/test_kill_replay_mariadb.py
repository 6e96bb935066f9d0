"""SIGKILL a replay restore on MariaDB at each of its moments: the database holds its old rows, or the restored ones.

On MariaDB a replay restore builds the restored database in a scratch
database and swaps it in with one RENAME TABLE (lino_migrate/restore/scratch.py).
A dump of tests.replayed at its squashed 0002 (and of the zoo's AutoPk) is
restored into a database at state A, which is at the code's migrations
(tests/replaydb.py). A calibration run notes when each moment is seen in the
server's process list: the scratch database being built (its tables made, the
kept rows copied), the rows loaded, the forward migration (0003: a column, and
a RunPython that saves row by row), the check of the foreign keys, and the end. Then the restore is killed:
twice in each moment, as soon as it is seen (the RENAME too, if it is seen),
and six times spread around the swap: once the run is seen checking the
foreign keys (after the forward migrations), by fractions of the calibrated
time from there to the end.
After every kill the database's definitions and rows are exactly A or exactly
the restored state R; any kill before the swap leaves A. Whatever a kill left
behind is dropped by the next replay restore.
"""

from __future__ import annotations

import collections
import time

import pytest

from tests.adversarial import helpers as h
from tests.conftest import DB
from tests.replaydb import PrivateDatabase, differences, dump, items, server, write_items

pytestmark = pytest.mark.skipif(DB != "mariadb", reason="the scratch database and its swap are MariaDB's")

ITEMS, AUTOPK = 3000, 30_000
BEFORE_SWAP = ("building the scratch database", "loading the rows", "forward migrations")


class Watcher:
    """What the restore runs now, from the server's process list (its sessions on the three databases)."""

    def __init__(self, db: PrivateDatabase):
        self.conn = server()
        self.names = {db.name: "target", f"{db.name}__lm_replay": "scratch", f"{db.name}__lm_trash": "trash"}
        self.target = db.name

    def sessions(self) -> list[tuple[str, str]]:
        cursor = self.conn.cursor()
        marks = ", ".join(["%s"] * len(self.names))
        cursor.execute(f"SELECT db, coalesce(info, '') FROM information_schema.processlist WHERE db IN ({marks}) "
                       f"AND id <> CONNECTION_ID()", list(self.names))
        rows = cursor.fetchall()
        cursor.close()
        return [(self.names[db], info) for db, info in rows]

    def moment(self) -> str | None:
        found = None
        for where, info in self.sessions():
            words = " ".join(info.split()[:3]).upper()
            if words.startswith("RENAME TABLE"):
                return "swap"
            if where != "scratch":
                continue
            if words.startswith("CREATE TABLE") or (words.startswith("INSERT INTO") and f"FROM `{self.target}`." in info):
                found = "building the scratch database"
            elif words.startswith("INSERT INTO"):
                found = "loading the rows"
            elif words.startswith("SELECT REFERRING."):  # Django's check_constraints(), table by table
                found = "checking the foreign keys"
            elif "AUTO_INCREMENT =" in info:
                found = "setting the next ids"
            elif words.startswith("UPDATE `REPLAYED_ITEM`") or words.startswith("ALTER TABLE `REPLAYED_ITEM`"):
                found = "forward migrations"
        return found

    def settle(self, timeout: float = 60) -> None:
        """Wait until no session of a killed restore runs a statement any more."""
        deadline = time.monotonic() + timeout
        while any(info for _, info in self.sessions()):
            assert time.monotonic() < deadline, f"statements still running: {self.sessions()}"
            time.sleep(0.02)

    def close(self) -> None:
        self.conn.close()


def _state_a(db: PrivateDatabase) -> None:
    """The target before each restore: at the code's migrations, its rows changed since the old dump."""
    db.sql(f"UPDATE `{db.name}`.replayed_item SET name = 'changed in A', label = 'A' WHERE id <= 500")
    db.sql(f"DELETE FROM `{db.name}`.replayed_item WHERE id > 2500")
    write_items(db, items(200, start=10_000, prefix="new in A"), labelled=True)
    db.sql(f"DELETE FROM `{db.name}`.zoo_autopk WHERE id <= 1000")
    db.sql(f"UPDATE `{db.name}`.zoo_autopk SET name = 'changed in A' WHERE id > 29000")


def test_sigkill_a_mariadb_replay_at_each_moment(tmp_path):
    db = PrivateDatabase("kill")
    watcher = Watcher(db)
    try:
        db.old_state()
        write_items(db, items(ITEMS))
        for start in range(0, AUTOPK, 5000):
            db.many(f"INSERT INTO `{db.name}`.zoo_autopk (id, name) VALUES (%s, %s)",
                    [(i + 1, f"row {i}") for i in range(start, start + 5000)])
        old = dump(db, tmp_path / "old")
        db.ok("migrate", "--noinput", "-v0")
        _state_a(db)
        a_dump = tmp_path / "A"
        db.ok("dump2py", a_dump, "--noinput", "-v0")  # at the code's state: restores as it is, in one transaction

        def back_to_a() -> dict:
            h.assert_ok(db.command("restore", a_dump, "--noinput", "-v0"))
            return db.fingerprint(exact_migrations=False)

        state_a = back_to_a()

        # Calibration: when is each moment seen, and when does the restore end?
        started = time.monotonic()
        process = db.popen("restore", old, "--noinput", "-v0")
        seen: dict[str, list[float]] = collections.defaultdict(list)
        while process.poll() is None:
            moment = watcher.moment()
            if moment:
                seen[moment].append(time.monotonic() - started)
            time.sleep(0.002)
        duration = time.monotonic() - started
        _out, err = process.communicate()
        assert process.returncode == 0, err
        restored = db.fingerprint(exact_migrations=False)
        assert restored != state_a
        assert set(BEFORE_SWAP) <= set(seen), f"moments seen: {dict(seen)}"
        # After the forward migrations, before the swap; on a quiet machine the check can be too short to see.
        checks = min(seen.get("checking the foreign keys") or [max(seen["forward migrations"])])
        print(f"\ncalibration: {duration:.2f} s; " + ", ".join(
            f"{moment} {min(times):.2f}-{max(times):.2f} s" for moment, times in seen.items()))

        tail = duration - checks  # the foreign keys checked, the next ids, the swap, the drops
        plan = [("when seen", moment, 0.0) for moment in (*BEFORE_SWAP, "swap") for _ in range(2)]
        plan += [("around the swap", "", fraction * tail) for fraction in (0.0, 0.1, 0.2, 0.35, 0.5, 0.8)]
        outcomes: collections.Counter = collections.Counter()
        left_behind = 0
        current = "restored"
        for index, (kind, wanted, delay) in enumerate(plan):
            if current != "A":
                assert back_to_a() == state_a
            process = db.popen("restore", old, "--noinput", "-v0")
            started = time.monotonic()
            hit = None
            if kind == "when seen":
                deadline = started + 120
                while process.poll() is None and hit != wanted and time.monotonic() < deadline:
                    hit = watcher.moment()
                    time.sleep(0.0005)
            else:  # the delay counts from the check of the foreign keys, as this run sees it
                anchor = None
                while process.poll() is None and anchor is None:
                    hit = watcher.moment() or hit
                    if hit in ("checking the foreign keys", "setting the next ids", "swap"):
                        anchor = time.monotonic()
                    time.sleep(0.0005)
                while process.poll() is None and time.monotonic() - anchor < delay:
                    hit = watcher.moment() or hit
                    time.sleep(0.001)
            killed = h.kill(process)
            if not killed:
                assert process.returncode == 0, process.stderr
            watcher.settle()
            now = db.fingerprint(exact_migrations=False)
            assert now in (state_a, restored), (
                f"kill {index} ({kind} {wanted or round(delay, 2)}, last seen: {hit}): the database holds neither "
                f"its old rows nor the restored ones:\n{differences(now, state_a, restored)}"
            )
            current = "A" if now == state_a else "restored"
            if kind == "when seen" and wanted != "swap":  # (the RENAME may be too quick to be seen)
                assert hit == wanted, f"kill {index}: {wanted} was never seen"
                assert current == "A", f"kill {index} during {wanted}, before the swap, left the restored rows"
            left = db.databases()
            left_behind += bool(left)
            outcome = "unchanged" if current == "A" else ("restored" if killed else "finished before the kill")
            outcomes[(kind, outcome)] += 1
            print(f"kill {index:2}: {kind:<15} {wanted or f'+{delay:.2f} s after the FK check':<30} last seen: {str(hit):<30} "
                  f"-> {outcome}{', left ' + ', '.join(left) if left else ''}")
        print("outcomes:", dict(outcomes))
        assert outcomes[("when seen", "unchanged")] >= 2 * len(BEFORE_SWAP)
        # Not vacuous: some of the kills after the forward migrations landed while the restore still ran (on a
        # quiet machine the tail is short, and the later ones find it finished).
        assert outcomes[("around the swap", "unchanged")] + outcomes[("around the swap", "restored")] >= 2, outcomes
        assert left_behind >= 2 * len(BEFORE_SWAP)

        # The next replay restore drops what the kills left, and leaves nothing itself.
        if current != "A":
            back_to_a()
        result = db.command("restore", old, "--noinput")
        h.assert_ok(result)
        assert db.fingerprint(exact_migrations=False) == restored
        assert db.databases() == []
    finally:
        watcher.close()
        db.close()

"""SIGKILL dump2py at 20 moments: TARGET is absent, the previous dump, or the new one, and intact.

The moments are chosen deterministically: ten kills after a delay taken from
a spread over the calibrated duration of the dump, ten when the hidden partial
directory reaches a given stage (a number of files, restore.py written, the
swap done). Every other kill overwrites an existing dump. The phase each kill
hit is recorded (as observed just before the kill) and printed.
"""

from __future__ import annotations

import collections
import os
import shutil
import time
from pathlib import Path

import pytest

from tests.adversarial import helpers as h

pytestmark = pytest.mark.django_db(transaction=True)

ROWS, TAGS, AUTHORS = 16_000, 3_000, 400
MAX_ROWS = 25  # rows per file: about a thousand files, each synced


def _observe(parent: Path, name: str, previous_inode: int | None) -> tuple[str, int]:
    """(phase, number of files in the partial directory) as seen now."""
    target = parent / name
    partials = [p for p in os.listdir(parent) if p.startswith(f".{name}.partial-")]
    try:
        inode = os.stat(target).st_ino
    except FileNotFoundError:
        inode = None
    if inode is not None and inode != previous_inode:
        return "moved into place", 0
    if not partials:
        return "starting (no partial directory yet)", 0
    try:
        files = os.listdir(parent / partials[0])
    except FileNotFoundError:
        return "moving into place", 0
    if "restore.py" in files:
        return "restore.py written", len(files)
    if not files:
        return "partial directory created, no file yet", 0
    return "writing data files", len(files)


def _wait_for(process, parent: Path, name: str, previous_inode, condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if condition(*_observe(parent, name, previous_inode)):
            return
        time.sleep(0.0003)


def test_sigkill_dump2py_at_20_moments(db_env, tmp_path):
    h.bulk_rows(ROWS, TAGS)
    h.books_with_authors(AUTHORS)
    # the previous dump that --overwrite replaces: different content (only the tags)
    previous = tmp_path / "previous" / "dump"
    h.assert_ok(h.run(db_env, "dump2py", previous, "zoo.Tag", "--noinput"))
    previous_tree = h.tree(previous)

    # calibration: the complete dump, timed
    reference = tmp_path / "reference" / "dump"
    reference.parent.mkdir()
    started = time.monotonic()
    process = h.popen(db_env, "dump2py", reference, "-m", MAX_ROWS, "--noinput")
    first_file = None
    while process.poll() is None:
        phase, count = _observe(reference.parent, "dump", None)
        if first_file is None and count:
            first_file = time.monotonic() - started
        time.sleep(0.001)
    duration = time.monotonic() - started
    _out, err = process.communicate()
    assert process.returncode == 0, err
    reference_tree = h.without_created(h.tree(reference))
    files = len(reference_tree)
    assert files > 500
    print(f"\ncalibration: the dump takes {duration:.2f} s, first data file after {first_file:.2f} s, {files} files")

    fractions = [0.05, 0.2, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9, 0.97, 1.05]
    stages = [
        ("partial directory exists", lambda phase, n: phase != "starting (no partial directory yet)"),
        ("1 file", lambda phase, n: n >= 1 or phase in ("restore.py written", "moved into place")),
        ("10% of the files", lambda phase, n: n >= files * 0.1 or phase in ("restore.py written", "moved into place")),
        ("30% of the files", lambda phase, n: n >= files * 0.3 or phase in ("restore.py written", "moved into place")),
        ("50% of the files", lambda phase, n: n >= files * 0.5 or phase in ("restore.py written", "moved into place")),
        ("75% of the files", lambda phase, n: n >= files * 0.75 or phase in ("restore.py written", "moved into place")),
        ("all data files", lambda phase, n: n >= files - 1 or phase in ("restore.py written", "moved into place")),
        ("restore.py written", lambda phase, n: phase in ("restore.py written", "moved into place")),
        ("restore.py written", lambda phase, n: phase in ("restore.py written", "moved into place")),
        ("moved into place", lambda phase, n: phase == "moved into place"),
    ]
    plan = [("delay", f"{f:.0%} of the calibrated time", f) for f in fractions] + [("stage", s, c) for s, c in stages]

    phases: collections.Counter = collections.Counter()
    outcomes: collections.Counter = collections.Counter()
    leftover_partials = 0
    for index, (kind, what, arg) in enumerate(plan):
        overwrite = index % 2 == 1
        parent = tmp_path / f"kill{index}"
        parent.mkdir()
        target = parent / "dump"
        args = ["dump2py", target, "-m", MAX_ROWS, "--noinput"]
        inode = None
        if overwrite:
            shutil.copytree(previous, target)
            inode = os.stat(target).st_ino
            args.append("--overwrite")
        process = h.popen(db_env, *args)
        if kind == "delay":
            time.sleep(duration * arg)
        else:
            _wait_for(process, parent, "dump", inode, arg)
        phase, _ = _observe(parent, "dump", inode)
        killed = h.kill(process)
        if not killed:
            phase = "finished before the kill"
            assert process.returncode == 0, process.stderr
        phases[phase] += 1

        # the verdict: absent, the previous dump, or the new one, and intact
        if not target.exists():
            assert not overwrite, f"kill {index} ({what}, {phase}): --overwrite lost the previous dump"
            outcome = "absent"
        elif overwrite and h.tree(target) == previous_tree:
            outcome = "previous"
        else:
            assert h.without_created(h.tree(target)) == reference_tree, (
                f"kill {index} ({what}, {phase}): TARGET is neither the previous nor the new complete dump: "
                f"{sorted(h.tree(target))[:10]}..."
            )
            outcome = "new"
        if target.exists():
            intact, output = h.showdump_in_process(target)
            assert intact, f"kill {index} ({what}, {phase}): showdump:\n{output[-2000:]}"
        outcomes[f"{'overwrite' if overwrite else 'fresh'} -> {outcome}"] += 1
        rest = h.leftovers(parent, "dump")
        assert all(name.startswith(".dump.partial-") for name in rest), rest
        leftover_partials += len(rest)
        if SERVER_DB:
            server.wait_until_alone()
        print(f"kill {index:2}: {kind} {what:<28} -> phase: {phase:<40} outcome: {outcome}, leftovers: {len(rest)}")
        shutil.rmtree(parent)

    print("phases:", dict(phases))
    print("outcomes:", dict(outcomes))
    print("hidden .partial directories left by the kills:", leftover_partials)
    assert sum(phases.values()) == 20
    # the spread reached the writing of the files, and both ends
    assert phases["writing data files"] >= 3, phases
    assert outcomes["fresh -> absent"] >= 1 and outcomes["overwrite -> previous"] >= 1, outcomes


SERVER_DB = h.SERVER
server = None


@pytest.fixture(autouse=True)
def _server():
    global server
    if SERVER_DB:
        server = h.Server()
        yield
        server.close()
    else:
        yield

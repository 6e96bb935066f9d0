"""Hostile and broken dumps: showdump and restore refuse each one with one clear message.

Every case of ``corpus.CASES`` damages a copy of a real complete dump (the
nasty zoo of ``tests.zoo.data.populate()``). Both commands run as
subprocesses (at the same time). For each: exit status 1, no traceback, one
``CommandError`` naming the file (and the line where there is one), the
database unchanged, and the injected code never run (the marker file does
not exist). The few damages that the documented rules accept (extra files,
extra statements in restore.py) must restore the dump's rows exactly, still
without running anything.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from tests.adversarial import helpers as h
from tests.adversarial.corpus import ACCEPTED, CASES, LINE, VALUE_CASES
from tests.zoo import data

pytestmark = pytest.mark.django_db(transaction=True)

_CACHE: dict = {}


def _previous_state() -> None:
    h.bulk_rows(30, 10, prefix="previous")
    h.books_with_authors(4)


@pytest.fixture
def base_dump(db_env, tmp_path_factory):
    """(a complete dump of the populated zoo, its fingerprint); made once, then copied."""
    if "dump" not in _CACHE:
        data.populate()
        fingerprint = data.snapshot()
        target = tmp_path_factory.mktemp("hostile") / "dump"
        h.assert_ok(h.run(db_env, "dump2py", target, "--noinput"))
        call_command("flush", interactive=False, verbosity=0)
        _CACHE["dump"] = (target, fingerprint)
    return _CACHE["dump"]


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_dump(db_env, base_dump, tmp_path, case):
    source, dumped = base_dump
    _previous_state()
    before = h.fingerprint()
    target = h.copy_dump(source, tmp_path / "dump")
    marker = tmp_path / "MARKER"
    damage, expected = CASES[case]
    damage(target, marker)
    showdump, restore = h.run_parallel(db_env, ["showdump", target], ["restore", target, "--noinput"])
    assert not marker.exists(), "code from the dump was run"
    if expected == ACCEPTED:
        h.assert_ok(showdump)
        h.assert_ok(restore)
        after = data.snapshot()
        assert after == dumped, data.diff(dumped, after)
        assert not marker.exists()
        return
    # showdump checks the shape of the rows, not their values (see test_showdump_refuses_what_restore_refuses)
    for result in (restore,) if case in VALUE_CASES else (showdump, restore):
        message = h.assert_clean_failure(result)
        for needle in expected:
            if needle is LINE:
                assert re.search(r"line \d+", message), f"no line number in the message of {result.args[0]}:\n{message}"
            else:
                assert needle in message, f"{needle!r} not in the message of {result.args[0]}:\n{message}"
        assert "The dump is intact" not in result.stdout
    print(f"\n{case}: {restore.stderr.strip()[:300]}")
    assert h.fingerprint() == before, "the database changed"
    assert not marker.exists()


def test_showdump_refuses_what_restore_refuses(db_env, base_dump, tmp_path):
    """A dump that restore refuses for a value in a row should not be called intact by showdump."""
    source, _dumped = base_dump
    intact = []
    for case in VALUE_CASES:
        target = h.copy_dump(source, tmp_path / case)
        CASES[case][0](target, tmp_path / "MARKER")
        result = h.run(db_env, "showdump", target)
        if result.returncode == 0 or "The dump is intact" in result.stdout:
            intact.append(case)
    assert not intact, f"showdump calls these damaged dumps intact (restore refuses them): {intact}"

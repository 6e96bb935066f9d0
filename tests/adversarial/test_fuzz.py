"""Property-based mutation of real data files: never an unhandled exception, never a changed database.

The data files of a dump of the nasty zoo are mutated (bits flipped, bytes
deleted, inserted or replaced by JSON and Python tokens, lines duplicated,
swapped or cut), with their sha256 set to None in restore.py so that every
mutation reaches the parser.

- 1,100 cases go through the parsing path in-process: ``read_rows`` and the
  decoding of every value with the codec recorded in the dump (the code of
  ``restore``'s ``_Source``). Only ``LinoMigrateError`` may come out.
- 120 cases run ``call_command("restore", ...)`` in this process: either a
  clean success, or a ``CommandError`` and the database exactly as before.

The runs are derandomized: the same cases in every run.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lino_migrate.datafile import read_rows
from lino_migrate.errors import LinoMigrateError
from lino_migrate.restore import Restore
from lino_migrate.restore.decode import RowDecoder
from tests.adversarial import helpers as h
from tests.adversarial.corpus import edit_dump
from tests.zoo import data

pytestmark = pytest.mark.django_db(transaction=True)

MODELS = ["zoo.Texts", "zoo.Numbers", "zoo.Moments", "zoo.Decimals", "zoo.Floats", "zoo.Blobs", "zoo.JsonDoc",
          "zoo.Identifiers", "zoo.Flags", "zoo.Custom", "zoo.Node"]
TOKENS = [b"NaN", b"Infinity", b"-Infinity", b"1e999", b"-0", b"null", b"true", b"[", b"]", b",", b'"', b"\\",
          b"\\u0000", b"\\ud800", b"{}", b"[]", b"9" * 40, b"\n", b"\r", b"#", b"ROWS = [", b"__import__('os')",
          b"lambda: 0", b"\xff", b"\xc3", b"\xe2\x80\xa8", b'"2020-13-45"', b'"x"', b"0.1", b"-1"]

FUZZ_PARSER_CASES = 1_100
FUZZ_RESTORE_CASES = 120


@st.composite
def mutations(draw, originals: dict[str, bytes]):
    name = draw(st.sampled_from(sorted(originals)))
    content = bytearray(originals[name])
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "delete", "insert", "token", "dup-line", "swap-lines", "cut"]))
        at = draw(st.integers(0, max(0, len(content) - 1)))
        if kind == "flip" and content:
            content[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "delete":
            del content[at:at + draw(st.integers(1, 8))]
        elif kind == "insert":
            content[at:at] = draw(st.binary(min_size=1, max_size=6))
        elif kind == "token":
            token = draw(st.sampled_from(TOKENS))
            span = draw(st.integers(0, 3))
            content[at:at + span] = token
        elif kind in ("dup-line", "swap-lines"):
            lines = bytes(content).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if kind == "dup-line":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            content = bytearray(b"\n".join(lines))
        elif kind == "cut":
            del content[at:]
    return name, bytes(content)


@pytest.fixture
def zoo_dump(db_env, tmp_path):
    data.populate()
    target = tmp_path / "dump"
    h.assert_ok(h.run(db_env, "dump2py", target, *MODELS, "--noinput"))

    def unseal_all(dump):
        for info in dump["files"].values():
            info["sha256"] = None
    edit_dump(target, unseal_all)
    originals = {p.name: p.read_bytes() for p in target.iterdir() if p.name != "restore.py"}
    return target, originals


def test_fuzz_the_parser_and_the_codecs(zoo_dump):
    target, originals = zoo_dump
    checked = Restore(target).check()
    plan = checked.plan
    sources = {name: source for source in plan.sources for name in source.info.files}
    outcomes = {"refused": 0, "read": 0}

    @settings(max_examples=FUZZ_PARSER_CASES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(mutations(originals))
    def case(mutation):
        name, content = mutation
        path = target / name
        path.write_bytes(content)
        source = sources[name]
        # No resolver: the fuzzed models hold no ContentType or Permission references.
        decoder = RowDecoder(source, checked.manifest.time_zone, None, connection)
        try:
            for line_no, values in read_rows(path, len(source.info.fields)):
                decoder.decode(values, name, line_no)
        except LinoMigrateError as exc:
            assert name in str(exc)
            outcomes["refused"] += 1
        else:
            outcomes["read"] += 1
        finally:
            path.write_bytes(originals[name])

    case()
    print(f"\nparser fuzz: {outcomes}")
    assert sum(outcomes.values()) >= 1000
    assert outcomes["refused"] > 500


def test_fuzz_restore_in_process(zoo_dump):
    target, originals = zoo_dump
    outcomes = {"refused": 0, "restored": 0}
    state = {"before": h.fingerprint()}

    @settings(max_examples=FUZZ_RESTORE_CASES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(mutations(originals))
    def case(mutation):
        name, content = mutation
        path = target / name
        path.write_bytes(content)
        try:
            call_command("restore", str(target), interactive=False, verbosity=0)
        except CommandError as exc:
            assert "Traceback" not in str(exc)
            outcomes["refused"] += 1
            after = h.fingerprint()
            assert after == state["before"], f"the database changed after: {exc}"
        else:
            outcomes["restored"] += 1
            state["before"] = h.fingerprint()
        finally:
            path.write_bytes(originals[name])

    case()
    print(f"\nrestore fuzz: {outcomes}")
    assert sum(outcomes.values()) >= FUZZ_RESTORE_CASES
    assert outcomes["refused"] > FUZZ_RESTORE_CASES // 3

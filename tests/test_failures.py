"""Failures leave things as they were: interrupted dumps, restores failing half way, damaged dumps.

Commands run as real subprocesses against the test database (see ``tests/conftest.py``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_commands import (
    RawCode,
    assert_fails,
    dump,
    edit_dump,
    fresh,
    leftovers,
    literal,
    make_tags,
    read_dump,
    replace_in_file,
    replace_literal,
    row_lines,
    tree,
    unseal,
)
from tests.zoo import models as z

pytestmark = pytest.mark.django_db(transaction=True)


# --- an interrupted dump ----------------------------------------------------------------

BIG_ROWS = 60_000  # written 100 rows a file, each file synced: the dump takes seconds


def _big_table() -> None:
    z.AutoPk.objects.bulk_create((z.AutoPk(name=f"row number {i}") for i in range(BIG_ROWS)), batch_size=2000)


def _kill_while_writing(manage, target: Path, *args: str) -> None:
    """Start dump2py, SIGKILL it as soon as it has begun writing data files."""
    fresh()
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "dump2py", str(target), "zoo.AutoPk", "-m", "100", "--noinput", *args],
        cwd=REPO, env=manage.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            writing = False
            for partial in target.parent.glob(f".{target.name}.partial-*"):
                try:
                    writing = any(p.name.endswith(".py") for p in partial.iterdir())
                except FileNotFoundError:
                    pass
            if writing:
                break
            if process.poll() is not None:
                out, err = process.communicate()
                pytest.fail(f"dump2py ended (exit {process.returncode}) before it could be interrupted:\n{out.decode()}\n{err.decode()}")
            assert time.monotonic() < deadline, "dump2py never started writing"
            time.sleep(0.001)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL, "the dump finished before it was killed"


def test_killed_dump_leaves_no_target(manage, tmp_path):
    _big_table()
    target = tmp_path / "dump"
    _kill_while_writing(manage, target)
    assert not target.exists()
    # what is left is a hidden, incomplete sibling that no command takes for a dump
    partials = leftovers(tmp_path, "dump")
    assert partials and all(name.startswith(".dump.partial-") for name in partials)
    assert_fails(manage("showdump", target), "no such directory", code=1)
    assert_fails(manage("restore", target, "--noinput"), "no such directory", code=1)
    # and the next dump is not disturbed by it
    dump(manage, target, "zoo.Tag")
    manage.ok("showdump", target)


def test_killed_overwrite_leaves_the_previous_dump(manage, tmp_path):
    make_tags("alpha", "beta")
    target = tmp_path / "dump"
    dump(manage, target, "zoo.Tag")
    before = tree(target)
    _big_table()
    _kill_while_writing(manage, target, "--overwrite")
    assert tree(target) == before
    result = manage.ok("showdump", target)
    assert "The dump is intact" in result.stdout
    assert list(read_dump(target)["models"]) == ["zoo.Tag"]


# --- a restore failing half way ------------------------------------------------------------


def _state() -> dict[str, list]:
    fresh()
    return {
        "tags": list(z.Tag.objects.order_by("pk").values_list("pk", "name")),
        "authors": list(z.Author.objects.order_by("pk").values_list("pk", "name")),
        "countries": list(z.Country.objects.order_by("pk").values_list("pk", "code", "name")),
        "cities": list(z.City.objects.order_by("pk").values_list("pk", "country_id", "name")),
    }


def _populate() -> None:
    """The same rows (explicit primary keys) in every test: the dump of them can be reused."""
    for pk in range(1, 8):
        z.Tag.objects.create(pk=pk, name=f"tag {pk - 1}")
    for pk, name in enumerate(["Ann", "Bob", "Cy"], start=1):
        z.Author.objects.create(pk=pk, name=name)
    z.Country.objects.create(pk=1, code="BE", name="Belgium")
    z.Country.objects.create(pk=2, code="NL", name="Netherlands")
    z.Country.objects.create(pk=3, code="FR", name="France")
    z.City.objects.create(pk=1, country_id="BE", name="Eupen")
    z.City.objects.create(pk=2, country_id="BE", name="Liège")
    z.City.objects.create(pk=3, country_id="NL", name="Utrecht")


def _change() -> None:
    """After the dump: change, add and delete rows of every dumped model."""
    z.Tag.objects.filter(name="tag 0").delete()
    z.Tag.objects.filter(name="tag 3").update(name="changed")
    z.Tag.objects.create(pk=100, name="new tag")
    z.Author.objects.filter(name="Bob").update(name="Robert")
    z.City.objects.filter(name="Utrecht").delete()
    z.Country.objects.create(pk=4, code="DE", name="Germany")
    z.City.objects.create(pk=4, country_id="DE", name="Aachen")


SMALL_MODELS = ["zoo.Tag", "zoo.Author", "zoo.Country", "zoo.City"]


_CACHE: dict[str, tuple[dict, Path]] = {}


@pytest.fixture
def changed_dump(manage, tmp_path, tmp_path_factory) -> tuple[Path, dict, dict]:
    """(dump of SMALL_MODELS in files of 2 rows, the dumped state, the state of the database now).

    The dump is made by the first test and copied for the others (their data is the same).
    """
    _populate()
    dumped = _state()
    target = tmp_path / "dump"
    cached = _CACHE.get("small")
    if cached is not None and cached[0] == dumped:
        shutil.copytree(cached[1], target)
    else:
        dump(manage, target, *SMALL_MODELS, "-m", "2")
        copy = tmp_path_factory.mktemp("cached") / "dump"
        shutil.copytree(target, copy)
        _CACHE["small"] = (dumped, copy)
    _change()
    now = _state()
    assert now != dumped
    return target, dumped, now


def test_restore_failing_in_the_last_file_keeps_the_previous_rows(manage, changed_dump):
    target, dumped, previous = changed_dump
    d = read_dump(target)
    last_model = literal(target, "MODELS")[-1]
    last_file = d["models"][last_model]["files"][-1]
    assert len([name for info in d["models"].values() for name in info["files"]]) > 5
    line_no, line = row_lines(target / last_file)[-1]
    replace_in_file(target / last_file, line, line[:-2] + ', "unterminated,')
    unseal(target, last_file)
    result = manage("restore", target, "--noinput")
    assert_fails(result, last_file, f"line {line_no}", code=1)
    assert _state() == previous
    # the same dump, repaired, restores
    replace_in_file(target / last_file, line[:-2] + ', "unterminated,', line)
    manage.ok("restore", target, "--noinput")
    assert _state() == dumped


def test_restore_failing_on_a_duplicate_unique_value_keeps_the_previous_rows(manage, changed_dump):
    target, dumped, previous = changed_dump
    name = read_dump(target)["models"]["zoo.Country"]["files"][0]  # BE and NL
    line_no = next(no for no, text in row_lines(target / name) if '"NL"' in text)
    replace_in_file(target / name, '"NL"', '"BE"')
    unseal(target, name)
    result = manage("restore", target, "--noinput")
    assert_fails(result, "zoo.Country", name, f"line {line_no}", code=1)
    assert _state() == previous


def test_restore_failing_on_a_dangling_foreign_key_keeps_the_previous_rows(manage, changed_dump):
    target, dumped, previous = changed_dump
    files = read_dump(target)["models"]["zoo.City"]["files"]
    name = next(f for f in files if '"NL"' in (target / f).read_text())
    replace_in_file(target / name, '"NL"', '"XX"')
    unseal(target, name)
    result = manage("restore", target, "--noinput")
    assert_fails(result, "XX", code=1)
    assert "zoo.City" in result.stderr or "zoo_city" in result.stderr, result.stderr
    assert _state() == previous


def test_restore_failing_on_a_row_count_that_does_not_match_keeps_the_previous_rows(manage, changed_dump):
    target, dumped, previous = changed_dump
    name = read_dump(target)["models"]["zoo.Author"]["files"][-1]
    _, line = row_lines(target / name)[-1]
    replace_in_file(target / name, line + "\n", "")
    unseal(target, name)
    result = manage("restore", target, "--noinput")
    assert_fails(result, name, "rows", code=1)
    assert _state() == previous
    result = manage("showdump", target)
    assert_fails(result, name, code=1)


# --- damaged dumps ---------------------------------------------------------------------------


def _truncate(target, name):
    path = target / name
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _truncate_unsealed(target, name):
    """Cut at the start of the last row: a file that ends early, its checksum accepted."""
    path = target / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.rindex("\n[") + 1], encoding="utf-8")
    unseal(target, name)


def _flip(target, name):
    path = target / name
    data = bytearray(path.read_bytes())
    data[data.index(b"tag 1")] ^= 0x20
    path.write_bytes(bytes(data))


def _remove(target, name):
    (target / name).unlink()


def _not_utf8(target, name):
    path = target / name
    path.write_bytes(path.read_bytes().replace(b"tag 1", b"tag \xff"))
    unseal(target, name)


def _wrong_width(target, name):
    """A row with one value too many."""
    line = row_lines(target / name)[0][1]
    replace_in_file(target / name, line, line[:-2] + ', 42],')
    unseal(target, name)


DAMAGES = {
    "truncated": (_truncate, ["sha256"]),
    "truncated-unsealed": (_truncate_unsealed, ["truncated"]),
    "flipped-byte": (_flip, ["sha256"]),
    "missing": (_remove, ["missing"]),
    "not-utf8": (_not_utf8, ["UTF-8"]),
    "wrong-width": (_wrong_width, ["3 values"]),
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_damaged_data_file(manage, changed_dump, damage):
    target, dumped, previous = changed_dump
    name = read_dump(target)["models"]["zoo.Tag"]["files"][0]
    function, needles = DAMAGES[damage]
    function(target, name)
    for command in (["restore", target, "--noinput"], ["showdump", target]):
        result = manage(*command)
        assert_fails(result, name, *needles, code=1)
    assert _state() == previous


def _manifest_damage_extra_field(target):
    """DUMP describes a column that no data file has and the code does not know."""
    def change(d):
        d["models"]["zoo.Tag"]["fields"].append(("colour", "colour", "colour", "CharField", "text"))
    edit_dump(target, change)


def _manifest_damage_unlisted_model(target):
    """MODELS names a model that DUMP does not describe."""
    replace_literal(target, "MODELS", literal(target, "MODELS") + ["zoo.Ghost"])


def _manifest_damage_file_not_listed(target):
    """A model's file is not in DUMP['files']."""
    def change(d):
        d["models"]["zoo.Tag"]["files"].append("zoo_tag_99.py")
    edit_dump(target, change)


def _manifest_damage_bad_type(target):
    def change(d):
        d["files"][d["models"]["zoo.Tag"]["files"][0]]["rows"] = "two"
    edit_dump(target, change)


def _manifest_damage_path_in_name(target):
    def change(d):
        old = d["models"]["zoo.Tag"]["files"][0]
        d["files"]["../evil.py"] = d["files"].pop(old)
        d["models"]["zoo.Tag"]["files"][0] = "../evil.py"
    edit_dump(target, change)


def _manifest_damage_syntax(target):
    path = target / "restore.py"
    path.write_text(path.read_text().replace("MODELS = [", "MODELS = [[", 1))


MANIFEST_DAMAGES = {
    "extra-field": (_manifest_damage_extra_field, ["zoo.Tag", "colour"]),
    "unlisted-model": (_manifest_damage_unlisted_model, ["restore.py", "zoo.Ghost"]),
    "file-not-listed": (_manifest_damage_file_not_listed, ["restore.py", "zoo_tag_99.py"]),
    "bad-type": (_manifest_damage_bad_type, ["restore.py", "['rows']", "an integer"]),
    "path-in-name": (_manifest_damage_path_in_name, ["restore.py", "../evil.py"]),
    "syntax": (_manifest_damage_syntax, ["restore.py", "line", "not valid Python"]),
}


@pytest.mark.parametrize("damage", list(MANIFEST_DAMAGES))
def test_damaged_manifest(manage, changed_dump, damage):
    target, dumped, previous = changed_dump
    function, needles = MANIFEST_DAMAGES[damage]
    function(target)
    for command in (["restore", target, "--noinput"], ["showdump", target]):
        result = manage(*command)
        assert_fails(result, code=1)
        for needle in needles:  # showdump lists the problems on stdout, then fails
            assert needle in result.stderr + result.stdout, f"{needle!r} not in the output of {command[0]}"
        # restore.py contradicts its data files: not "intact"
        assert "The dump is intact" not in result.stdout, result.stdout
    assert _state() == previous


def test_model_unknown_to_the_code(manage, changed_dump):
    """A dump holding a model the current code does not have (e.g. removed by an upgrade)."""
    target, dumped, previous = changed_dump

    def rename(d):
        d["models"]["zoo.Gone"] = d["models"].pop("zoo.Author")
        for info in d["files"].values():
            if info["model"] == "zoo.Author":
                info["model"] = "zoo.Gone"
    edit_dump(target, rename)
    replace_literal(target, "MODELS", [("zoo.Gone" if label == "zoo.Author" else label) for label in literal(target, "MODELS")])
    result = manage("restore", target, "--noinput")
    assert_fails(result, "zoo.Gone", "--exclude zoo.Gone", code=1)
    assert _state() == previous
    # showdump: the dump itself is intact, but it does not fit the code
    result = manage("showdump", target)
    assert_fails(result, "does not fit the current code", code=1)
    assert "The dump is intact" in result.stdout
    assert "zoo.Gone: no such model" in result.stdout
    # and it restores without that model
    manage.ok("restore", target, "--noinput", "--exclude", "zoo.Gone")
    state = _state()
    assert state["tags"] == dumped["tags"] and state["cities"] == dumped["cities"]


def test_newer_dump_format_is_refused(manage, changed_dump):
    target, dumped, previous = changed_dump

    def newer(d):
        d["format"] = 99
    edit_dump(target, newer)
    for command in (["restore", target, "--noinput"], ["showdump", target], ["run", target / "restore.py", "--noinput"]):
        result = manage(*command)
        assert_fails(result, "format 99", "up to 1", "Upgrade lino-migrate", code=1)
    assert _state() == previous


# --- injected code is never run ----------------------------------------------------------------

INJECTED = '__import__("os").system("touch {marker}")'


def _inject_line(target, name, marker):
    """A line of code among the rows."""
    line = row_lines(target / name)[0][1]
    replace_in_file(target / name, line, f"{line}\n{INJECTED.format(marker=marker)},")
    unseal(target, name)


def _inject_value(target, name, marker):
    """Code as a value of a row."""
    line = row_lines(target / name)[0][1]
    replace_in_file(target / name, line, f"[1, {INJECTED.format(marker=marker)}],")
    unseal(target, name)


def _inject_header(target, name, marker):
    """Code before ROWS = [."""
    replace_in_file(target / name, "ROWS = [", f"{INJECTED.format(marker=marker)}\nROWS = [")
    unseal(target, name)


def _inject_after(target, name, marker):
    """Code after the closing ]."""
    path = target / name
    path.write_text(path.read_text() + INJECTED.format(marker=marker) + "\n")
    unseal(target, name)


def _inject_manifest_literal(target, name, marker):
    """Code instead of the MODELS literal of restore.py."""
    replace_literal(target, "MODELS", RawCode(f"[{INJECTED.format(marker=marker)} and 'zoo.Tag']"))


INJECTIONS = {
    "row-line": (_inject_line, "line"),
    "row-value": (_inject_value, "line"),
    "header": (_inject_header, "line"),
    "after-rows": (_inject_after, "line"),
    "manifest": (_inject_manifest_literal, "plain literal"),
}


@pytest.mark.parametrize("injection", list(INJECTIONS))
def test_injected_code_never_runs(manage, changed_dump, tmp_path, injection):
    target, dumped, previous = changed_dump
    name = read_dump(target)["models"]["zoo.Tag"]["files"][0]
    function, needle = INJECTIONS[injection]
    marker = tmp_path / "MARKER"
    function(target, name, marker)
    for command in (["restore", target, "--noinput", "--quick"], ["showdump", target]):
        result = manage(*command)
        assert_fails(result, needle, code=1)
        assert not marker.exists(), f"{command[0]} ran code from the dump"
    assert _state() == previous


def test_code_in_restore_py_is_not_run_by_restore_or_showdump(manage, changed_dump, tmp_path):
    """Statements added to restore.py run only when a person runs the script."""
    target, dumped, previous = changed_dump
    marker = tmp_path / "MARKER"
    path = target / "restore.py"
    path.write_text(path.read_text().replace("\nCREATED = ", f"\n{INJECTED.format(marker=marker)}\nCREATED = ", 1))
    manage.ok("showdump", target)
    manage.ok("restore", target, "--noinput", "--dry-run")
    assert not marker.exists()
    assert _state() == previous
    manage.ok("restore", target, "--noinput")
    assert not marker.exists()
    assert _state() == dumped

"""Every option of ``dump2py``, ``restore``, ``run`` and ``showdump``, run as real subprocesses.

The rows are created with the ORM in the test process (a transactional test
database, so the subprocesses see them); the commands run against the same
database through the ``manage`` fixture of ``tests/conftest.py``.
"""

from __future__ import annotations

import ast
import json
import os
import pprint
import re
import select
import stat
import subprocess
import sys
import time
from pathlib import Path

import django
import pytest
from django.contrib.auth.models import Group, User
from django.db import connection, connections

from lino_migrate.testing import assert_same_dump
from tests.conftest import REPO
from tests.zoo import models as z

pytestmark = pytest.mark.django_db(transaction=True)

SUMMARY = re.compile(r"^Dumped ([\d,]+) models?, ([\d,]+) rows? into ([\d,]+) files? \(([\d,]+) bytes?\) in (\d+\.\d) s: (.+)$", re.M)
AUTH_MODELS = {
    "auth.Group", "auth.Group_permissions", "auth.Permission",
    "auth.User", "auth.User_groups", "auth.User_user_permissions",
}


# --- helpers (also used by test_failures.py) --------------------------------------


def literal(target: Path, name: str):
    """The value of the top-level ``NAME = <literal>`` of ``TARGET/restore.py``."""
    source = (target / "restore.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"no {name} = ... in {target / 'restore.py'}")


def read_dump(target: Path) -> dict:
    return literal(target, "DUMP")


def replace_literal(target: Path, name: str, value) -> None:
    """Rewrite the ``NAME = ...`` statement of restore.py (as a person editing it would)."""
    path = target / "restore.py"
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and getattr(node.targets[0], "id", None) == name:
            text = value if isinstance(value, RawCode) else pprint.pformat(value, width=100, sort_dicts=True)
            lines[node.lineno - 1:node.end_lineno] = [f"{name} = {text}\n"]
            path.write_text("".join(lines), encoding="utf-8")
            return
    raise AssertionError(f"no {name} = ... in {path}")


class RawCode(str):
    """Source text written as is by ``replace_literal``."""


def edit_dump(target: Path, change) -> dict:
    dump = read_dump(target)
    change(dump)
    replace_literal(target, "DUMP", dump)
    return dump


def unseal(target: Path, *names: str) -> None:
    """Set the sha256 of data files to None: "edited on purpose"."""
    def change(dump):
        for name in names:
            dump["files"][name]["sha256"] = None
    edit_dump(target, change)


def row_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of every row line of a data file."""
    return [(no, line) for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if line.startswith("[")]


def rows_of(path: Path) -> list[list]:
    return [json.loads(line[:-1]) for _, line in row_lines(path)]


def replace_in_file(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def tree(target: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(target.iterdir())}


def data_files(target: Path) -> set[str]:
    return {p.name for p in target.iterdir() if p.suffix == ".py" and p.name != "restore.py"}


def leftovers(parent: Path, name: str) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(f".{name}."))


def assert_fails(result: subprocess.CompletedProcess, *needles: str, code: int | None = None) -> None:
    """The command failed cleanly: non-zero exit, no traceback, every needle in its stderr."""
    where = f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.returncode != 0, where
    if code is not None:
        assert result.returncode == code, where
    assert "Traceback" not in result.stderr, where
    for needle in needles:
        assert needle in result.stderr, f"{needle!r} not in stderr\n{where}"


def fresh() -> None:
    connections.close_all()


def tags() -> list[tuple[int, str]]:
    fresh()
    return list(z.Tag.objects.order_by("pk").values_list("pk", "name"))


def make_tags(*names: str) -> list[z.Tag]:
    return [z.Tag.objects.create(name=name) for name in names]


def dump(manage, target: Path, *args: str) -> subprocess.CompletedProcess:
    result = manage.ok("dump2py", target, *args, "--noinput")
    assert (target / "restore.py").is_file()
    return result


def change_tags() -> None:
    """Make the database differ from what was dumped."""
    z.Tag.objects.order_by("pk").first().delete()
    z.Tag.objects.filter(name="beta").update(name="BETA")
    z.Tag.objects.create(name="added after the dump")


# --- dump2py -------------------------------------------------------------------------


def test_dump_writes_restore_py_and_one_file_per_model(manage, tmp_path):
    make_tags("alpha", "beta", "gamma")
    z.Author.objects.create(name="Ann")
    target = tmp_path / "dump"
    result = dump(manage, target)
    d = read_dump(target)
    assert d["format"] == 1 and d["complete"] is True
    models = literal(target, "MODELS")
    assert sorted(models) == sorted(d["models"]) and "zoo.Tag" in models and "auth.User" in models
    # one file per model, each listed in DUMP with its rows and sha256, nothing else in TARGET
    assert data_files(target) == set(d["files"])
    assert {p.name for p in target.iterdir()} == set(d["files"]) | {"restore.py"}
    for label, info in d["models"].items():
        assert len(info["files"]) == 1, label
        name = info["files"][0]
        assert d["files"][name]["model"] == label
        assert len(row_lines(target / name)) == info["rows"] == d["files"][name]["rows"]
        assert re.fullmatch(r"[0-9a-f]{64}", d["files"][name]["sha256"])
    assert d["models"]["zoo.Tag"]["files"] == ["zoo_tag.py"]
    assert [row[1] for row in rows_of(target / "zoo_tag.py")] == ["alpha", "beta", "gamma"]
    assert d["models"]["zoo.Author"]["rows"] == 1
    assert "/restore.py" in (target / "restore.py").read_text().split("CREATED = ")[0]
    # the summary line tells the truth
    match = SUMMARY.search(result.stdout)
    assert match, result.stdout
    n_models, n_rows, n_files, n_bytes, _, where = match.groups()
    assert int(n_models.replace(",", "")) == len(d["models"])
    assert int(n_rows.replace(",", "")) == sum(info["rows"] for info in d["models"].values())
    assert int(n_files.replace(",", "")) == len(d["files"]) + 1
    assert int(n_bytes.replace(",", "")) == sum(p.stat().st_size for p in target.iterdir())
    assert where == str(target)
    assert result.stdout.strip().splitlines()[-1] == match.group(0)
    assert leftovers(tmp_path, "dump") == []


def test_dump_long_noinput_spelling(manage, tmp_path):
    make_tags("alpha")
    manage.ok("dump2py", tmp_path / "dump", "zoo.Tag", "--no-input")
    assert list(read_dump(tmp_path / "dump")["models"]) == ["zoo.Tag"]


def test_options_may_come_before_app_labels(manage, tmp_path):
    """``dump2py TARGET --noinput zoo.Tag`` (options between TARGET and the labels), as with Django's dumpdata."""
    make_tags("alpha")
    manage.ok("dump2py", tmp_path / "one", "--noinput", "zoo.Tag")
    assert list(read_dump(tmp_path / "one")["models"]) == ["zoo.Tag"]
    manage.ok("dump2py", tmp_path / "two", "-m", "5", "zoo.Tag", "--noinput")
    assert list(read_dump(tmp_path / "two")["models"]) == ["zoo.Tag"]


def test_dump_file_modes(manage, tmp_path):
    make_tags("alpha")
    target = tmp_path / "dump"
    old_umask = os.umask(0)
    try:
        dump(manage, target, "-m", "1")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    for path in target.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_existing_target_is_refused_without_overwrite(manage, tmp_path):
    make_tags("alpha")
    target = tmp_path / "dump"
    dump(manage, target, "zoo.Tag")
    before = tree(target)
    z.Tag.objects.create(name="beta")
    result = manage("dump2py", target, "--noinput", "zoo.Tag")
    assert_fails(result, str(target), "--overwrite", code=1)
    assert tree(target) == before
    assert leftovers(tmp_path, "dump") == []
    # a plain file in the way is refused the same way
    plain = tmp_path / "plain"
    plain.write_text("keep me")
    assert_fails(manage("dump2py", plain, "--noinput"), str(plain), "--overwrite")
    assert plain.read_text() == "keep me"


def test_overwrite_replaces_every_file_of_the_old_dump(manage, tmp_path):
    make_tags("alpha", "beta", "gamma")
    target = tmp_path / "dump"
    dump(manage, target, "zoo.Tag", "zoo.Author", "-m", "1")
    assert {"zoo_tag_1.py", "zoo_tag_2.py", "zoo_tag_3.py"} <= data_files(target)
    z.Tag.objects.create(name="delta")
    dump(manage, target, "zoo.Tag", "--overwrite")
    assert data_files(target) == {"zoo_tag.py"}  # no stale zoo_tag_N.py, no zoo_author.py
    assert [row[1] for row in rows_of(target / "zoo_tag.py")] == ["alpha", "beta", "gamma", "delta"]
    assert list(read_dump(target)["models"]) == ["zoo.Tag"]
    assert leftovers(tmp_path, "dump") == []
    manage.ok("showdump", target)


def test_overwrite_refuses_a_directory_that_is_not_a_dump(manage, tmp_path):
    make_tags("alpha")
    for name, files in [
        ("notes", {"notes.txt": "precious"}),
        ("foreign", {"restore.py": "print('someone else's script')\n", "data.py": "X = 1\n"}),
    ]:
        target = tmp_path / name
        target.mkdir()
        for file, text in files.items():
            (target / file).write_text(text)
        result = manage("dump2py", target, "--noinput", "--overwrite")
        assert_fails(result, str(target), "not a lino-migrate dump")
        assert {p.name: p.read_text() for p in target.iterdir()} == files
        assert leftovers(tmp_path, name) == []


def _run_on_tty(manage, args, answer: str | None) -> tuple[int, str]:
    """Run a command with a terminal as stdin, type ``answer``; return (exit code, all output)."""
    import pty

    fresh()
    master, slave = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "django", *map(str, args)], cwd=REPO,
            env=manage.env, stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        os.close(slave)
        slave = None
        if answer is not None:
            # wait for the question, then answer it
            output = b""
            deadline = time.monotonic() + 60
            while b"[y/N]" not in output and process.poll() is None and time.monotonic() < deadline:
                ready, _, _ = select.select([process.stdout], [], [], 0.1)
                if ready:
                    output += os.read(process.stdout.fileno(), 4096)
            os.write(master, answer.encode() + b"\n")
            rest, _ = process.communicate(timeout=120)
            return process.returncode, (output + rest).decode()
        out, _ = process.communicate(timeout=120)
        return process.returncode, out.decode()
    finally:
        os.close(master)
        if slave is not None:
            os.close(slave)


def test_dump_asks_on_a_terminal_before_replacing_a_dump(manage, tmp_path):
    make_tags("alpha")
    target = tmp_path / "dump"
    dump(manage, target, "zoo.Tag")
    before = tree(target)
    z.Tag.objects.create(name="beta")
    # "n": cancelled, the old dump untouched
    code, out = _run_on_tty(manage, ["dump2py", target, "zoo.Tag"], "n")
    assert code == 1 and "Replace it?" in out and "Dump cancelled" in out, out
    assert tree(target) == before
    # --noinput on a terminal: no question, refused
    code, out = _run_on_tty(manage, ["dump2py", target, "zoo.Tag", "--noinput"], None)
    assert code == 1 and "Replace it?" not in out and "--overwrite" in out, out
    assert tree(target) == before
    # "y": replaced
    code, out = _run_on_tty(manage, ["dump2py", target, "zoo.Tag"], "y")
    assert code == 0, out
    assert [row[1] for row in rows_of(target / "zoo_tag.py")] == ["alpha", "beta"]


def test_max_row_count_splits_files(manage, tmp_path):
    make_tags(*[f"tag {i}" for i in range(5)])
    target = tmp_path / "dump"
    dump(manage, target, "zoo.Tag", "zoo.Author", "--max-row-count", "2")
    d = read_dump(target)
    assert d["models"]["zoo.Tag"]["files"] == ["zoo_tag_1.py", "zoo_tag_2.py", "zoo_tag_3.py"]
    assert [d["files"][f"zoo_tag_{i}.py"]["rows"] for i in (1, 2, 3)] == [2, 2, 1]
    names = []
    for i in (1, 2, 3):
        rows = rows_of(target / f"zoo_tag_{i}.py")
        assert len(rows) <= 2
        names += [row[1] for row in rows]
    assert names == [f"tag {i}" for i in range(5)]
    assert "part 2 of 3, rows 3 to 4" in (target / "zoo_tag_2.py").read_text()
    # an empty table still has one (unnumbered) file
    assert d["models"]["zoo.Author"]["files"] == ["zoo_author.py"]
    assert data_files(target) == {"zoo_tag_1.py", "zoo_tag_2.py", "zoo_tag_3.py", "zoo_author.py"}
    # and it restores
    z.Tag.objects.all().delete()
    manage.ok("restore", target, "--noinput")
    assert [name for _, name in tags()] == [f"tag {i}" for i in range(5)]


def test_max_row_count_must_be_a_positive_integer(manage, tmp_path):
    """Usage errors, reported by argparse as Django does: exit 2, usage and the error on stderr."""
    target = tmp_path / "dump"
    for value, message in [("0", "must be at least 1, not 0"), ("-3", "must be at least 1, not -3"), ("x", "invalid int value: 'x'")]:
        result = manage("dump2py", target, "-m", value, "--noinput")
        assert_fails(result, "usage:", "error: argument -m/--max-row-count: " + message, code=2)
        assert result.stdout == ""
    result = manage("dump2py", target, "--max-row-count=0", "--noinput")
    assert_fails(result, "error: argument -m/--max-row-count: must be at least 1, not 0", code=2)
    assert not target.exists() and leftovers(tmp_path, "dump") == []


def test_app_labels_and_models_restrict_the_dump(manage, tmp_path):
    make_tags("alpha")
    target = tmp_path / "dump"
    dump(manage, target, "zoo.Tag", "auth")
    d = read_dump(target)
    assert set(d["models"]) == {"zoo.Tag"} | AUTH_MODELS
    assert set(literal(target, "MODELS")) == set(d["models"])
    assert d["complete"] is False
    assert data_files(target) == {info["files"][0] for info in d["models"].values()}
    # a model takes its auto-created many-to-many table along; model names are case-insensitive
    dump(manage, tmp_path / "books", "zoo.book")
    assert set(read_dump(tmp_path / "books")["models"]) == {"zoo.Book", "zoo.Book_tags"}


def test_exclude_is_repeatable(manage, tmp_path):
    make_tags("alpha")
    target = tmp_path / "dump"
    dump(manage, target, "zoo", "-e", "zoo.Tag", "--exclude", "zoo.Author")
    d = read_dump(target)
    assert "zoo.Tag" not in d["models"] and "zoo.Author" not in d["models"]
    assert "zoo.Book" in d["models"] and "zoo.Country" in d["models"]
    assert {"zoo.Author", "zoo.Tag"} <= set(d["excluded"])
    assert not {"zoo_tag.py", "zoo_author.py"} & data_files(target)
    # a whole app
    dump(manage, tmp_path / "noauth", "--exclude=auth")
    d = read_dump(tmp_path / "noauth")
    assert not AUTH_MODELS & set(d["models"]) and AUTH_MODELS <= set(d["excluded"])
    assert "zoo.Tag" in d["models"] and d["complete"] is False


def test_unknown_app_or_model_is_a_clear_error(manage, tmp_path):
    target = tmp_path / "dump"
    for args, message in [
        (["nope"], "Unknown app label 'nope'"),
        (["zoo.Nope"], "Unknown model 'zoo.Nope': app 'zoo' has no model 'Nope'"),
        (["-e", "nope"], "Unknown app label 'nope'"),
        (["zoo", "--exclude", "zoo.Nope"], "Unknown model 'zoo.Nope'"),
    ]:
        assert_fails(manage("dump2py", target, *args, "--noinput"), message, code=1)
        assert not target.exists() and leftovers(tmp_path, "dump") == []


def test_database_option(manage, tmp_path):
    make_tags("alpha")
    dump(manage, tmp_path / "dump", "zoo.Tag", "--database", "default")
    assert read_dump(tmp_path / "dump")["vendor"] == connection.vendor
    target = tmp_path / "other"
    result = manage("dump2py", target, "--noinput", "--database", "nope")
    assert_fails(result, "nope", code=1)
    assert not target.exists() and leftovers(tmp_path, "other") == []


def test_verbosity_0_prints_nothing(manage, tmp_path):
    make_tags("alpha")
    for name, option in [("one", ["--verbosity", "0"]), ("two", ["-v", "0"])]:
        result = dump(manage, tmp_path / name, *option)
        assert result.stdout == "" and result.stderr == ""
        assert read_dump(tmp_path / name)["models"]["zoo.Tag"]["rows"] == 1


def test_two_dumps_differ_only_in_created(manage, tmp_path):
    make_tags("alpha", "beta", "ünïcødé 🦎")
    z.Author.objects.create(name="Ann")
    User.objects.create(username="alice", email="alice@example.com", password="x")
    first, second = tmp_path / "1" / "dump", tmp_path / "2" / "dump"
    dump(manage, first)
    time.sleep(1.1)  # CREATED has a resolution of one second
    dump(manage, second)
    assert_same_dump(first, second)
    assert (first / "restore.py").read_bytes() != (second / "restore.py").read_bytes()
    assert literal(first, "CREATED") != literal(second, "CREATED")


def test_sessions_are_left_out_unless_named(manage, tmp_path):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.create(session_key="k" * 32, session_data="secret-session-data", expire_date=timezone.now())
    target = tmp_path / "all"
    dump(manage, target)
    d = read_dump(target)
    assert "sessions.Session" not in d["models"] and "sessions.Session" in d["excluded"]
    assert d["complete"] is True
    assert not any(b"secret-session-data" in data for data in tree(target).values())
    for spec in ["sessions", "sessions.Session"]:
        target = tmp_path / spec
        dump(manage, target, spec)
        d = read_dump(target)
        assert list(d["models"]) == ["sessions.Session"] and d["models"]["sessions.Session"]["rows"] == 1
        assert d["models"]["sessions.Session"]["files"] == ["sessions_session.py"]
        assert "secret-session-data" in (target / "sessions_session.py").read_text()


MISSING = z.SmallAutoPk  # only this test touches it: its table is dropped and created again


def _drop_missing_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {connection.ops.quote_name(MISSING._meta.db_table)}")


def _create_missing_table() -> None:
    fresh()
    if MISSING._meta.db_table not in connection.introspection.table_names():
        with connection.schema_editor() as editor:
            editor.create_model(MISSING)
    fresh()


@pytest.fixture
def dropped_table(transactional_db):
    _drop_missing_table()
    fresh()
    yield MISSING
    _create_missing_table()  # let pytest-django flush the database


def test_unreadable_table_fails_the_dump_cleanly(manage, tmp_path, dropped_table):
    make_tags("alpha")
    target = tmp_path / "dump"
    result = manage("dump2py", target, "--noinput")
    assert_fails(result, "zoo_smallautopk", "zoo.SmallAutoPk", "--tolerate", code=1)
    assert not target.exists() and leftovers(tmp_path, "dump") == []


def test_tolerate_skips_an_unreadable_table(manage, tmp_path, dropped_table):
    make_tags("alpha", "beta")
    target = tmp_path / "dump"
    result = manage("dump2py", target, "--noinput", "--tolerate")
    assert_fails(result, "zoo.SmallAutoPk", code=1)
    assert "zoo.SmallAutoPk" in result.stderr.strip().splitlines()[-1]  # the final error names it
    assert SUMMARY.search(result.stdout), result.stdout
    d = read_dump(target)
    assert "zoo.SmallAutoPk" in d["missing"] and "zoo.SmallAutoPk" not in d["models"]
    assert d["complete"] is False
    assert "zoo.SmallAutoPk" in literal(target, "MODELS")
    assert "zoo_smallautopk.py" not in data_files(target)
    assert d["models"]["zoo.Tag"]["rows"] == 2 and "zoo.Author" in d["models"]
    # showdump: intact, but the restore would refuse it as it is
    show = manage("showdump", target)
    assert_fails(show, "does not fit the current code", code=1)
    assert "zoo.SmallAutoPk: MISSING" in show.stdout and "The dump is intact" in show.stdout
    # the table is back (as after an upgrade); restoring needs --exclude
    _create_missing_table()
    change_tags()
    changed = tags()
    result = manage("restore", target, "--noinput")
    assert_fails(result, "zoo.SmallAutoPk", "--exclude zoo.SmallAutoPk", code=1)
    assert tags() == changed
    manage.ok("restore", target, "--noinput", "--exclude", "zoo.SmallAutoPk")
    assert [name for _, name in tags()] == ["alpha", "beta"]


# --- restore ---------------------------------------------------------------------------


@pytest.fixture
def tag_dump(manage, tmp_path) -> tuple[Path, list]:
    """A dump of zoo.Tag holding alpha, beta, gamma; the database then changed."""
    make_tags("alpha", "beta", "gamma")
    dumped = tags()
    target = tmp_path / "dump"
    dump(manage, target, "zoo.Tag")
    change_tags()
    assert tags() != dumped
    return target, dumped


def test_restore_noinput(manage, tag_dump):
    target, dumped = tag_dump
    result = manage.ok("restore", target, "--noinput")
    assert tags() == dumped
    lines = result.stdout.strip().splitlines()
    assert lines[0].split() == ["model", "rows"]
    assert any(line.split() == ["zoo.Tag", "3"] for line in lines)
    assert any(line.split() == ["total", "3"] for line in lines)
    assert lines[-1].startswith("Restored 3 rows of 1 model into database 'default' in ")
    assert "Type 'yes'" not in result.stdout
    # new rows get fresh ids after a restore (sequences were reset)
    fresh()
    assert z.Tag.objects.create(name="new").pk > max(pk for pk, _ in dumped)


def test_restore_cancelled_unless_yes(manage, tag_dump):
    target, dumped = tag_dump
    changed = tags()
    for answer in ["no\n", "", "y\n"]:  # "" is end of input
        result = manage("restore", target, input=answer)
        assert_fails(result, "Restore cancelled; the database is unchanged.", code=1)
        assert "Type 'yes' to continue" in result.stdout and "3 rows" in result.stdout
        assert str(target) in result.stdout
        assert tags() == changed


def test_restore_proceeds_on_yes(manage, tag_dump):
    target, dumped = tag_dump
    for answer in ["yes\n", " YES \n"]:
        result = manage.ok("restore", target, input=answer)
        assert "Type 'yes' to continue" in result.stdout
        assert "Restored 3 rows of 1 model" in result.stdout
        assert tags() == dumped
        change_tags()


def test_restore_dry_run_changes_nothing(manage, tag_dump):
    target, dumped = tag_dump
    changed = tags()
    result = manage.ok("restore", target, "--dry-run", input="")  # no question asked
    assert "Type 'yes'" not in result.stdout
    assert any(line.split() == ["zoo.Tag", "3"] for line in result.stdout.splitlines())
    assert "Would restore 3 rows of 1 model" in result.stdout and "dry run: rolled back" in result.stdout
    assert tags() == changed


def test_restore_database_option(manage, tag_dump):
    target, dumped = tag_dump
    changed = tags()
    result = manage("restore", target, "--noinput", "--database", "nope")
    assert_fails(result, "nope", code=1)
    assert tags() == changed
    manage.ok("restore", target, "--noinput", "--database", "default")
    assert tags() == dumped


def test_restore_verbosity_0(manage, tag_dump):
    target, dumped = tag_dump
    result = manage.ok("restore", target, "--no-input", "-v", "0")
    assert result.stdout == ""
    assert tags() == dumped


def test_restore_exclude(manage, tmp_path):
    make_tags("alpha")
    z.Author.objects.create(name="Ann")
    target = tmp_path / "dump"
    dump(manage, target, "zoo.Tag", "zoo.Author")
    z.Tag.objects.create(name="beta")
    z.Author.objects.create(name="Bob")
    result = manage.ok("restore", target, "--noinput", "-e", "zoo.Author")
    assert "zoo.Author" not in result.stdout
    assert [name for _, name in tags()] == ["alpha"]


def _user_dump(manage, tmp_path) -> tuple[Path, User]:
    alice = User.objects.create(username="alice", email="alice@example.com", password="x")
    Group.objects.create(name="readers")
    target = tmp_path / "dump"
    dump(manage, target, "auth.User", "auth.Group")
    path = target / "auth_user.py"
    replace_in_file(path, '"alice@example.com"', '"not an email"')
    unseal(target, "auth_user.py")
    User.objects.create(username="bob", email="bob@example.com", password="x")
    return target, alice


def _users() -> list[tuple]:
    fresh()
    return list(User.objects.order_by("pk").values_list("pk", "username", "email"))


def test_restore_validate_refuses_a_row_invalid_for_clean_fields(manage, tmp_path):
    target, alice = _user_dump(manage, tmp_path)
    before = _users()
    line = next(no for no, text in row_lines(target / "auth_user.py") if "not an email" in text)
    result = manage("restore", target, "--noinput", "--validate")
    assert_fails(
        result, f"auth.User pk={alice.pk} (auth_user.py, line {line}): email = 'not an email': is not valid: "
        "Enter a valid email address.", "Without --validate", code=1,
    )
    assert _users() == before
    # showdump accepts the edit (rows still parse and count)
    manage.ok("showdump", target)


@pytest.mark.parametrize("option", [[], ["--quick"]], ids=["default", "quick"])
def test_restore_without_validate_skips_the_model_rules(manage, tmp_path, option):
    target, alice = _user_dump(manage, tmp_path)
    manage.ok("restore", target, "--noinput", *option)
    assert _users() == [(alice.pk, "alice", "not an email")]
    fresh()
    assert list(Group.objects.values_list("name", flat=True)) == ["readers"]


# --- run -----------------------------------------------------------------------------------

SCRIPT = """\
import json, sys
from pathlib import Path
from django.conf import settings
from tests.zoo.models import Tag
Path(__file__).with_suffix(".json").write_text(json.dumps({
    "argv": sys.argv, "name": __name__, "configured": settings.configured,
    "tags": Tag.objects.count(), "first": Tag.objects.order_by("pk").first().name,
}))
"""


def test_run_runs_a_script_as_main_with_django_set_up(manage, tmp_path):
    make_tags("alpha", "beta")
    script = tmp_path / "some_script.py"
    script.write_text(SCRIPT)
    manage.ok("run", script, "a", "b", "--flag")
    seen = json.loads(script.with_suffix(".json").read_text())
    assert seen == {"argv": [str(script), "a", "b", "--flag"], "name": "__main__", "configured": True, "tags": 2, "first": "alpha"}
    # options the command itself knows go to the script too
    manage.ok("run", script, "--noinput", "-e", "x")
    assert json.loads(script.with_suffix(".json").read_text())["argv"] == [str(script), "--noinput", "-e", "x"]


def test_run_a_script_that_fails(manage, tmp_path):
    script = tmp_path / "fails.py"
    script.write_text("import sys\nsys.exit(3)\n")
    assert manage("run", script).returncode == 3


def test_run_missing_script(manage, tmp_path):
    result = manage("run", tmp_path / "nope.py", "a")
    assert_fails(result, f"{tmp_path / 'nope.py'}: no such file", code=1)
    result = manage("run", tmp_path)  # a directory is not a script
    assert_fails(result, "no such file", code=1)


def test_run_restore_py(manage, tag_dump):
    target, dumped = tag_dump
    changed = tags()
    result = manage("run", target / "restore.py", input="no\n")
    assert_fails(result, "Restore cancelled", code=1)
    assert tags() == changed
    result = manage.ok("run", target / "restore.py", "--dry-run")
    assert "Would restore 3 rows" in result.stdout and tags() == changed
    result = manage.ok("run", target / "restore.py", "--noinput")
    assert "Restored 3 rows of 1 model" in result.stdout
    assert tags() == dumped


# --- showdump -----------------------------------------------------------------------------


def test_showdump_of_an_intact_dump(manage, tmp_path):
    make_tags(*[f"tag {i}" for i in range(5)])
    target = tmp_path / "dump"
    dump(manage, target, "zoo", "auth", "-m", "2", "-e", "zoo.Book")
    d = read_dump(target)
    result = manage.ok("showdump", target)
    out = result.stdout
    assert result.stderr == ""
    assert f"Dump {target}" in out
    assert f"created:     {literal(target, 'CREATED')}" in out
    assert "format:      1" in out
    assert f"Django {django.__version__}" in out and "lino-migrate 0.1.0" in out
    assert "settings:    tests.project.settings" in out
    assert f"database:    {connection.vendor}" in out
    assert "complete:    no" in out
    assert "zoo.Book" in out.split("left out:")[1].splitlines()[0]
    # apps with their versions
    apps_lines = {line.split()[0]: line.split()[1] for line in out.split("Apps\n")[1].split("Models\n")[0].splitlines()}
    assert apps_lines["auth"] == django.__version__
    assert apps_lines["zoo"] == "unversioned"
    # models with rows and files
    tag_line = next(line for line in out.splitlines() if line.split()[:1] == ["zoo.Tag"])
    next_id = str(max(z.Tag.objects.values_list("pk", flat=True)) + 1)
    assert tag_line.split() == ["zoo.Tag", "5", "rows", "next", "id", next_id, "zoo_tag_1.py,", "zoo_tag_2.py,", "zoo_tag_3.py"]
    assert any(line.split()[:3] == ["auth.User", "0", "rows"] for line in out.splitlines())
    assert "no such" not in out and "WARNING" not in out.upper()
    assert out.strip().splitlines()[-1] == f"The dump is intact: {len(d['files'])} data files match their checksums."


def test_showdump_flipped_byte(manage, tmp_path):
    make_tags("alpha", "beta")
    target = tmp_path / "dump"
    dump(manage, target, "zoo.Tag", "zoo.Author")
    path = target / "zoo_tag.py"
    data = bytearray(path.read_bytes())
    data[data.index(b"alpha")] ^= 0x01
    path.write_bytes(bytes(data))
    result = manage("showdump", target)
    assert_fails(result, "damaged", "zoo_tag.py", "sha256", code=1)
    assert "The dump is intact" not in result.stdout
    assert "zoo_author.py" not in result.stderr


def test_showdump_missing_file(manage, tmp_path):
    make_tags("alpha")
    target = tmp_path / "dump"
    dump(manage, target, "zoo.Tag", "zoo.Author")
    (target / "zoo_author.py").unlink()
    result = manage("showdump", target)
    assert_fails(result, "damaged", "zoo_author.py: missing", code=1)


def test_showdump_not_a_dump(manage, tmp_path):
    assert_fails(manage("showdump", tmp_path / "nothing"), "no such directory", code=1)
    assert_fails(manage("showdump", tmp_path), "no restore.py", code=1)

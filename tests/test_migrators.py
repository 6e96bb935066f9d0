"""Migrators, run for real: dumps written by one release of the test apps, restored by another.

The test apps live in tests/shelf/ (see its __init__): shelf 1.0, 1.1 and 2.0, desk 1.0 and 2.0.
Every command runs as a subprocess against the test database; rows are read back with raw SQL.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.shelf.helpers import assert_fails, drop_test_app_tables, dump_store, rows, shelf, snapshot, table_names  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

GOOD_V1_1 = "migrator shelf 1.1 (tests.shelf.v2.migrators.v1_1)"
GOOD_V2_0 = "migrator shelf 2.0 (tests.shelf.v2.migrators.v2_0)"


def assert_upgraded_rows() -> None:
    """The rows of the scenario after the 2.0 migrators (whichever release wrote the dump)."""
    assert rows("shelf_author", "id, first_name, last_name") == [(1, "Ada", "Lovelace"), (2, "Homer", "")]
    assert rows("shelf_book", "id, title, author_id, isbn, code, slug") == [
        (1, "Notes on the Engine", 1, "111", "none", "notes-on-the-engine"),  # AddField value and callable(row)
        (2, "Odyssey", 2, "222", "none", "odyssey"),
        (1001, "Byte #7", 1, "", "none", "byte-7"),  # a Magazine whose row.model became shelf.Book
    ]
    assert [(i, who, bool(r), b) for i, who, r, b in rows("shelf_loan", "id, who, returned, book_id")] == [
        (1, "ANN", False, 1),  # values changed; loan 2 (returned) dropped
        (3, "CY", False, 1),
    ]
    assert rows("shelf_note", "id, text") == [(1, "single"), (200, "a"), (201, "b"), (202, "c")]  # split
    assert rows("shelf_member", "id, name") == [(1, "Ann"), (2, "Bob")]
    assert rows("shelf_contact", "id, member_id, kind, value") == [(1, 1, "email", "ann@example.org")]  # fan out
    assert "shelf_tag" not in table_names() and "shelf_magazine" not in table_names()


# --- every operation, chains ---------------------------------------------------


def test_upgrade_from_1_0_runs_every_operation(shelf):
    dump = shelf.dump("1.0")
    result = shelf.restore(dump)
    assert result.returncode == 0, result.stderr
    assert_upgraded_rows()
    for line in ["shelf.Author                         2", "shelf.Book                           3",
                 "shelf.Note                           4", "shelf.Contact                        1",
                 "shelf.Loan                           2"]:
        assert line.split()[0] in result.stdout
        assert line.split() in [l.split() for l in result.stdout.splitlines()], result.stdout
    assert "shelf.Tag" not in result.stdout and "shelf.Writer" not in result.stdout


def test_chain_runs_the_migrators_after_the_dumped_version_in_order(shelf):
    """1.0 -> 2.0 runs 1.1 then 2.0 (slug_of of 2.0 reads title, named so by 1.1); 1.1 -> 2.0 runs only 2.0."""
    report = shelf.restore_report(shelf.dump("1.0"))
    assert report["migrators"] == [GOOD_V1_1, GOOD_V2_0]
    assert report["read"]["shelf.Writer"] == 2 and report["read"]["shelf.Magazine"] == 1
    assert {k: v for k, v in report["rows"].items() if k.startswith("shelf.")} == {
        "shelf.Author": 2, "shelf.Book": 3, "shelf.Loan": 2, "shelf.Note": 4, "shelf.Member": 2, "shelf.Contact": 1,
    }
    assert_upgraded_rows()

    drop_test_app_tables()
    report = shelf.restore_report(shelf.dump("1.1"))
    assert report["migrators"] == [GOOD_V2_0]
    assert report["read"]["shelf.Author"] == 2
    assert_upgraded_rows()


def test_chains_of_several_apps_and_an_operation_on_another_app(shelf):
    dump = shelf.dump("1.0", desk="1.0")
    report = shelf.restore_report(dump, desk="2.0", migrators="tests.shelf.alt.cross")
    assert report["migrators"] == [
        "migrator shelf 1.1 (tests.shelf.alt.cross.v1_1)",
        "migrator shelf 2.0 (tests.shelf.alt.cross.v2_0)",
        "migrator desk 2.0 (tests.shelf.desk_v2.migrators.v2_0)",
    ]
    assert rows("desk_desk", "id, title") == [(1, "oak")]  # desk's own RenameField
    assert rows("desk_lamp", "id, desk_id, color, watts") == [(1, 1, "green", 40)]  # shelf's AddField("desk.Lamp", ...)
    assert_upgraded_rows()


# --- the static check ------------------------------------------------------------


def test_static_check_lists_every_problem_in_one_message(shelf):
    dump = shelf.dump("1.0")
    before = snapshot()
    result = shelf.restore(dump, migrators="tests.shelf.alt.static_bad")
    bad = "migrator shelf 2.0 (tests.shelf.alt.static_bad.v2_0)"
    stderr = assert_fails(
        result,
        "The dump does not fit the current code:",
        # an operation naming a model the dumped rows do not have
        f"{bad}: Rename model Ghost to Spirit: the dumped rows have no model shelf.Ghost at this point",
        # RenameField of a field that does not exist
        f"{bad}: Rename field Book.subtitle to sub: shelf.Book has no field 'subtitle' at this point",
        # AddField with the placeholder of makemigrator
        f"{bad}: Add field Book.slug = ...: the default is still the placeholder `...`",
        # an unknown field of a routed model, and of a model no migrator touches
        "shelf.Book.pages: after the migrators, the dumped rows still have this field",
        "shelf.Member.email: no such field in the current code",
        "migrators.RenameField('Member', 'email', 'new_name') or migrators.RemoveField('Member', 'email')",
        # a new NOT NULL field without a default and no AddField
        "shelf.Book.code: the dump has no value for this field, which is NOT NULL and has no default.",
        "Fix: in a migrator of shelf with version = \"2.0\", add migrators.AddField('Book', 'code', default=...)",
        # unknown models
        "shelf.Tag: no such model in the current code (the dump has 2 rows of it)",
        "migrators.RemoveModel('Tag')",
        "shelf.Magazine: no such model in the current code",
        "--exclude shelf.Magazine",
    )
    assert stderr.count("CommandError") == 1
    assert snapshot() == before  # refused before migrate: nothing changed


def test_two_migrators_with_the_same_version(shelf):
    dump = shelf.dump("1.0")
    result = shelf.restore(dump, migrators="tests.shelf.alt.dup")
    assert_fails(result, "App 'shelf' has two migrators for version 2.0: tests.shelf.alt.dup.a and tests.shelf.alt.dup.b")


def test_showdump_lists_problems_of_unknown_models_without_crashing(shelf):
    """showdump with a dumped model that the code no longer has and no migrator touches."""
    dump = shelf.dump("1.0")
    result = shelf.run("showdump", dump, migrators="tests.shelf.alt.dup")
    assert "Traceback" not in result.stderr, result.stderr[-1500:]  # exit 0 or 1 (problems): both fine
    assert "tests.shelf.alt.dup.a and tests.shelf.alt.dup.b" in result.stdout
    assert "shelf.Magazine: no such model in the current code" in result.stdout


def test_downgrade_is_refused(shelf):
    dump = shelf.dump("2.0")
    result = shelf.restore(dump, shelf="1.0")
    assert_fails(result, "App 'shelf': the dump was written by version 2.0, newer than the installed 1.0.",
                 "install 2.0 or newer")
    assert table_names() == set()  # refused before migrate


# --- failures while the rows flow: all or nothing -----------------------------------


@pytest.fixture
def restored(shelf):
    """A database restored from the 1.0 dump by 2.0; returns (shelf, dump, snapshot of its rows)."""
    dump = shelf.dump("1.0")
    shelf.ok("restore", dump, "--noinput")
    before = snapshot()
    assert before["shelf_book"]
    return shelf, dump, before


FAULTY = "migrator shelf 2.0 (tests.shelf.alt.faulty.v2_0)"


def test_exception_or_bad_value_in_a_migrator_function_changes_nothing(restored):
    shelf, dump, before = restored
    cases = {
        "raise": [f"{FAULTY}: Run fault on each Loan row failed on shelf.Loan pk=3", "ValueError: loan 3 is cursed",
                  "Nothing was restored."],
        "dict": [f"{FAULTY}: Run fault on each Loan row returned a dict for shelf.Loan pk=3",
                 "return the row, None or rows made with migrators.Row(model, values)"],
        "str": [f"{FAULTY}: Run fault on each Loan row returned 'oops' for shelf.Loan pk=3"],
    }
    for fault, needles in cases.items():
        result = shelf.restore(dump, migrators="tests.shelf.alt.faulty", SHELF_FAULT=fault)
        assert_fails(result, *needles)
        assert snapshot() == before, fault


def test_run_time_check_not_null_field_left_without_value(restored):
    """The issue's case: RunPython may add and remove fields, so its rows are checked one by one."""
    shelf, dump, before = restored
    result = shelf.restore(dump, migrators="tests.shelf.alt.faulty", SHELF_FAULT="notnull")
    assert_fails(result, FAULTY, "shelf.Loan pk=3 from shelf_loan.py, line 9",
                 "has no value for shelf.Loan.who, which is NOT NULL and has no default. Nothing was restored.")
    assert snapshot() == before


def test_run_time_check_of_a_row_changed_into_an_unknown_model_names_its_migrator(restored):
    shelf, dump, before = restored
    result = shelf.restore(dump, migrators="tests.shelf.alt.faulty", SHELF_FAULT="model")
    assert_fails(result, "comes out as model 'shelf.Nowhere', which the current code does not have", FAULTY, "pk=3")
    assert snapshot() == before


def test_run_time_check_names_migrator_model_and_pk_of_an_unknown_field(restored):
    shelf, dump, before = restored
    result = shelf.restore(dump, migrators="tests.shelf.alt.faulty", SHELF_FAULT="unknown")
    assert_fails(result, FAULTY, "shelf.Loan pk=3", "fields that shelf.Loan does not have in the current code: colour")
    assert snapshot() == before


def test_run_time_check_of_a_row_fanned_out_into_another_model_names_its_migrator(restored):
    shelf, dump, before = restored
    result = shelf.restore(dump, migrators="tests.shelf.alt.faulty", SHELF_FAULT="fanout")
    assert_fails(result, "shelf.Contact pk=9", "fields that shelf.Contact does not have in the current code: colour", FAULTY)
    assert snapshot() == before


# --- apps no longer installed, --exclude ---------------------------------------------


def test_dumped_app_no_longer_installed(shelf):
    dump = shelf.dump("1.0", desk="1.0")
    result = shelf.restore(dump)  # shelf 2.0 only: desk is gone
    assert_fails(result, "desk.Desk: the app 'desk' is not installed (the dump has 1 rows of this model)",
                 "--exclude desk", "desk.Lamp: the app 'desk' is not installed")
    assert "shelf." not in result.stderr
    result = shelf.restore(dump, "--exclude", "desk.Desk")
    stderr = assert_fails(result, "desk.Lamp: the app 'desk' is not installed")
    assert "desk.Desk" not in stderr
    result = shelf.restore(dump, "--exclude", "desk")
    assert result.returncode == 0, result.stderr
    assert "desk." not in result.stdout
    assert_upgraded_rows()


# --- hooks ---------------------------------------------------------------------------


def test_before_load_and_after_load_run_inside_the_transaction(shelf, tmp_path):
    log = tmp_path / "hooks.log"
    result = shelf.restore(shelf.dump("1.0"), migrators="tests.shelf.alt.hooks", SHELF_HOOK_LOG=str(log))
    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines() == ["before_load books=0", "after_load books=3"]
    assert ("written by after_load",) in rows("shelf_note", "text")
    assert len(rows("shelf_note")) == 5


def test_failing_hook_rolls_back_with_a_clear_error(restored, tmp_path):
    """Hooks run inside the transaction: when one fails, nothing is restored, and the error names it."""
    shelf, dump, before = restored
    log = tmp_path / "missing-dir" / "hooks.log"  # before_load cannot write its log: FileNotFoundError
    result = shelf.restore(dump, migrators="tests.shelf.alt.hooks", SHELF_HOOK_LOG=str(log))
    assert result.returncode != 0
    assert snapshot() == before
    assert_fails(result, "migrator shelf 2.0 (tests.shelf.alt.hooks.v2_0)", "before_load", "FileNotFoundError")


# --- showdump --------------------------------------------------------------------------


def test_showdump_shows_the_plan(shelf):
    dump = shelf.dump("1.0")
    out = shelf.ok("showdump", dump).stdout
    plan = out[out.index("Plan against the current code"):]
    for needle in [
        "  shelf 1.0 -> 2.0: migrators 1.1, 2.0\n",
        "1.1: Rename model Writer to Author",
        "1.1: Rename field Book.name to title",
        "2.0: Run split_name on each Author row",
        "2.0: Add field Book.code = 'none'",
        "2.0: Add field Book.slug = slug_of",
        "2.0: Remove model Tag (its rows are dropped)",
        "shelf.Writer: 2 rows through the migrators",
        "shelf.Loan: 3 rows through the migrators",
        "contenttypes.ContentType:",
        "Every dumped model and field fits the current code (after the migrators).",
    ]:
        assert needle in plan, f"{needle!r} not in\n{plan}"
    assert plan.index("1.1: Rename model") < plan.index("2.0: Run split_name")

    out = shelf.ok("showdump", dump, shelf="1.1").stdout
    assert "  shelf 1.0 -> 1.1: migrators 1.1\n" in out and "2.0:" not in out


def test_showdump_lists_every_static_problem(shelf):
    dump = shelf.dump("1.0")
    result = shelf.run("showdump", dump, migrators="tests.shelf.alt.static_bad")
    assert "Traceback" not in result.stderr, result.stderr[-1500:]
    out = result.stdout
    for needle in ["problems; the restore would refuse:", "shelf.Ghost at this point", "shelf.Book has no field 'subtitle'",
                   "placeholder `...`", "shelf.Book.pages", "shelf.Member.email", "shelf.Book.code", "shelf.Tag: no such model",
                   "shelf.Magazine: no such model"]:
        assert needle in out, f"{needle!r} not in\n{out}"



def test_showdump_says_where_routed_rows_go(shelf):
    """Where each dumped model's rows go: for RenameModel and RemoveModel the plan knows it statically."""
    out = shelf.ok("showdump", shelf.dump("1.0")).stdout
    lines = {line.split(":")[0].strip(): line for line in out.splitlines() if line.startswith("  shelf.")}
    assert "shelf.Author" in lines["shelf.Writer"], lines["shelf.Writer"]
    assert "dropped" in lines["shelf.Tag"] or "removed" in lines["shelf.Tag"], lines["shelf.Tag"]


# --- testing helpers -------------------------------------------------------------------


def test_assert_double_dump(restored, tmp_path):
    shelf, dump, before = restored
    code = (
        "from lino_migrate import testing\n"
        f"testing.assert_double_dump({str(tmp_path / 'stable')!r})\n"
        "print('STABLE OK')\n"
        "original = testing.restore_dump\n"
        "def restore_and_change(path, **options):\n"
        "    report = original(path, **options)\n"
        "    from django.apps import apps\n"
        "    apps.get_model('shelf', 'Book').objects.filter(pk=2).update(title='Iliad')\n"
        "    return report\n"
        "testing.restore_dump = restore_and_change\n"
        "try:\n"
        f"    testing.assert_double_dump({str(tmp_path / 'unstable')!r})\n"
        "except AssertionError as exc:\n"
        "    print('FAILED WITH:'); print(exc)\n"
        "else:\n"
        "    print('NO FAILURE')\n"
    )
    out = shelf.ok("shell", "-c", code).stdout
    assert "STABLE OK" in out
    assert "FAILED WITH:" in out, out
    message = out[out.index("FAILED WITH:"):]
    assert "The second dump differs from the first:" in message
    assert "--- first/shelf_book.py" in message and "+++ second/shelf_book.py" in message
    assert any(line.startswith("-") and "Odyssey" in line for line in message.splitlines()), message
    assert any(line.startswith("+") and "Iliad" in line for line in message.splitlines()), message


def test_restore_test_case_from_pytest(shelf, tmp_path):
    """A project's own test: RestoreTestCase restoring stored dumps of 1.0 and 1.1, run by pytest."""
    import shutil

    from django.db import connection

    dumps = tmp_path / "dumps"
    shutil.copytree(shelf.dump("1.0"), dumps / "1.0")
    shutil.copytree(shelf.dump("1.1"), dumps / "1.1")
    env = {**shelf.manage.env, "LM_EXTRA_APPS": "tests.shelf.v2", "SHELF_MIGRATORS": "", "SHELF_DUMPS": str(dumps),
           "LM_SQLITE_TEST_FILE": str(tmp_path / "nested.sqlite3"),
           "LM_DB_NAME": str(tmp_path / "nested-main.sqlite3") if connection.vendor == "sqlite" else f"lm_shelf_nested_{os.getpid()}"}
    connection.close()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "tests/shelf/restore_case.py"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 1, out  # one class passes, the other must fail
    summary = out.split("short test summary")[-1]
    assert "1 failed" in summary and "2 subtests passed" in summary, out  # StoredDumps: 1.0 and 1.1
    assert "SUBFAILED(version='0.9') tests/shelf/restore_case.py::MissingVersion::test_restore_stored_dumps" in summary, out
    assert "No stored dump for version 0.9" in out, out
    assert "StoredDumps" not in summary, out

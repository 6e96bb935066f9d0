"""Django 5.2 models: generated columns (``GeneratedField``) and composite primary keys.

The models are in ``tests/zoo5``, installed only on Django 5.2 and later.
"""

from __future__ import annotations

import os

import django
import pytest
from django.db import connection, connections

from tests.test_commands import assert_fails, edit_dump, read_dump, rows_of, unseal

pytestmark = [
    pytest.mark.skipif(django.VERSION < (5, 2), reason="GeneratedField and CompositePrimaryKey need Django 5.2"),
    pytest.mark.django_db(transaction=True),
]

if django.VERSION >= (5, 2):
    from tests.zoo5 import data
    from tests.zoo5 import models as z5

DB = os.environ.get("LM_DB", "sqlite")


def _fresh():
    connections.close_all()


def _dump(manage, target, *args):
    result = manage.ok("dump2py", target, "--noinput", *args)
    assert "Traceback" not in result.stderr, result.stderr
    _fresh()
    return result


def _populated() -> dict:
    data.populate()
    before = data.snapshot()
    assert len(before["zoo5.Slot"]) == data.SLOT_ROWS
    return before


def test_generated_and_composite_keys_round_trip(manage, tmp_path):
    """Every value back, the generated ones computed again by the database; the key read in pages and files."""
    before = _populated()
    target = tmp_path / "dump"
    _dump(manage, target, "-m", "1000")
    dump = read_dump(target)

    priced = dump["models"]["zoo5.Priced"]
    assert sorted(priced["generated"]) == ["full_name", "nickname_lower", "total"]
    names = [f[0] for f in priced["fields"]]
    rows = rows_of(target / "zoo5_priced.py")
    assert "full_name" in names and len(rows) == 40  # dumped as a column, readable
    first = dict(zip(names, rows[0]))
    assert first["full_name"] == "First1 O'Brien" and first["total"] == "-13.13" and first["nickname_lower"] == "bob"

    slot = dump["models"]["zoo5.Slot"]
    assert [f[0] for f in slot["fields"]] == ["shelf", "row", "position", "note", "weight", "double"]
    assert slot["files"] == ["zoo5_slot_1.py", "zoo5_slot_2.py", "zoo5_slot_3.py"]
    assert [dump["files"][name]["rows"] for name in slot["files"]] == [1000, 1000, 520]
    assert list(slot["generated"]) == ["double"]
    keys = [tuple(row[:3]) for name in slot["files"] for row in rows_of(target / name)]
    assert len(set(keys)) == data.SLOT_ROWS  # no row twice, none left out across pages and files
    if DB == "sqlite":
        assert keys == sorted(keys)  # in key order (binary collation)

    if z5.Virtual._meta.can_migrate(connection):
        assert list(dump["models"]["zoo5.Virtual"]["generated"]) == ["area"]
    else:
        assert "zoo5.Virtual" not in dump["models"]  # no table on this database: not dumped, not missing
        assert dump["complete"] is True

    data.wipe()
    assert data.snapshot() != before
    _fresh()
    manage.ok("restore", target, "--noinput")
    _fresh()
    assert data.snapshot() == before


def test_restore_replaces_changed_rows_of_a_composite_key(manage, tmp_path):
    before = _populated()
    target = tmp_path / "dump"
    _dump(manage, target)
    z5.Slot.objects.filter(position__lt=50).update(note="changed", weight=1.5)
    z5.Slot.objects.filter(position=60).delete()
    z5.Priced.objects.update(first="Changed", quantity=0)
    assert data.snapshot() != before
    _fresh()
    manage.ok("restore", target, "--noinput")
    _fresh()
    assert data.snapshot() == before


def test_a_generated_value_the_database_computes_differently_is_refused(manage, tmp_path):
    """Same field definition as when dumped, another value: the restore fails and rolls back."""
    _populated()
    target = tmp_path / "dump"
    _dump(manage, target, "zoo5.Priced")
    path = target / "zoo5_priced.py"
    text = path.read_text(encoding="utf-8")
    assert text.count('"First3 x"') == 1
    path.write_text(text.replace('"First3 x"', '"Someone else"'), encoding="utf-8")
    unseal(target, "zoo5_priced.py")
    pk = z5.Priced.objects.get(first="First3").pk
    z5.Priced.objects.filter(pk=pk).update(first="Changed")
    after = data.snapshot()
    _fresh()
    result = manage("restore", target, "--noinput")
    assert_fails(
        result, f"zoo5.Priced pk={pk} ", "zoo5_priced.py, line", "generated field full_name", "'Someone else'",
        "'First3 x'", "rolled back", code=1,
    )
    _fresh()
    assert data.snapshot() == after  # rolled back


def test_a_generated_field_defined_otherwise_since_the_dump_is_computed_anew(manage, tmp_path):
    """The expression changed since the dump: the database's new value wins, it is not an error."""
    before = _populated()
    target = tmp_path / "dump"
    _dump(manage, target, "zoo5.Priced")
    path = target / "zoo5_priced.py"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"First3 x"', '"x, First3"'), encoding="utf-8")  # what the old code computed
    unseal(target, "zoo5_priced.py")

    def older_code(dump):
        generated = dump["models"]["zoo5.Priced"]["generated"]
        generated["full_name"] = generated["full_name"].replace("Concat('first', models.Value(' '), 'last')", "OLD")
        assert "OLD" in generated["full_name"]

    edit_dump(target, older_code)
    z5.Priced.objects.all().delete()
    _fresh()
    manage.ok("restore", target, "--noinput")
    _fresh()
    assert data.snapshot()["zoo5.Priced"] == before["zoo5.Priced"]  # "First3 x" again


def test_jobs_split_a_table_with_a_composite_key(manage, tmp_path):
    """With --jobs, each file of the composite-key table starts at its own first key: the same bytes."""
    _populated()
    one, two = tmp_path / "one", tmp_path / "two"
    _dump(manage, one, "zoo5", "-m", "700")
    _dump(manage, two, "zoo5", "-m", "700", "--jobs", "2")
    names = read_dump(one)["models"]["zoo5.Slot"]["files"]
    assert len(names) == 4
    for name in names + ["zoo5_priced.py", "zoo5_shelf.py"]:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_showdump_and_plan_of_generated_and_composite_models(manage, tmp_path):
    _populated()
    target = tmp_path / "dump"
    _dump(manage, target, "zoo5")
    show = manage.ok("showdump", target)
    assert "zoo5.Slot" in show.stdout and "Traceback" not in show.stderr
    dry = manage.ok("restore", target, "--noinput", "--dry-run")
    assert f"{data.SLOT_ROWS:,}" in dry.stdout


def _slot_keys(**kwargs):
    from lino_migrate.tableread import read_table

    fields = [z5.Slot._meta.get_field(name) for name in ("shelf", "row", "position")]
    return [tuple(row) for row in read_table(connection, z5.Slot, fields, **kwargs)]


@pytest.mark.parametrize("page_size", [1, 7, 2000])
def test_read_a_composite_key_table_in_pages_and_parts(page_size):
    from lino_migrate.tableread import part_starts

    shelf = z5.Shelf.objects.create(code="S")
    keys = [("S", row, position) for row in ("a", "b", "c") for position in (1, 2, 10)]
    z5.Slot.objects.bulk_create(z5.Slot(shelf=shelf, row=row, position=position) for _, row, position in reversed(keys))
    assert _slot_keys(page_size=page_size) == keys
    starts = part_starts(connection, z5.Slot, 4)
    assert [tuple(start) for start in starts] == [keys[0], keys[4], keys[8]]
    assert _slot_keys(page_size=page_size, start=starts[1], limit=4) == keys[4:8]
    assert _slot_keys(page_size=page_size, start=starts[2]) == keys[8:]


def test_a_foreign_key_of_a_composite_key_row_that_points_nowhere(manage, tmp_path):
    """The foreign key check at the end names the row's table; nothing is restored."""
    _populated()
    target = tmp_path / "dump"
    _dump(manage, target, "zoo5")
    path = target / "zoo5_shelf.py"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if line != '["C"],\n'), encoding="utf-8")

    def one_shelf_less(dump):
        dump["files"]["zoo5_shelf.py"].update(sha256=None, rows=2)
        dump["models"]["zoo5.Shelf"]["rows"] = 2

    edit_dump(target, one_shelf_less)
    z5.Slot.objects.filter(position=1).update(note="changed")
    after = data.snapshot()
    _fresh()
    result = manage("restore", target, "--noinput")
    assert_fails(result, "A foreign key points nowhere", "zoo5_slot", code=1)
    _fresh()
    assert data.snapshot() == after

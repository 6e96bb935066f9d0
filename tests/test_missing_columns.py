"""A table that lacks a column of its model (a database not fully migrated) is never dumped as if whole.

SQLite would read a double-quoted name that is no column as a string literal
(every row would hold the column's name); PostgreSQL would fail half way
through the dump. dump2py looks up the table's columns first, refuses with a
clear message, and with --tolerate skips the table and names it.
"""

from __future__ import annotations

import pytest
from django.db import connection, connections

from tests.test_commands import SUMMARY, assert_fails, data_files, leftovers, literal, make_tags, read_dump
from tests.zoo import models as z

pytestmark = pytest.mark.django_db(transaction=True)

DROPPED = ("big_integer", "nullable_integer")  # columns of zoo.Numbers


def _execute(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)


def _remake(model) -> None:
    """The model's table as migrate makes it (and empty), for the tests that follow."""
    connections.close_all()
    _execute(f"DROP TABLE {connection.ops.quote_name(model._meta.db_table)}")
    with connection.schema_editor() as editor:
        editor.create_model(model)
    connections.close_all()


@pytest.fixture
def dropped_columns(transactional_db):
    """zoo.Numbers with two of its columns dropped by hand (raw SQL), one row in it; put back after."""
    z.Numbers.objects.create(
        small_integer=1, positive_integer=2, positive_small_integer=3, positive_big_integer=4, big_integer=5, integer=6,
    )
    quote = connection.ops.quote_name
    for column in DROPPED:
        _execute(f"ALTER TABLE {quote(z.Numbers._meta.db_table)} DROP COLUMN {quote(column)}")
    connections.close_all()
    yield z.Numbers
    _remake(z.Numbers)


@pytest.fixture
def table_made_by_hand(transactional_db):
    """zoo.BigAutoPk created by hand without its column ``name``; made again by the schema editor after."""
    quote = connection.ops.quote_name
    table = quote(z.BigAutoPk._meta.db_table)
    _execute(f"DROP TABLE {table}")
    _execute(f"CREATE TABLE {table} ({quote('id')} bigint NOT NULL PRIMARY KEY)")
    _execute(f"INSERT INTO {table} ({quote('id')}) VALUES (7)")
    connections.close_all()
    yield z.BigAutoPk
    _remake(z.BigAutoPk)


def test_a_table_without_some_columns_fails_the_dump_cleanly(manage, tmp_path, dropped_columns):
    make_tags("alpha")
    target = tmp_path / "dump"
    result = manage("dump2py", target, "--noinput")
    assert_fails(
        result, "Cannot read table 'zoo_numbers' of zoo.Numbers", "no columns 'big_integer', 'nullable_integer'",
        "manage.py migrate", "--tolerate", code=1,
    )
    assert not target.exists() and leftovers(tmp_path, "dump") == []


def test_tolerate_skips_a_table_without_some_columns(manage, tmp_path, dropped_columns):
    make_tags("alpha", "beta")
    target = tmp_path / "dump"
    result = manage("dump2py", target, "--noinput", "--tolerate")
    assert_fails(result, "Warning: skipped zoo.Numbers (table 'zoo_numbers'): no columns 'big_integer'", code=1)
    assert "zoo.Numbers" in result.stderr.strip().splitlines()[-1]  # the final error names it
    assert SUMMARY.search(result.stdout), result.stdout
    d = read_dump(target)
    assert d["missing"] == {
        "zoo.Numbers": "no columns 'big_integer', 'nullable_integer' (fields big_integer, nullable_integer)",
    }
    assert "zoo.Numbers" not in d["models"] and "zoo_numbers.py" not in data_files(target)
    assert "zoo.Numbers" in literal(target, "MODELS") and d["complete"] is False
    assert d["models"]["zoo.Tag"]["rows"] == 2  # the other tables are dumped
    assert not any("big_integer" in (target / name).read_text(encoding="utf-8") for name in data_files(target))


def test_a_table_made_by_hand_without_a_column(manage, tmp_path, table_made_by_hand):
    target = tmp_path / "dump"
    result = manage("dump2py", target, "--noinput", "zoo.BigAutoPk")
    assert_fails(result, "Cannot read table 'zoo_bigautopk' of zoo.BigAutoPk: no column 'name' (field name)", code=1)
    assert not target.exists()
    result = manage("dump2py", target, "--noinput", "zoo", "--tolerate")
    assert_fails(result, "Warning: skipped zoo.BigAutoPk (table 'zoo_bigautopk'): no column 'name'", code=1)
    d = read_dump(target)
    assert list(d["missing"]) == ["zoo.BigAutoPk"] and "zoo.AutoPk" in d["models"]

"""Tables the database fills itself (virtual tables, their shadow tables, views) are found by introspection.

The restore of a real one (Wagtail's SQLite FTS5 search index, filled by
triggers) is in tests/test_sites.py.
"""

import pytest
from django.db import connection

from lino_migrate.derived import derived_tables

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cursor():
    with connection.cursor() as cursor:
        yield cursor
        cursor.execute("DROP VIEW IF EXISTS lm_texts_view")
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS lm_fts")


def test_a_view_is_found(cursor):
    cursor.execute("CREATE VIEW lm_texts_view AS SELECT id FROM zoo_texts")
    found = derived_tables(connection)
    assert found["lm_texts_view"] == "a view (it shows rows of other tables)"
    assert "zoo_texts" not in found


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite virtual tables")
def test_an_sqlite_fts5_table_and_its_shadow_tables_are_found(cursor):
    cursor.execute("CREATE VIRTUAL TABLE lm_fts USING fts5(title, body)")
    found = derived_tables(connection)
    assert found["lm_fts"] == "an SQLite virtual table (fts5)"
    for shadow in ("lm_fts_data", "lm_fts_idx", "lm_fts_content", "lm_fts_docsize", "lm_fts_config"):
        assert found[shadow] == "a shadow table of the SQLite virtual table 'lm_fts'", shadow
    assert "zoo_texts" not in found

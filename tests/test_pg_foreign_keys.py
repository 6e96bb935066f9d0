"""PostgreSQL: a restore drops the foreign keys of the tables it changes and makes them again after the load.

Made again from their own definitions, under their names (``restore/foreignkeys.py``):
the schema after a restore is the one before, each key checks all its rows with
one query, and a key that points nowhere is named by model, pk, field and value,
with the database (keys included) as it was.
"""

from __future__ import annotations

import pytest
from django.db import connection

from tests.conftest import DB
from tests.test_commands import assert_fails, dump, fresh, replace_in_file, unseal
from tests.zoo import models as z

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(DB != "postgresql", reason="the foreign keys are dropped and made again on PostgreSQL only"),
]

#: keys a site may have made by hand, which the restore leaves in place
_EXTRA_KEYS = {
    "lm_cascading": "ALTER TABLE zoo_city ADD CONSTRAINT lm_cascading FOREIGN KEY (country_id) "
                    "REFERENCES zoo_country (code) ON DELETE CASCADE",
    "lm_not_valid": "ALTER TABLE zoo_node ADD CONSTRAINT lm_not_valid FOREIGN KEY (parent_id) "
                    "REFERENCES zoo_node (id) NOT VALID",
}


def constraints() -> dict[tuple[str, str], tuple[int, str]]:
    """(table, name) -> (oid, definition) of every constraint of the schema."""
    fresh()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, oid, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE connamespace = current_schema()::regnamespace"
        )
        found = {(table, name): (oid, definition) for table, name, oid, definition in cursor.fetchall()}
    fresh()
    return found


def definitions(found: dict[tuple[str, str], tuple[int, str]]) -> dict[tuple[str, str], str]:
    return {key: definition for key, (_oid, definition) in found.items()}


def key_of(found: dict, table: str, column: str) -> tuple[str, str]:
    """The (table, name) of the one key of ``table`` on ``column`` that Django made."""
    [key] = [k for k, (_oid, d) in found.items()
             if k[0] == table and d.startswith(f"FOREIGN KEY ({column})") and not k[1].startswith("lm_")]
    return key


def _cities() -> None:
    z.Country.objects.create(code="DE", name="Germany")
    z.Country.objects.create(code="FR", name="France")
    for country, name in (("DE", "Berlin"), ("FR", "Paris"), ("FR", "Lyon")):
        z.City.objects.create(country_id=country, name=name)
    root = z.Node.objects.create(name="root")
    z.Node.objects.create(name="leaf", parent=root)


@pytest.fixture
def extra_keys(transactional_db):
    with connection.cursor() as cursor:
        for sql in _EXTRA_KEYS.values():
            cursor.execute(sql)
    yield
    with connection.cursor() as cursor:
        for name, sql in _EXTRA_KEYS.items():
            cursor.execute(f"ALTER TABLE {sql.split()[2]} DROP CONSTRAINT IF EXISTS {name}")


def test_a_restore_makes_the_foreign_keys_again_as_they_were(manage, tmp_path, extra_keys):
    _cities()
    target = tmp_path / "dump"
    dump(manage, target)
    before = constraints()
    city_country = key_of(before, "zoo_city", "country_id")

    manage.ok("restore", target, "--noinput", "--dry-run")
    assert constraints() == before  # rolled back: the very same keys

    z.City.objects.filter(name="Lyon").delete()
    manage.ok("restore", target, "--noinput")
    after = constraints()
    assert definitions(after) == definitions(before)  # the same names, columns, targets, DEFERRABLE INITIALLY DEFERRED
    assert sorted(z.City.objects.values_list("name", flat=True)) == ["Berlin", "Lyon", "Paris"]
    for key in (city_country, key_of(before, "zoo_node", "parent_id"), key_of(before, "zoo_book_tags", "book_id")):
        assert after[key][0] != before[key][0], f"{key} was not made again"
    for name in _EXTRA_KEYS:  # an action changes rows; NOT VALID was never checked: both left in place
        assert [after[k][0] for k in after if k[1] == name] == [before[k][0] for k in before if k[1] == name]
    unchanged = [k for k, (_oid, d) in before.items() if not d.startswith("FOREIGN KEY")]
    assert unchanged and all(after[k][0] == before[k][0] for k in unchanged)  # primary keys, unique: untouched


def test_a_key_that_points_nowhere_names_the_row_and_changes_nothing(manage, tmp_path):
    _cities()
    target = tmp_path / "dump"
    dump(manage, target)
    replace_in_file(target / "zoo_city.py", '"FR"', '"XX"', count=2)
    unseal(target, "zoo_city.py")
    z.City.objects.create(country_id="DE", name="Hamburg")  # the database moves on after the dump
    before = constraints()
    rows = list(z.City.objects.order_by("pk").values_list("pk", "country_id", "name"))
    paris = z.City.objects.get(name="Paris").pk
    name = key_of(before, "zoo_city", "country_id")[1]

    result = manage("restore", target, "--noinput")
    assert_fails(
        result,
        f"CommandError: A foreign key points nowhere; nothing was restored. zoo.City pk={paris}: country = 'XX', "
        f"but zoo.Country has no row with code = 'XX' (foreign key {name} of table zoo_city; "
        f"1 more row of zoo.City points nowhere through it). The restore was rolled back; the database is unchanged, "
        f"its schema included.",
        code=1,
    )
    assert constraints() == before
    assert list(z.City.objects.order_by("pk").values_list("pk", "country_id", "name")) == rows


def test_a_partial_restore_checks_the_tables_that_refer_to_its_rows(manage, tmp_path):
    """Only zoo.Author is restored: the key of zoo.Authorship into it is checked too; the others stay."""
    first, second = z.Author.objects.create(name="first"), z.Author.objects.create(name="second")
    book = z.Book.objects.create(title="a book")
    for position, author in enumerate((first, second)):
        z.Authorship.objects.create(book=book, author=author, role="writer", position=position)
    target = tmp_path / "dump"
    dump(manage, target, "zoo.Author")
    later = z.Author.objects.create(name="after the dump")
    ship = z.Authorship.objects.create(book=book, author=later, role="editor", position=2)
    before = constraints()

    result = manage("restore", target, "--noinput")
    assert_fails(
        result, f"A foreign key points nowhere; nothing was restored. zoo.Authorship pk={ship.pk}: author = {later.pk}, "
        f"but zoo.Author has no row with id = {later.pk} (foreign key ", code=1)
    assert constraints() == before
    assert z.Author.objects.filter(pk=later.pk).exists()

    ship.delete()
    manage.ok("restore", target, "--noinput")
    after = constraints()
    assert definitions(after) == definitions(before)
    into_author = key_of(before, "zoo_authorship", "author_id")
    into_book = key_of(before, "zoo_authorship", "book_id")
    assert after[into_author][0] != before[into_author][0]  # refers to a restored table: made again
    assert after[into_book][0] == before[into_book][0]  # neither of its tables was touched
    assert sorted(z.Author.objects.values_list("name", flat=True)) == ["first", "second"]

"""Reading a table in parts: what lets `dump2py --jobs` give each worker one file of a big table."""

import uuid

import pytest
from django.db import connection

from lino_migrate.tableread import part_starts, read_table
from tests.zoo import models as z

pytestmark = pytest.mark.django_db


def _pks(model, **kwargs):
    return [row[0] for row in read_table(connection, model, [model._meta.pk], **kwargs)]


@pytest.mark.parametrize("page_size", [1, 2, 3, 1000])
def test_parts_of_a_table_with_an_integer_key(page_size):
    z.AutoPk.objects.bulk_create(z.AutoPk(id=i, name=f"n{i}") for i in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29))
    assert part_starts(connection, z.AutoPk, 3) == [2, 7, 17, 29]
    assert _pks(z.AutoPk, page_size=page_size) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    assert _pks(z.AutoPk, page_size=page_size, start=7, limit=3) == [7, 11, 13]
    assert _pks(z.AutoPk, page_size=page_size, start=17) == [17, 19, 23, 29]
    assert _pks(z.AutoPk, page_size=page_size, start=29, limit=3) == [29]


def test_parts_of_tables_keyed_by_a_one_to_one_field_and_by_uuid():
    people = z.Person.objects.bulk_create(z.Person(id=i, name=f"p{i}") for i in range(1, 9))
    z.Passport.objects.bulk_create(z.Passport(person=p, number=str(p.id)) for p in reversed(people))
    assert part_starts(connection, z.Passport, 3) == [1, 4, 7]  # the key column is person_id
    assert _pks(z.Passport, page_size=2, start=4, limit=3) == [4, 5, 6]

    ids = sorted(uuid.UUID(int=n * 7919) for n in range(1, 8))
    z.UuidPk.objects.bulk_create(z.UuidPk(id=pk, name="u") for pk in ids)
    starts = part_starts(connection, z.UuidPk, 2)  # as the database gives them, and takes them back
    assert [uuid.UUID(str(pk)) for pk in starts] == ids[::2]
    assert [uuid.UUID(str(pk)) for pk in _pks(z.UuidPk, start=starts[1], limit=2)] == ids[2:4]


def test_an_empty_table_has_no_parts():
    assert part_starts(connection, z.AutoPk, 3) == []
    assert _pks(z.AutoPk, start=1, limit=3) == []

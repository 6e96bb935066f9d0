"""``lino_migrate.tableread`` where tests/test_tableread.py and the composite key tests do not reach:
the key condition of each vendor, the key fields, counting, and the column converters."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection

from lino_migrate import exactjson
from lino_migrate.tableread import _beyond, column_converter, count_rows, key_fields, read_table
from tests.exact import models as exact
from tests.zoo import models as z

pytestmark = pytest.mark.django_db

_KEY = ["integer", "big_integer", "small_integer"]  # three columns of one table, taken as a key
_VALUES = range(3)


class _SpelledOut:
    """This very connection, with the vendor whose key condition is spelled out column by column."""

    vendor = "mysql"

    def __init__(self, real):
        self.ops = real.ops


@pytest.fixture
def grid():
    z.Numbers.objects.bulk_create(
        z.Numbers(integer=a, big_integer=b, small_integer=c, positive_integer=0, positive_small_integer=0,
                  positive_big_integer=0)
        for a, b, c in itertools.product(_VALUES, repeat=3)
    )
    return sorted(itertools.product(_VALUES, repeat=3))


def _select(where: str, params: list, width: int) -> list[tuple]:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in _KEY[:width])
    with connection.cursor() as cursor:
        table = quote(z.Numbers._meta.db_table)
        cursor.execute(f"SELECT {columns} FROM {table} WHERE {where} ORDER BY {columns}", params)
        return [tuple(row) for row in cursor.fetchall()]


@pytest.mark.parametrize("width", [1, 2, 3])
@pytest.mark.parametrize("operator", [">", ">="])
def test_both_spellings_of_the_key_condition_take_the_same_rows(grid, width, operator):
    all_rows = [row[:width] for row in grid]
    for boundary in itertools.product(range(-1, 4), repeat=width):
        expected = [row for row in all_rows if (row > boundary if operator == ">" else row >= boundary)]
        for conn in (connection, _SpelledOut(connection)):
            where, params = _beyond(conn, _KEY[:width], operator, boundary)
            assert _select(where, params, width) == expected, (conn.vendor, boundary, where)


def test_the_key_condition_texts():
    quote = connection.ops.quote_name
    a, b, c = (quote(column) for column in "abc")
    assert _beyond(connection, ["a"], ">", (1,)) == (f"{a} > %s", [1])
    spelled = _beyond(_SpelledOut(connection), ["a", "b", "c"], ">", (1, 2, 3))
    assert spelled == (f"{a} >= %s AND ({a} > %s OR ({b} >= %s AND ({b} > %s OR ({c} > %s))))", [1, 1, 2, 2, 3])
    if connection.vendor != "mysql":
        assert _beyond(connection, ["a", "b"], ">=", (1, 2)) == (f"({a}, {b}) >= (%s, %s)", [1, 2])


def test_key_fields():
    assert key_fields(z.AutoPk) == [z.AutoPk._meta.get_field("id")]
    assert key_fields(z.Passport) == [z.Passport._meta.get_field("person")]  # a one-to-one key
    assert key_fields(z.Restaurant) == [z.Restaurant._meta.get_field("place_ptr")]
    if apps.is_installed("tests.zoo5"):
        slot = apps.get_model("zoo5", "Slot")
        assert [f.name for f in key_fields(slot)] == ["shelf", "row", "position"]


def test_count_rows(grid):
    assert count_rows(connection, z.Numbers) == len(grid)
    assert count_rows(connection, z.AutoPk) == 0


def _read(model, name: str, raw: bool = False) -> list:
    f = model._meta.get_field(name)
    convert = column_converter(f, connection, raw=raw)
    values = [row[0] for row in read_table(connection, model, [f])]
    return values if convert is None else [convert(value) for value in values]


def test_a_json_column_is_parsed_keeping_the_literal_text_of_its_numbers():
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(z.JsonDoc._meta.db_table)} (document, nullable_document) "
            "VALUES (%s, %s)", ['{"a": 1.10, "b": 12345678901234567890, "c": [0.5, null]}', "null"],
        )
    [document] = _read(z.JsonDoc, "document")
    assert document == {"a": 1.1, "b": 12345678901234567890, "c": [0.5, None]}
    assert isinstance(document["a"], exactjson.LiteralFloat) and document["a"].literal == "1.10"
    assert not isinstance(document["c"][0], exactjson.LiteralFloat)  # "0.5" is what repr() writes anyway
    assert _read(z.JsonDoc, "nullable_document") == [None]  # the JSON text null: a document, not SQL NULL
    assert _read(z.JsonDoc, "document", raw=True) == [document]  # raw changes nothing for JSON


def test_raw_leaves_out_the_fields_own_converters():
    z.Custom.objects.create(words=["a", "b"], nullable_words=None)
    exact.CustomValues.objects.create(choices=["r", "b"], price=exact.Cents(1234), packed=(1, 2, 255))
    assert _read(z.Custom, "words") == [z.StringList(["a", "b"])]
    assert _read(z.Custom, "words", raw=True) == ['["a", "b"]']  # what the column holds
    assert _read(z.Custom, "nullable_words", raw=True) == [None]
    assert _read(exact.CustomValues, "price") == [exact.Cents(1234)]
    assert _read(exact.CustomValues, "price", raw=True) == [1234]
    assert _read(exact.CustomValues, "packed") == [(1, 2, 255)]
    assert [bytes(value) for value in _read(exact.CustomValues, "packed", raw=True)] == [b"\x01\x02\xff"]


def test_raw_keeps_the_backends_converters():
    z.Flags.objects.create(boolean=True, nullable_boolean=None)
    z.Decimals.objects.create(wide_decimal=Decimal("12345678901234567890.1234567890"), money=Decimal("1.50"))
    for raw in (False, True):
        assert _read(z.Flags, "boolean", raw=raw) == [True]
        assert _read(z.Decimals, "money", raw=raw) == [Decimal("1.50")]
    if connection.vendor == "sqlite":
        assert column_converter(z.Texts._meta.get_field("char"), connection, raw=True) is None  # nothing to do

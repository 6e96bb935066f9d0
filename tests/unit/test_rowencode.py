"""A page encoded column by column, in one pass of C code, is the lines the row-by-row writer wrote."""

from __future__ import annotations

import datetime
import decimal
import uuid

import pytest
from django.db import connection

from lino_migrate import datafile
from lino_migrate.codec import codec_by_name
from lino_migrate.datafile import encode_row, encode_rows
from lino_migrate.naturalkeys import NaturalKeys
from lino_migrate.rowencode import page_encoder, row_encoder
from lino_migrate.tableread import read_pages
from lino_migrate.tablewrite import table_columns
from tests.zoo.models import Blobs, Decimals, Flags, Floats, Identifiers, Moments, Numbers, Texts

ROWS = [
    [1, "plain", None, True, False],
    (2, "tuple row", -0.0, 1.5, 10**30),
    [3, "naïve 東京 🙂 \"quoted\" back\\slash tab\there line\nbreak", float("nan"), float("inf"), float("-inf")],
    [4, "line\u2028separator \x85 next \u2029 paragraph", [1, [2, None]], {"k": "v", "n": 1}],
    [5, "", "\x00\x1f\x7f", 1e-7, 123456789.123],
]


def _lines(rows) -> str:
    return "".join(encode_row(row) + "\n" for row in rows)


def test_encode_rows_writes_the_lines_encode_row_writes():
    text = encode_rows(ROWS)
    assert text == _lines(ROWS)
    assert text.count("\n") == len(ROWS)  # the line breaks of other readers and editors are escaped
    for breaker in "\x85\u2028\u2029":
        assert breaker not in text and f"\\u{ord(breaker):04x}" in text
    assert encode_rows([]) == ""


def test_encode_rows_without_the_c_encoder(monkeypatch):
    monkeypatch.setattr(datafile, "_c_encode", None)
    assert encode_rows(ROWS) == _lines(ROWS)


def test_encode_rows_refuses_what_json_cannot_write():
    with pytest.raises(TypeError):
        encode_rows([[decimal.Decimal("1.5")]])


MODELS = [Numbers, Floats, Decimals, Flags, Texts, Moments, Identifiers, Blobs]


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_a_page_encoded_by_column_is_the_rows_encoded_one_by_one(model):
    when = datetime.datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=datetime.timezone.utc)
    values = {
        Numbers: [dict(small_integer=-3, positive_integer=7, positive_small_integer=0, positive_big_integer=2**62,
                       big_integer=-(2**62), integer=5, nullable_integer=None if i % 2 else i) for i in range(6)],
        Floats: [dict(float_value=i / 3, nullable_float=None if i % 2 else -0.0) for i in range(6)],
        Decimals: [dict(wide_decimal=decimal.Decimal("12345678901234567890.0123456789"), money=decimal.Decimal(f"-{i}.05"),
                        nullable_decimal=None if i % 2 else decimal.Decimal("0.0001")) for i in range(6)],
        Flags: [dict(boolean=bool(i % 3), nullable_boolean=None if i % 2 else False) for i in range(6)],
        Texts: [dict(char=f"c{i}", nullable_char=None if i % 2 else "\u2028", text="t", slug="s", email="e@x.org",
                     url="http://x.org", file_path="/tmp/x", ip_address=None if i % 3 else "::1") for i in range(6)],
        Moments: [dict(date=datetime.date(2000, 1, i + 1), date_time=when, time=datetime.time(1, 2, 3, i),
                       duration=datetime.timedelta(days=-i, microseconds=7), nullable_date_time=None if i % 2 else when)
                  for i in range(6)],
        Identifiers: [dict(uuid=uuid.UUID(int=i), nullable_uuid=None if i % 2 else uuid.UUID(int=2**128 - 1 - i))
                      for i in range(6)],
        Blobs: [dict(binary=bytes([i, 0, 255]), nullable_binary=None if i % 2 else b"") for i in range(6)],
    }[model]
    model.objects.bulk_create([model(**row) for row in values])
    columns = table_columns(model, connection)
    keys = NaturalKeys(connection)
    (page,) = read_pages(connection, model, [c.field for c in columns])
    by_row = [row_encoder(columns, keys, model)(raw) for raw in page]
    by_page = page_encoder(columns, keys, model)(page)
    assert [list(row) for row in by_page] == by_row
    assert encode_rows(by_page) == _lines(by_row)


UTC = datetime.timezone.utc
BRUSSELS = datetime.timezone(datetime.timedelta(hours=2))
VALUES = {
    "int": [[1, -(2**70), True], [3.0, decimal.Decimal(4)]],
    "float": [[1, 2.5, -0.0, float("nan")]],
    "decimal": [[decimal.Decimal("1.10"), decimal.Decimal("-0E-7")], [decimal.Decimal("1"), 2.5, 7, "3.30"]],
    "bool": [[True, False], [0, 1, 2]],
    "text": [["a", "ü"], [1, 2.5]],
    "date": [[datetime.date(2000, 2, 29), datetime.datetime(2000, 1, 1, 12, 0)]],
    "datetime": [
        [datetime.datetime(2000, 1, 1, 0, 0, 0, 5, tzinfo=BRUSSELS), datetime.datetime(1999, 12, 31, 23, 0, tzinfo=UTC)],
        [datetime.datetime(2000, 1, 1, 12, 0), datetime.datetime(2000, 1, 1, 12, 0, tzinfo=BRUSSELS)],
    ],
    "time": [[datetime.time(1, 2, 3), datetime.time(4, 5, 6, 7)]],
    "duration": [[datetime.timedelta(days=-1, microseconds=3)]],
    "uuid": [[uuid.UUID(int=5), "00000000-0000-0000-0000-000000000007"]],
    "bytes": [[b"\x00\xff", memoryview(b"ab")]],
}


@pytest.mark.parametrize("name", sorted(VALUES))
def test_a_codec_encodes_a_column_as_it_encodes_each_value(name):
    for codec in [codec_by_name(name)] + ([codec_by_name(f"raw:{name}")] if name in ("text", "int", "float", "bytes") else []):
        for values in VALUES[name]:
            assert list(codec.encode_values(values)) == [codec.encode(value) for value in values], (codec.name, values)


@pytest.mark.django_db
def test_sqlite_text_that_fromisoformat_does_not_read_goes_through_djangos_converters():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's columns hold any text")
    when = datetime.datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=datetime.timezone.utc)
    Moments.objects.bulk_create([
        Moments(date=datetime.date(2000, 1, 1), date_time=when, time=datetime.time(1), duration=datetime.timedelta(0))
        for _ in range(4)
    ])
    Decimals.objects.bulk_create([Decimals(wide_decimal=1, money=2, nullable_decimal=3) for _ in range(3)])
    texts = {  # every column alike, or one odd value among them
        "date_time": ["2024-02-29T23:59:58", "2024-02-29 23:59:58+02:00", "2024-02-29 23:59:58.1234567", "2024-02-29"],
        "date": ["2024-02-29", "2024-02-29", "2024-2-9", "2024-02-29"],
    }
    with connection.cursor() as cursor:
        for column, values in texts.items():
            for pk, value in zip(Moments.objects.order_by("pk").values_list("pk", flat=True), values):
                cursor.execute(f"UPDATE zoo_moments SET {column} = %s WHERE id = %s", [value, pk])
        cursor.execute("UPDATE zoo_moments SET nullable_date_time = '2024-2-9 1:02:03' WHERE id = (SELECT MAX(id) FROM zoo_moments)")
        for pk, value in zip(Decimals.objects.order_by("pk").values_list("pk", flat=True), [7, 0.1 + 0.2, -1e-9]):
            cursor.execute("UPDATE zoo_decimals SET money = %s, wide_decimal = %s WHERE id = %s", [value, value, pk])
    for model in (Moments, Decimals):
        columns = table_columns(model, connection)
        keys = NaturalKeys(connection)
        (page,) = read_pages(connection, model, [c.field for c in columns])
        by_row = [row_encoder(columns, keys, model)(raw) for raw in page]
        assert [list(row) for row in page_encoder(columns, keys, model)(page)] == by_row
        assert all(c.convert_values.__module__ == "lino_migrate.sqlitecolumns" for c in columns if c.field.name in (
            "date", "date_time", "nullable_date_time", "wide_decimal", "money", "nullable_decimal"))
    assert by_row[1][1:3] == ["0.3000000000", "0.30"]  # Django's 15 digits, then the field's places


@pytest.mark.django_db
def test_sqlite_datetimes_of_a_page_are_made_aware_without_djangos_call_per_value(monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's converters")
    when = datetime.datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=datetime.timezone.utc)
    Moments.objects.bulk_create([
        Moments(date=datetime.date(2000, 1, 1), date_time=when + datetime.timedelta(seconds=i), time=datetime.time(1),
                duration=datetime.timedelta(0), nullable_date_time=when)
        for i in range(3)
    ])
    columns = table_columns(Moments, connection)
    keys = NaturalKeys(connection)
    (page,) = read_pages(connection, Moments, [c.field for c in columns])
    by_row = [row_encoder(columns, keys, Moments)(raw) for raw in page]
    from django.utils import timezone

    def refused(*args, **kwargs):
        raise AssertionError("make_aware called for one value")

    monkeypatch.setattr(timezone, "make_aware", refused)
    assert [list(row) for row in page_encoder(columns, keys, Moments)(page)] == by_row
    assert by_row[2][2] == "2024-03-01T00:00:00.123456+00:00"


@pytest.mark.django_db
def test_the_datetimes_a_dump_reads_are_written_as_those_djangos_cursor_reads():
    """On PostgreSQL the dump reads timestamptz with psycopg's C loader, not Django's: the same instants."""
    from lino_migrate.pgcolumns import use_c_timestamptz_loader

    brussels = datetime.timezone(datetime.timedelta(hours=1))
    moments = [datetime.datetime(2024, 10, 27, 2, 30, i, i * 7, tzinfo=brussels) for i in range(3)]
    moments.append(datetime.datetime(1, 1, 1, 0, 0, 0, 1, tzinfo=datetime.timezone.utc))
    Moments.objects.bulk_create([
        Moments(date=datetime.date(2000, 1, 1), date_time=when, time=datetime.time(1), duration=datetime.timedelta(0),
                nullable_date_time=None if i % 2 else when)
        for i, when in enumerate(moments)
    ])
    columns = table_columns(Moments, connection)
    keys = NaturalKeys(connection)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM zoo_moments ORDER BY id")
        djangos = cursor.fetchall()
        assert use_c_timestamptz_loader(cursor, connection, [c.field for c in columns]) == (connection.vendor == "postgresql")
    (page,) = read_pages(connection, Moments, [c.field for c in columns])
    assert page_encoder(columns, keys, Moments)(page) == page_encoder(columns, keys, Moments)(djangos)


def test_a_write_that_fails_in_the_writers_thread_fails_the_file(tmp_path):
    """The chunks are written by a thread: its error (here: the file size limit) reaches the dump."""
    import resource
    import signal

    from lino_migrate.datafile import DataFileWriter

    writer = DataFileWriter(tmp_path / "big.py", ["header"])
    old_limit, old_handler = resource.getrlimit(resource.RLIMIT_FSIZE), signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, old_limit[1]))
    try:
        with pytest.raises(OSError):
            for _ in range(10):
                writer.write_rows([[1, "x" * 1000]] * 10)
            writer.close()
        writer.abort()  # quietly, after the error
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)
    assert (tmp_path / "big.py").stat().st_size <= 4096

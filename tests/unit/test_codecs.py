"""The codecs of ``lino_migrate.codec``, called directly: round trips, choice by field, damaged data.

A value goes ``encode`` -> JSON text -> ``decode`` as it does through a dump
(the JSON text step is the row of a data file), and must come back exactly.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import math
import uuid
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import models
from hypothesis import given, settings
from hypothesis import strategies as st

from lino_migrate import codec as c
from tests.exact import models as exact
from tests.fitzoo import models as fitzoo
from tests.zoo import models as z

EXAMPLES = settings(max_examples=200, deadline=None)


def through_json(data):
    """What a data file gives back for ``data`` (NaN and infinities are allowed there)."""
    return json.loads(json.dumps(data, ensure_ascii=False, allow_nan=True))


def roundtrip(codec: c.Codec, value):
    return codec.decode(through_json(codec.encode(value)))


def named(name: str) -> c.Codec:
    return c.codec_by_name(name)


# --- round trips -------------------------------------------------------------------


@EXAMPLES
@given(st.integers(min_value=-(2**200), max_value=2**200))
def test_int_round_trip(value):
    decoded = roundtrip(named("int"), value)
    assert decoded == value and type(decoded) is int


@EXAMPLES
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_float_round_trip_keeps_every_bit(value):
    decoded = roundtrip(named("float"), value)
    assert type(decoded) is float
    if math.isnan(value):
        assert math.isnan(decoded)
    else:
        assert decoded == value and math.copysign(1, decoded) == math.copysign(1, value)  # -0.0 stays -0.0


def test_float_decodes_an_integer_as_a_float():
    assert named("float").decode(3) == 3.0 and type(named("float").decode(3)) is float


@EXAMPLES
@given(st.decimals(allow_nan=True, allow_infinity=True) | st.decimals(places=30, min_value=-(10**9), max_value=10**9))
def test_decimal_round_trip_keeps_every_digit(value):
    encoded = named("decimal").encode(value)
    assert type(encoded) is str
    decoded = roundtrip(named("decimal"), value)
    assert decoded.as_tuple() == value.as_tuple()  # "1.0" stays "1.0", "-0" stays "-0"


@pytest.mark.parametrize("value, text", [
    (Decimal("0.10"), "0.10"), (Decimal("-0"), "-0"), (Decimal("1E+3"), "1E+3"),
    (Decimal("12345678901234567890.1234567890"), "12345678901234567890.1234567890"),
    (7, "7"), ("2.50", "2.50"),
])
def test_decimal_is_written_as_its_exact_text(value, text):
    assert named("decimal").encode(value) == text


@pytest.mark.parametrize("value", [True, False])
def test_bool_round_trip(value):
    assert roundtrip(named("bool"), value) is value


@EXAMPLES
@given(st.text())
def test_text_round_trip_with_unicode_and_nul(value):
    assert roundtrip(named("text"), value) == value


@pytest.mark.parametrize("value", ["", "\x00", "a\x00b", "\u2028\u2029\x85", "😀 \ud7ff \ufffd", "e\u0301", " \t\r\n "])
def test_text_edge_values(value):
    assert roundtrip(named("text"), value) == value


@EXAMPLES
@given(st.dates())
def test_date_round_trip(value):
    assert roundtrip(named("date"), value) == value


@EXAMPLES
@given(st.datetimes())
def test_naive_datetime_is_written_as_it_is(value):
    encoded = named("datetime").encode(value)
    assert len(encoded) == 26  # every microsecond, no offset
    decoded = roundtrip(named("datetime"), value)
    assert decoded == value and decoded.tzinfo is None


@EXAMPLES
@given(st.datetimes(min_value=dt.datetime(2, 1, 1), max_value=dt.datetime(9998, 12, 31), timezones=st.timezones()))
def test_aware_datetime_comes_back_as_the_same_instant_in_utc(value):
    encoded = named("datetime").encode(value)
    assert encoded.endswith("+00:00")
    decoded = roundtrip(named("datetime"), value)
    assert decoded.tzinfo == dt.timezone.utc
    assert decoded == value.astimezone(dt.timezone.utc)  # compared in one zone: an ambiguous wall time is no trap


def test_datetime_text():
    brussels = dt.datetime(2024, 3, 31, 2, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert named("datetime").encode(brussels) == "2024-03-31T00:30:00.000000+00:00"
    assert named("datetime").encode(dt.datetime(2024, 1, 2, 3, 4, 5)) == "2024-01-02T03:04:05.000000"


@EXAMPLES
@given(st.times())
def test_time_round_trip(value):
    assert roundtrip(named("time"), value) == value


def test_aware_time_keeps_its_offset():
    value = dt.time(23, 59, 59, 999999, tzinfo=dt.timezone(dt.timedelta(hours=-5, minutes=-30)))
    assert named("time").encode(value) == "23:59:59.999999-05:30"
    assert roundtrip(named("time"), value) == value


@EXAMPLES
@given(st.timedeltas())
def test_duration_round_trip_over_the_whole_range(value):
    encoded = named("duration").encode(value)
    assert type(encoded) is int
    assert roundtrip(named("duration"), value) == value


@pytest.mark.parametrize("value, micros", [
    (dt.timedelta(0), 0), (dt.timedelta(microseconds=-1), -1), (dt.timedelta(days=-1), -86_400_000_000),
    (dt.timedelta(days=1, seconds=1, microseconds=1), 86_401_000_001),
])
def test_duration_is_a_number_of_microseconds(value, micros):
    assert named("duration").encode(value) == micros


@EXAMPLES
@given(st.uuids())
def test_uuid_round_trip(value):
    assert named("uuid").encode(value) == str(value)
    assert roundtrip(named("uuid"), value) == value


def test_uuid_accepts_the_other_spellings_and_writes_the_canonical_one():
    value = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert named("uuid").encode("{12345678-1234-5678-1234-567812345678}") == str(value)
    assert named("uuid").encode("12345678123456781234567812345678") == str(value)


@EXAMPLES
@given(st.binary())
def test_bytes_round_trip(value):
    decoded = roundtrip(named("bytes"), value)
    assert decoded == value and type(decoded) is bytes


def test_bytes_takes_memoryview_and_bytearray():
    assert named("bytes").encode(memoryview(b"\x00\xff")) == "AP8="
    assert named("bytes").encode(bytearray(b"")) == ""
    assert named("bytes").decode("") == b""


_json_documents = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**100), max_value=2**100)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=20,
)


@EXAMPLES
@given(_json_documents)
def test_json_document_round_trip(value):
    decoded = roundtrip(named("json"), value)
    assert json.dumps(decoded) == json.dumps(value)  # same floats, big ints, nesting and key order


@EXAMPLES
@given(_json_documents)
def test_nullable_json_keeps_a_null_document_apart_from_sql_null(value):
    codec = named("json-or-null")
    decoded = codec.decode(through_json(codec.encode(value)))  # written as [document]
    assert isinstance(decoded, c.JSONDocument)
    assert json.dumps(decoded.value) == json.dumps(value)
    assert codec.decode(None) is None
    assert codec.decode([None]) == c.JSONDocument(None) != None  # noqa: E711 (JSON null is not SQL NULL)


def test_json_document_equality_and_repr():
    assert c.JSONDocument({"a": [1]}) == c.JSONDocument({"a": [1]})
    assert c.JSONDocument(1) != c.JSONDocument(2) and c.JSONDocument(1) != 1
    assert repr(c.JSONDocument(None)) == "JSONDocument(None)"


def test_natural_keys_round_trip():
    assert roundtrip(named("contenttype"), ("auth", "user")) == ("auth", "user")
    assert roundtrip(named("permission"), ("add_user", "auth", "user")) == ("add_user", "auth", "user")
    assert named("contenttype").encode(("zoo", "book")) == ["zoo", "book"]


@EXAMPLES
@given(st.lists(st.none() | st.integers()))
def test_array_round_trip_with_nulls(value):
    assert roundtrip(named("array:int"), value) == value


def test_nested_arrays_and_arrays_of_other_codecs():
    assert roundtrip(named("array:array:text"), [["a", None], [], [""]]) == [["a", None], [], [""]]
    days = [dt.date(2024, 2, 29), None]
    assert named("array:date").encode(days) == ["2024-02-29", None]
    assert roundtrip(named("array:date"), days) == days
    assert roundtrip(named("array:decimal"), [Decimal("1.10")])[0].as_tuple() == Decimal("1.10").as_tuple()


def test_hstore_round_trip_sorts_its_keys():
    value = {"b": "2", "a": None, "": "", "ü": "\x00"}
    encoded = named("hstore").encode(value)
    assert list(encoded) == ["", "a", "b", "ü"]
    assert roundtrip(named("hstore"), value) == value


@pytest.mark.parametrize("name", ["raw:text", "raw:int", "raw:float", "raw:bytes"])
def test_raw_codecs_are_their_column_codecs(name):
    codec = named(name)
    assert isinstance(codec, c.RawCodec) and codec.name == name
    value = {"raw:text": "a,b\x00", "raw:int": -(2**63), "raw:float": 0.1, "raw:bytes": b"\x00\x01"}[name]
    assert roundtrip(codec, value) == value


def test_field_string_codec_uses_the_field():
    field = z.Custom._meta.get_field("words")
    codec = c.FieldStringCodec(field)
    assert codec.encode(z.StringList(["a", "ü"])) == '["a", "ü"]'
    decoded = roundtrip(codec, z.StringList(["a", "ü"]))
    assert decoded == ["a", "ü"] and isinstance(decoded, z.StringList)
    assert c.FieldStringCodec().decode('["a"]') == '["a"]'  # a field the code no longer has: the text as it is


# --- ranges (psycopg's Range, also on other databases' test runs when psycopg is installed) ---


@pytest.fixture
def Range():  # noqa: N802 (a class)
    return pytest.importorskip("psycopg.types.range").Range


@pytest.mark.parametrize("bounds", ["[)", "(]", "()", "[]"])
def test_range_round_trip_with_each_kind_of_bounds(Range, bounds):  # noqa: N803
    for name, lower, upper in [
        ("range:int", -(2**40), 2**40),
        ("range:decimal", Decimal("-1.50"), Decimal("12345678901234567890.0000000001")),
        ("range:date", dt.date(1, 1, 1), dt.date(9999, 12, 31)),
        ("range:datetime", dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc),
         dt.datetime(2024, 1, 2, tzinfo=dt.timezone.utc)),
    ]:
        value = Range(lower, upper, bounds)
        encoded = named(name).encode(value)
        assert encoded[2] == bounds
        assert roundtrip(named(name), value) == value


def test_range_empty_and_unbounded(Range):  # noqa: N803
    assert named("range:int").encode(Range(empty=True)) == "empty"
    assert roundtrip(named("range:int"), Range(empty=True)) == Range(empty=True)
    assert named("range:int").encode(Range(None, 5, "(]")) == [None, 5, "(]"]
    assert roundtrip(named("range:int"), Range(None, None, "()")) == Range(None, None, "()")


def test_range_of_aware_datetimes_is_written_in_utc(Range):  # noqa: N803
    plus2 = dt.timezone(dt.timedelta(hours=2))
    value = Range(dt.datetime(2024, 6, 1, 12, tzinfo=plus2), None, "[)")
    assert named("range:datetime").encode(value) == ["2024-06-01T10:00:00.000000+00:00", None, "[)"]
    assert roundtrip(named("range:datetime"), value) == value


# --- which codec a field gets ----------------------------------------------------------


def field(model, name):
    return model._meta.get_field(name)


BUILT_IN = [
    (z.AutoPk, "id", "int"), (z.BigAutoPk, "id", "int"), (z.SmallAutoPk, "id", "int"), (z.UuidPk, "id", "uuid"),
    (z.Numbers, "small_integer", "int"), (z.Numbers, "positive_integer", "int"),
    (z.Numbers, "positive_small_integer", "int"), (z.Numbers, "positive_big_integer", "int"),
    (z.Numbers, "big_integer", "int"), (z.Numbers, "integer", "int"), (z.Numbers, "nullable_integer", "int"),
    (z.Floats, "float_value", "float"), (z.Decimals, "wide_decimal", "decimal"),
    (z.Flags, "boolean", "bool"), (z.Flags, "nullable_boolean", "bool"),
    (z.Texts, "char", "text"), (z.Texts, "text", "text"), (z.Texts, "slug", "text"), (z.Texts, "email", "text"),
    (z.Texts, "url", "text"), (z.Texts, "file_path", "text"), (z.Texts, "ip_address", "text"),
    (z.Moments, "date", "date"), (z.Moments, "date_time", "datetime"), (z.Moments, "time", "time"),
    (z.Moments, "duration", "duration"), (z.Identifiers, "uuid", "uuid"), (z.Blobs, "binary", "bytes"),
    (z.JsonDoc, "document", "json"), (z.JsonDoc, "nullable_document", "json-or-null"),
    (z.Attachment, "upload", "text"), (z.Attachment, "optional_upload", "text"),
    # relations take the codec of the field they point to, natural keys for ContentType and Permission
    (z.Node, "parent", "int"), (z.City, "country", "text"), (z.Passport, "person", "int"),
    (z.Profile, "person", "int"), (z.UuidOwned, "owner", "uuid"), (z.Restaurant, "place_ptr", "int"),
    (z.TaggedItem, "content_type", "contenttype"), (z.Role, "scope", "contenttype"),
    (z.Role, "main_permission", "permission"),
    (z.Role.permissions.through, "permission", "permission"), (z.Role.permissions.through, "role", "int"),
    (z.Book.tags.through, "tag", "int"),
]


@pytest.mark.parametrize("model, name, expected", BUILT_IN, ids=[f"{m.__name__}.{n}" for m, n, _ in BUILT_IN])
def test_codec_for_built_in_fields(model, name, expected):
    codec = c.codec_for_field(field(model, name))
    assert codec.name == expected
    assert c.codec_by_name(codec.name).name == expected  # the name in the manifest finds it again


def test_no_built_in_field_of_the_test_apps_falls_back_to_field_string():
    for app in ("zoo", "refs", "fitzoo", "exact", "auth", "contenttypes", "sessions", "admin"):
        for model in apps.get_app_config(app).get_models(include_auto_created=True):
            for f in model._meta.concrete_fields:
                if not c.is_custom_field(f):
                    assert not isinstance(c.codec_for_field(f), c.FieldStringCodec), f"{model._meta.label}.{f.name}"


@pytest.mark.parametrize("model, name, expected", [
    (z.Custom, "words", "raw:text"), (exact.CustomValues, "choices", "raw:text"),
    (exact.CustomValues, "price", "raw:int"), (exact.CustomValues, "packed", "raw:bytes"),
    (fitzoo.Sized, "words", "raw:text"),  # a custom subclass of TextField is custom too
])
def test_custom_fields_get_the_raw_codec_of_their_column(model, name, expected):
    f = field(model, name)
    assert c.is_custom_field(f)
    assert c.codec_for_field(f).name == expected
    assert c.raw_codec(f).name == expected


class _PointField(models.Field):
    def db_type(self, connection):
        return "point"


class _NoTypeField(models.Field):
    def db_type(self, connection):
        return None


class _OtherBackendField(models.Field):
    def db_type(self, connection):
        raise NotImplementedError("only on Oracle")


class _NumericIntegerField(models.IntegerField):
    def db_type(self, connection):
        return "numeric(10)"


class _SpacedCharField(models.CharField):
    def db_type(self, connection):
        return "  VARCHAR (30) "


@pytest.mark.parametrize("f, expected, raw", [
    (_PointField(), "field-string", None),  # a column type with no raw codec: the field's own strings
    (_NoTypeField(), "field-string", None),
    (_OtherBackendField(), "field-string", None),  # db_type() fails: no raw codec, no error
    (_NumericIntegerField(), "int", None),  # the internal type of its Django base class
    (_SpacedCharField(max_length=3), "raw:text", "raw:text"),  # the first word of the type, any case
])
def test_custom_fields_whose_column_has_no_raw_codec(f, expected, raw):
    assert c.is_custom_field(f)
    assert c.codec_for_field(f).name == expected
    assert (c.raw_codec(f) and c.raw_codec(f).name) == raw


def test_built_in_fields_have_no_raw_codec():
    assert not c.is_custom_field(field(z.Texts, "char"))
    assert c.raw_codec(field(z.Texts, "char")) is None


def test_postgresql_fields_choose_codecs_by_their_base_field():
    pg = pytest.importorskip("django.contrib.postgres.fields")
    assert c.codec_for_field(pg.ArrayField(models.IntegerField())).name == "array:int"
    assert c.codec_for_field(pg.ArrayField(pg.ArrayField(models.CharField(max_length=3)))).name == "array:array:text"
    assert c.codec_for_field(pg.HStoreField()).name == "hstore"
    for cls, name in [
        (pg.IntegerRangeField, "range:int"), (pg.BigIntegerRangeField, "range:int"),
        (pg.DecimalRangeField, "range:decimal"), (pg.DateTimeRangeField, "range:datetime"),
        (pg.DateRangeField, "range:date"),
    ]:
        assert c.codec_for_field(cls()).name == name
    # an array's items go through the base field's from_db_value(): never raw
    assert c.codec_for_field(pg.ArrayField(z.StringListField())).name == "array:field-string"


def test_pgzoo_models_on_postgresql():
    if not apps.is_installed("tests.pgzoo"):
        pytest.skip("tests.pgzoo is installed on PostgreSQL only")
    from tests.pgzoo import models as pgz

    got = {
        f"{m.__name__}.{f.name}": c.codec_for_field(f).name
        for m in (pgz.PgArrays, pgz.PgHStore, pgz.PgRanges) for f in m._meta.concrete_fields if f.name != "id"
    }
    assert got == {
        "PgArrays.integers": "array:int", "PgArrays.texts": "array:text", "PgArrays.nested": "array:array:int",
        "PgArrays.nested_texts": "array:array:text", "PgHStore.data": "hstore", "PgHStore.nullable_data": "hstore",
        "PgRanges.integer_range": "range:int", "PgRanges.decimal_range": "range:decimal",
        "PgRanges.date_time_range": "range:datetime", "PgRanges.date_range": "range:date",
    }


def test_every_codec_class_is_reachable_by_name():
    classes = {
        cls for _, cls in inspect.getmembers(c, inspect.isclass) if issubclass(cls, c.Codec) and cls is not c.Codec
    }
    names = ["int", "float", "decimal", "bool", "text", "date", "datetime", "time", "duration", "uuid", "bytes",
             "json", "json-or-null", "contenttype", "permission", "hstore", "array:int", "range:int", "raw:text",
             "field-string"]
    found = {type(c.codec_by_name(name)) for name in names}
    assert found == classes
    for name in names:
        assert c.codec_by_name(name).name == name


def test_field_string_by_name_keeps_the_field():
    f = field(z.Custom, "words")
    assert c.codec_by_name("field-string", f).field is f


@pytest.mark.parametrize("name", ["bogus", "raw:json", "raw:", "array:bogus", "range:", ""])
def test_unknown_codec_names(name):
    with pytest.raises(ValueError, match=r"unknown value type '.*' \(written by a newer lino-migrate\?\)"):
        c.codec_by_name(name)


# --- damaged data ------------------------------------------------------------------------


DAMAGED = [
    ("int", "1", TypeError, "expected an integer, got str '1'"),
    ("int", 1.0, TypeError, "expected an integer, got float 1.0"),
    ("int", True, TypeError, "expected an integer, got bool True"),
    ("float", "1.5", TypeError, "expected a number, got str '1.5'"),
    ("float", False, TypeError, "expected a number, got bool False"),
    ("decimal", 1.5, TypeError, "expected a decimal number in a string, got float 1.5"),
    ("decimal", "1,5", ValueError, "not a decimal number: '1,5'"),
    ("decimal", "", ValueError, "not a decimal number: ''"),
    ("bool", 1, TypeError, "expected true or false, got int 1"),
    ("bool", "true", TypeError, "expected true or false, got str 'true'"),
    ("text", 1, TypeError, "expected a string, got int 1"),
    ("text", None, TypeError, "expected a string, got NoneType None"),
    ("date", 20240101, TypeError, "expected a date 'YYYY-MM-DD', got int 20240101"),
    ("date", "2024-13-01", ValueError, "month must be in 1..12"),
    ("datetime", "yesterday", ValueError, "Invalid isoformat string: 'yesterday'"),
    ("datetime", 0, TypeError, "expected a datetime 'YYYY-MM-DDTHH:MM:SS.ffffff[+00:00]', got int 0"),
    ("time", "25:00", ValueError, "hour must be in 0..23"),
    ("duration", "1 day", TypeError, "expected a number of microseconds, got str '1 day'"),
    ("duration", 1.5, TypeError, "expected a number of microseconds, got float 1.5"),
    ("uuid", "zz", ValueError, "badly formed hexadecimal UUID string"),
    ("uuid", 12, TypeError, "expected a UUID string, got int 12"),
    ("bytes", "abc", ValueError, "not valid base64: 'abc'"),
    ("bytes", "a b=", ValueError, "not valid base64: 'a b='"),
    ("bytes", [1], TypeError, "expected base64 text, got list [1]"),
    ("json-or-null", [], ValueError, "expected null or a one-element list [document]"),
    ("json-or-null", [1, 2], ValueError, "expected null or a one-element list [document]"),
    ("json-or-null", {"a": 1}, TypeError, "expected null or a one-element list [document], got dict {'a': 1}"),
    ("contenttype", ["auth"], ValueError, "expected [app_label, model]"),
    ("contenttype", ["auth", 1], ValueError, "expected [app_label, model]"),
    ("contenttype", "auth.user", TypeError, "expected [app_label, model], got str 'auth.user'"),
    ("permission", ["add_user", "auth"], ValueError, "expected [codename, app_label, model]"),
    ("hstore", {"a": 1}, ValueError, "hstore values must be strings or null"),
    ("hstore", [], TypeError, "expected an object of strings, got list []"),
    ("array:int", {}, TypeError, "expected a list, got dict {}"),
    ("array:int", [1, "2"], TypeError, "expected an integer, got str '2'"),
    ("raw:int", "1", TypeError, "expected an integer, got str '1'"),
    ("field-string", 5, TypeError, "expected a string, got int 5"),
]


@pytest.mark.parametrize("name, data, error, message", DAMAGED, ids=[f"{d[0]}-{d[1]!r}" for d in DAMAGED])
def test_decoders_refuse_damaged_data(name, data, error, message):
    with pytest.raises(error) as raised:
        named(name).decode(data)
    assert str(raised.value) == message


def test_a_damaged_value_is_shown_shortened():
    with pytest.raises(TypeError) as raised:
        named("int").decode("x" * 500)
    assert str(raised.value) == "expected an integer, got str " + repr("x" * 500)[:60]


def test_a_duration_beyond_timedelta_raises_overflow_error():
    # Not ValueError/TypeError as Codec's docstring says; restore and showdump catch OverflowError too.
    with pytest.raises(OverflowError, match="must have magnitude <= 999999999"):
        named("duration").decode(10**20)


@pytest.mark.parametrize("data, message", [
    (5, "expected 'empty' or [lower, upper, bounds], got int 5"),
    ([1, 2], "expected [lower, upper, bounds]"),
    ([1, 2, "<>"], "expected [lower, upper, bounds]"),
    ([1, 2, ["[)"]], "expected [lower, upper, bounds]"),
    ([1, "2", "[)"], "expected an integer, got str '2'"),
])
def test_range_decoder_refuses_damaged_data(Range, data, message):  # noqa: N803
    with pytest.raises((TypeError, ValueError)) as raised:
        named("range:int").decode(data)
    assert str(raised.value) == message


def test_field_string_decoder_passes_on_the_fields_error():
    with pytest.raises(json.JSONDecodeError):  # a ValueError: restore reports it as a damaged value
        c.FieldStringCodec(field(z.Custom, "words")).decode("not json")

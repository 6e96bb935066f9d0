"""Property-based round trips of single values through dump2py and restore.

Each example stores a few generated values as rows of a zoo model, dumps the
database in-process with ``call_command("dump2py")``, damages the table,
restores with ``call_command("restore")`` and compares the rows exactly.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.zoo import models as z
from tests.zoo.data import normalize

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def vendor() -> str:
    return connection.vendor


def run(*args: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, "--noinput", verbosity=0, stdout=out, stderr=err)
    except BaseException as exc:  # SystemExit included: show what the command said
        raise AssertionError(f"{args} failed: {exc!r}\nstdout:\n{out.getvalue()}\nstderr:\n{err.getvalue()}") from exc


def read(model, fields) -> list[tuple]:
    return [tuple(normalize(v) for v in row) for row in model._base_manager.order_by("pk").values_list("pk", *fields)]


def roundtrip(model, rows: list[dict], junk: dict) -> list[tuple]:
    """Store rows, dump, replace them by junk, restore: the rows read back exactly."""
    fields = sorted({name for row in rows for name in row} | set(junk))
    model._base_manager.all().delete()
    for row in rows:
        model.objects.create(**row)
    before = read(model, fields)
    assert len(before) == len(rows)
    with tempfile.TemporaryDirectory(prefix="lm-hyp-") as tmp:
        target = Path(tmp) / "dump"
        run("dump2py", str(target))
        model._base_manager.all().delete()
        model.objects.create(**junk)
        run("restore", str(target))
    after = read(model, fields)
    assert after == before
    return after


def text_strategy(max_size: int):
    # No surrogates (not valid text anywhere); no NUL in PostgreSQL text.
    exclude = "\x00" if vendor() == "postgresql" else ""
    return st.text(st.characters(exclude_categories=("Cs",), exclude_characters=exclude), max_size=max_size)


@EXAMPLES
@given(st.data())
def test_text_values(transactional_db, data):
    texts = data.draw(st.lists(text_strategy(300), min_size=1, max_size=8))
    rows = [
        dict(char=t[:200], nullable_char=None if i % 3 == 0 else t[::-1][:200], text=t * 2, slug="s", email="e@x.org", url="https://x.org", file_path=t[:300])
        for i, t in enumerate(texts)
    ]
    roundtrip(z.Texts, rows, junk=dict(char="junk", text="junk", slug="j", email="j@x.org", url="https://j.org", file_path="j"))
    # the database really kept the generated text
    assert list(z.Texts.objects.order_by("pk").values_list("text", flat=True)) == [t * 2 for t in texts]


@EXAMPLES
@given(st.lists(st.binary(max_size=600), min_size=1, max_size=8))
def test_binary_values(transactional_db, blobs):
    rows = [dict(binary=b, nullable_binary=None if i % 2 else b[::-1]) for i, b in enumerate(blobs)]
    roundtrip(z.Blobs, rows, junk=dict(binary=b"junk"))
    assert [bytes(b) for b in z.Blobs.objects.order_by("pk").values_list("binary", flat=True)] == blobs


def decimal_strategy(max_digits: int, places: int):
    """Decimals that fit the field and whose digits the database keeps."""
    kept = 15 if vendor() == "sqlite" else max_digits  # SQLite keeps 15 significant digits
    digits = min(kept, max_digits)

    @st.composite
    def build(draw):
        size = draw(st.integers(1, digits))
        mantissa = draw(st.integers(-(10**size - 1), 10**size - 1))
        # shift so that at most max_digits - places digits are before the point
        shift = draw(st.integers(max(0, size - (max_digits - places)), places))
        return Decimal(mantissa).scaleb(-shift)

    return build()


@EXAMPLES
@given(st.data())
def test_decimal_values(transactional_db, data):
    values = data.draw(st.lists(st.tuples(decimal_strategy(30, 10), decimal_strategy(6, 2), decimal_strategy(12, 4) | st.none()), min_size=1, max_size=8))
    rows = [dict(wide_decimal=w, money=m, nullable_decimal=n) for w, m, n in values]
    roundtrip(z.Decimals, rows, junk=dict(wide_decimal=Decimal("1.5"), money=Decimal("2.5")))
    stored = list(z.Decimals.objects.order_by("pk").values_list("wide_decimal", "money", "nullable_decimal"))
    assert stored == values  # numerically equal to what was generated


ZONES = [dt.timezone.utc, ZoneInfo("Europe/Brussels"), ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata"), ZoneInfo("Pacific/Chatham"), ZoneInfo("America/St_Johns"), ZoneInfo("Australia/Lord_Howe")]
aware_datetimes = st.datetimes(
    min_value=dt.datetime(1001, 1, 2), max_value=dt.datetime(9998, 12, 30), timezones=st.sampled_from(ZONES)
)


@EXAMPLES
@given(
    st.lists(
        st.tuples(
            aware_datetimes,
            aware_datetimes | st.none(),
            st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)),
            st.times(),
            st.timedeltas(min_value=dt.timedelta(days=-(10**8)), max_value=dt.timedelta(days=10**8)),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_datetime_values(transactional_db, values):
    rows = [dict(date_time=a, nullable_date_time=b, date=d, time=t, duration=td) for a, b, d, t, td in values]
    roundtrip(z.Moments, rows, junk=dict(date_time=dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc), date=dt.date(2000, 1, 1), time=dt.time(1), duration=dt.timedelta(1)))
    stored = list(z.Moments.objects.order_by("pk").values_list("date_time", "nullable_date_time", "date", "time", "duration"))
    # same instants (compared in UTC: Python never finds a time in a DST gap or fold
    # equal to one in another zone), dates, times and durations
    assert [tuple(map(normalize, row)) for row in stored] == [tuple(map(normalize, row)) for row in values]


def json_strategy():
    exclude = "\x00" if vendor() == "postgresql" else ""  # jsonb refuses \u0000
    text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters=exclude), max_size=20)
    scalars = st.none() | st.booleans() | st.integers(-(2**80), 2**80) | st.floats(allow_nan=False, allow_infinity=False) | text
    return st.recursive(
        scalars,
        lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
        max_leaves=12,
    ).filter(lambda v: v is not None)


@EXAMPLES
@given(st.data())
def test_json_values(transactional_db, data):
    documents = data.draw(st.lists(json_strategy(), min_size=1, max_size=6))
    rows = [dict(document=d, nullable_document=None if i % 2 else {"wrapped": d}) for i, d in enumerate(documents)]
    roundtrip(z.JsonDoc, rows, junk=dict(document={"junk": 1}))
    # the database kept the documents (PostgreSQL may turn the float 1.8e16 into an integer)
    stored = list(z.JsonDoc.objects.order_by("pk").values_list("document", flat=True))
    assert len(stored) == len(documents) and all(json_equal(a, b) for a, b in zip(stored, documents)), (stored, documents)


def json_equal(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and float(a) == float(b)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


@EXAMPLES
@given(st.lists(st.lists(text_strategy(40), max_size=5), min_size=1, max_size=6))
def test_custom_field_values(transactional_db, lists):
    rows = [dict(words=z.StringList(words), nullable_words=None if i % 2 else z.StringList(words[::-1])) for i, words in enumerate(lists)]
    roundtrip(z.Custom, rows, junk=dict(words=z.StringList(["junk"])))
    assert [list(w) for w in z.Custom.objects.order_by("pk").values_list("words", flat=True)] == lists

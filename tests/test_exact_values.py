"""Values come back exactly as the database held them (issue 13, points 2.5, 2.6, 2.12).

Rows are written with raw SQL, so that the database holds text that Django
itself would not write; each column is compared as the database's own text
(``col::text`` on PostgreSQL) or bytes before the dump and after the restore.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.db import connection, connections

from tests.exact import models as m
from tests.zoo import models as z

pytestmark = pytest.mark.django_db(transaction=True)

DB = os.environ.get("LM_DB", "sqlite")

#: Documents with numbers that a float changes: precision, scale, range, exponent forms;
#: nested, in lists, as values of keys, negative. Written as Django's json.dumps() writes.
DOCUMENTS = [
    '{"big": 12345678901234567890.123456789, "close": 0.1000000000000000055, "scale": 1.10, "huge": 1e400}',
    '[1.10, -0.1000000000000000055, [2.50, {"deep": -1.5E+3, "list": [0.10, 1.0e0]}], 1E-7, 3e2]',
    '{"neg": -12345678901234567890.123456789, "tiny": 1e-400, "neg_huge": -1e400, "int": 123456789012345678901234567890}',
    '1.10',
    '{"plain": 0.5, "text": "1.10 \\u00e9", "none": null, "flag": true}',
]
MONEY = [
    '{"price": 19.99, "rate": 0.1000000000000000055, "lines": [{"amount": 1.10}]}',
    '{"total": 12345678901234567890.123456789}',
    'null',
    None,
    '[]',
]
STREAMS = [
    '[{"type": "paragraph", "value": "1.10"}, {"type": "number", "value": 1.10}]',
    '[{"type": "number", "value": 0.1000000000000000055, "id": "a"}]',
    None,
    '[]',
    '[{"type": "big", "value": [1e400, -2.50]}]',
]
NULLABLE = ['{"a": 2.0E1}', 'null', None, '[0.30000000000000000001]', '{}']


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def column_text(model, column: str) -> list:
    """The values of one column as the database holds them: text (jsonb as text on PostgreSQL) or bytes."""
    select = f"{quote(column)}::text" if DB == "postgresql" and as_text(model, column) else quote(column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote('id')}, {select} FROM {quote(model._meta.db_table)} ORDER BY {quote('id')}")
        return [(pk, bytes(value) if isinstance(value, memoryview) else value) for pk, value in cursor.fetchall()]


def as_text(model, column: str) -> bool:
    """PostgreSQL: jsonb and numeric compared as their text (NaN is not equal to itself)."""
    return model._meta.get_field(column).get_internal_type() in ("JSONField", "DecimalField")


def snapshot(model) -> dict[str, list]:
    return {f.column: column_text(model, f.column) for f in model._meta.local_concrete_fields if not f.primary_key}


def insert(model, rows: list[dict]) -> None:
    """Insert rows by raw SQL, so that the database holds exactly the text given."""
    with connection.cursor() as cursor:
        for pk, row in enumerate(rows, start=1):
            columns = ["id", *row]
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
                f"VALUES ({', '.join(['%s'] * len(columns))})",
                [pk, *row.values()],
            )


def dump_and_restore(manage, tmp_path: Path, labels: list[str], *restore_options: str) -> Path:
    """Dump only ``labels`` (each test fails for its own reason on an older lino-migrate), wipe, restore."""
    target = tmp_path / "dump"
    manage.ok("dump2py", str(target), *labels, "--noinput")
    connections.close_all()
    wipe()
    manage.ok("restore", str(target), "--noinput", *restore_options)
    connections.close_all()
    return target


def wipe() -> None:
    for model in (m.JsonNumbers, m.JsonMoney, m.StreamPage, m.CustomValues, z.Custom, z.Decimals):
        model._base_manager.all().delete()


# --- 2.5: JSON documents ------------------------------------------------------------


JSON_CASES = {
    "numbers": (m.JsonNumbers, [{"document": doc, "nullable_document": other} for doc, other in zip(DOCUMENTS, NULLABLE)]),
    "decimal-decoder": (m.JsonMoney, [{"money": money} for money in MONEY]),
    "streamfield-like": (m.StreamPage, [{"stream": stream} for stream in STREAMS]),
}


@pytest.mark.parametrize("restore_options", [(), ("--quick",)], ids=["validated", "quick"])
@pytest.mark.parametrize("case", list(JSON_CASES))
def test_json_numbers_come_back_as_the_database_held_them(manage, tmp_path, case, restore_options):
    model, rows = JSON_CASES[case]
    insert(model, rows)
    before = snapshot(model)
    target = dump_and_restore(manage, tmp_path, [model._meta.label], *restore_options)
    assert snapshot(model) == before

    # The documents stay JSON nested in the row line, with their numbers' literal text.
    rows_text = (target / f"exact_{model._meta.model_name}.py").read_text(encoding="utf-8").split("ROWS = [", 1)[1]
    assert "0.1000000000000000055" in rows_text
    assert "Infinity" not in rows_text
    if DB != "postgresql":  # PostgreSQL's jsonb has its own form (1.10 stays, 1e400 is written out in full)
        assert '"lines": [{"amount": 1.10}]' in rows_text or "1e400" in rows_text


def test_json_dump_is_the_same_after_a_restore(manage, tmp_path):
    model, rows = JSON_CASES["numbers"]
    insert(model, rows)
    target = dump_and_restore(manage, tmp_path, ["exact.JsonNumbers"])
    again = tmp_path / "again"
    manage.ok("dump2py", str(again), "exact.JsonNumbers", "--noinput")
    name = "exact_jsonnumbers.py"
    assert (again / name).read_bytes() == (target / name).read_bytes()


def test_migrators_see_ordinary_floats():
    from lino_migrate import exactjson

    document = exactjson.loads('{"a": 1.10, "b": [0.5, 1e400]}')
    assert document == {"a": 1.1, "b": [0.5, float("inf")]}
    assert isinstance(document["a"], float) and document["a"] * 2 == 2.2
    assert type(document["b"][0]) is float  # what repr() writes anyway stays a plain float
    assert exactjson.dumps(document, ensure_ascii=True) == '{"a": 1.10, "b": [0.5, 1e400]}'


# --- 2.6: custom fields ---------------------------------------------------------------


def test_custom_fields_come_back_byte_for_byte(manage, tmp_path):
    insert(m.CustomValues, [
        {"choices": "r,b", "nullable_choices": "x", "price": 1999, "packed": bytes([0, 255, 10, 13])},
        {"choices": "", "nullable_choices": None, "price": None, "packed": None},
        {"choices": "g", "nullable_choices": "", "price": -5, "packed": b""},
    ])
    # The zoo's StringListField: JSON text in a text column, not in the form its get_prep_value() writes.
    insert(z.Custom, [
        {"words": '["a","b"]', "nullable_words": None},
        {"words": '["\\u00e9t\\u00e9", "x"]', "nullable_words": "[]"},
        {"words": '[ ]', "nullable_words": '["1.10"]'},
    ])
    before = snapshot(m.CustomValues), snapshot(z.Custom)
    target = dump_and_restore(manage, tmp_path, ["exact.CustomValues", "zoo.Custom"])
    assert (snapshot(m.CustomValues), snapshot(z.Custom)) == before
    header = (target / "exact_customvalues.py").read_text(encoding="utf-8").splitlines()[2]
    assert header == "# columns: id (int), choices (raw:text), nullable_choices (raw:text), price (raw:int), packed (raw:bytes)"


# --- 2.12: NaN in a PostgreSQL numeric ------------------------------------------------


@pytest.mark.skipif(DB != "postgresql", reason="only PostgreSQL's numeric holds NaN")
@pytest.mark.parametrize("restore_options", [(), ("--quick",)], ids=["validated", "quick"])
def test_decimal_nan_comes_back_on_postgresql(manage, tmp_path, restore_options):
    insert(z.Decimals, [
        {"wide_decimal": "NaN", "money": "1.50", "nullable_decimal": "NaN"},
        {"wide_decimal": "1.0000000001", "money": "NaN", "nullable_decimal": None},
    ])
    before = snapshot(z.Decimals)
    assert before["wide_decimal"][0] == (1, "NaN")
    target = dump_and_restore(manage, tmp_path, ["zoo.Decimals"], *restore_options)
    assert snapshot(z.Decimals) == before
    assert '"NaN"' in (target / "zoo_decimals.py").read_text(encoding="utf-8")


@pytest.mark.skipif(DB != "postgresql", reason="only PostgreSQL's numeric holds NaN")
def test_showdump_reads_decimal_nan_of_an_edited_file(manage, tmp_path):
    insert(z.Decimals, [{"wide_decimal": "NaN", "money": "NaN", "nullable_decimal": "NaN"}])
    target = tmp_path / "dump"
    manage.ok("dump2py", str(target), "zoo.Decimals", "--noinput")
    script = target / "restore.py"
    script.write_text(re.sub(r"'sha256': '[0-9a-f]{64}'", "'sha256': None", script.read_text()))  # read every row
    result = manage.ok("showdump", str(target))
    assert "damaged" not in result.stdout + result.stderr

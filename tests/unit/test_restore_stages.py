"""The restore's stages called directly: read, decode, route, insert (no subprocess, no Restore)."""

from __future__ import annotations

import dataclasses
import datetime
import decimal

import pytest
from django.apps import apps
from django.db import connection
from django.test import override_settings

from lino_migrate.dump import Dumper
from lino_migrate.errors import DamagedDumpError, RestoreError
from lino_migrate.problems import Problems
from lino_migrate.manifest import read_manifest
from lino_migrate.naturalkeys import NaturalKeyResolver
from lino_migrate.plan import build_plan, target_plan
from lino_migrate.restore.decode import RowDecoder, datetime_shifter
from lino_migrate.restore.insert import BulkInserter
from lino_migrate.restore.read import read_source
from lino_migrate.restore.route import InsertOptions, Targets, route
from lino_migrate.restore.tables import TableEraser
from tests.zoo.models import AutoPk, Decimals, Moments, Texts

pytestmark = pytest.mark.django_db(transaction=True)  # the dump opens its own snapshot transaction

BRUSSELS_NOON = datetime.datetime(2024, 7, 1, 10, 0, tzinfo=datetime.timezone.utc)  # 12:00 in Brussels (CEST)


def _dump(tmp_path, *labels):
    target = tmp_path / "dump"
    Dumper(target, include=labels, verbosity=0).write()
    manifest = read_manifest(target)
    plan = build_plan(manifest, connection=connection)
    assert plan.problems == []
    return target, manifest, {source.label: source for source in plan.sources}, plan


def _decoded_rows(target, manifest, source, resolver=None):
    decoder = RowDecoder(source, manifest.time_zone, resolver, connection)
    return [decoder.decode(values, name, line) for values, name, line in read_source(target, manifest, source)]


# -- read ---------------------------------------------------------------------


def test_read_source_gives_every_row_with_its_file_and_line(tmp_path):
    AutoPk.objects.bulk_create([AutoPk(name=f"n{i}") for i in range(5)])
    target, manifest, sources, _ = _dump(tmp_path, "zoo.AutoPk")
    progressed = []
    rows = list(read_source(target, manifest, sources["zoo.AutoPk"], progressed.append))
    assert [values[1] for values, _, _ in rows] == [f"n{i}" for i in range(5)]
    assert {name for _, name, _ in rows} == set(sources["zoo.AutoPk"].info.files)
    assert [line for _, _, line in rows] == sorted(line for _, _, line in rows)
    assert sum(progressed) == 5


def test_read_source_refuses_a_file_with_fewer_rows_than_recorded(tmp_path):
    AutoPk.objects.bulk_create([AutoPk(name=f"n{i}") for i in range(3)])
    target, manifest, sources, _ = _dump(tmp_path, "zoo.AutoPk")
    [name] = sources["zoo.AutoPk"].info.files
    path = target / name
    lines = path.read_text().splitlines(keepends=True)
    row_lines = [i for i, line in enumerate(lines) if line.startswith("[")]
    del lines[row_lines[-1]]
    path.write_text("".join(lines))
    with pytest.raises(DamagedDumpError, match=rf"{name}: 2 rows where restore.py records 3"):
        list(read_source(target, manifest, sources["zoo.AutoPk"]))


# -- decode -------------------------------------------------------------------


def test_decoder_gives_back_the_python_values_of_the_database(tmp_path):
    Moments.objects.create(
        date=datetime.date(1, 1, 1), date_time=BRUSSELS_NOON, time=datetime.time(23, 59, 59, 999999),
        duration=datetime.timedelta(days=-1, microseconds=1), nullable_date_time=None,
    )
    Decimals.objects.create(wide_decimal=decimal.Decimal("-1234567890.1234567890"), money=decimal.Decimal("9999.99"))
    target, manifest, sources, _ = _dump(tmp_path, "zoo.Moments", "zoo.Decimals")
    [moments] = _decoded_rows(target, manifest, sources["zoo.Moments"])
    names = [f.name for f in sources["zoo.Moments"].info.fields]
    row = dict(zip(names, moments))
    assert row["date"] == datetime.date(1, 1, 1)
    assert row["date_time"] == BRUSSELS_NOON and row["date_time"].utcoffset() == datetime.timedelta(0)
    assert row["time"] == datetime.time(23, 59, 59, 999999)
    assert row["duration"] == datetime.timedelta(days=-1, microseconds=1)
    assert row["nullable_date_time"] is None
    [decimals] = _decoded_rows(target, manifest, sources["zoo.Decimals"])
    stored = Decimals.objects.get()  # SQLite keeps 15 significant digits: compare with what it holds
    assert [stored.wide_decimal, stored.money] == decimals[1:3]


def test_decoder_names_file_line_and_column_of_a_value_that_does_not_decode(tmp_path):
    Moments.objects.create(date=datetime.date(2020, 2, 29), date_time=BRUSSELS_NOON, time=datetime.time(1),
                           duration=datetime.timedelta(0))
    target, manifest, sources, _ = _dump(tmp_path, "zoo.Moments")
    source = sources["zoo.Moments"]
    decoder = RowDecoder(source, manifest.time_zone, None, connection)
    [(values, name, line)] = list(read_source(target, manifest, source))
    index = [f.name for f in source.info.fields].index("date")
    values = list(values)
    values[index] = "2021-02-29"
    with pytest.raises(DamagedDumpError, match=rf"^{name}, line {line}: column date \(date\): "):
        decoder.decode(values, name, line)


def test_decoder_maps_natural_keys_to_the_ids_here_unless_rows_go_to_the_migrators(tmp_path):
    from django.contrib.contenttypes.models import ContentType

    from tests.zoo.models import Tag, TaggedItem

    tag = Tag.objects.create(name="t")
    TaggedItem.objects.create(label="x", content_type=ContentType.objects.get_for_model(Tag), object_id=tag.pk)
    target, manifest, sources, _ = _dump(tmp_path, "zoo.TaggedItem")
    source = sources["zoo.TaggedItem"]
    resolver = NaturalKeyResolver("default")
    decoder = RowDecoder(source, manifest.time_zone, resolver, connection)
    keeping = RowDecoder(source, manifest.time_zone, None, connection)
    index = [f.name for f in source.info.fields].index("content_type")
    values, name, line = next(iter(read_source(target, manifest, source)))
    mapped, kept = decoder.decode(values, name, line)[index], keeping.decode(values, name, line)[index]
    assert isinstance(mapped, int) and kept == ("zoo", "tag")
    assert ContentType.objects.get(pk=mapped).natural_key() == kept


def test_permission_rows_keep_their_content_type_as_a_natural_key(tmp_path):
    """ensure_natural_row() takes the key: nothing is created for a model the current code does not have."""
    target, manifest, sources, _ = _dump(tmp_path, "auth.Permission")
    source = sources["auth.Permission"]
    decoder = RowDecoder(source, manifest.time_zone, NaturalKeyResolver("default"), connection)
    index = [f.name for f in source.info.fields].index("content_type")
    rows = [decoder.decode(values, name, line) for values, name, line in read_source(target, manifest, source)]
    assert rows and all(isinstance(row[index], tuple) and len(row[index]) == 2 for row in rows)


@pytest.mark.parametrize(
    ("use_tz", "time_zone", "dumped", "expected"),
    [
        # the dump's naive local time keeps its instant in an aware site
        (True, "UTC", datetime.datetime(2024, 7, 1, 12, 0), BRUSSELS_NOON),
        # an aware value becomes the site's local time without USE_TZ
        (False, "America/New_York", BRUSSELS_NOON, datetime.datetime(2024, 7, 1, 6, 0)),
        # same zone, naive in and out: unchanged
        (False, "Europe/Brussels", datetime.datetime(2024, 7, 1, 12, 0), datetime.datetime(2024, 7, 1, 12, 0)),
    ],
)
def test_datetime_shifter_keeps_the_instant(use_tz, time_zone, dumped, expected):
    with override_settings(USE_TZ=use_tz, TIME_ZONE=time_zone):
        assert datetime_shifter("Europe/Brussels")(dumped) == expected


def test_datetime_shifter_names_an_instant_beyond_the_calendar():
    with override_settings(USE_TZ=True, TIME_ZONE="UTC"):
        shift = datetime_shifter("Europe/Brussels")
        first_day_east = datetime.datetime(1, 1, 1, 1, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=5)))
        with pytest.raises(ValueError, match="falls outside the years 1 to 9999 in UTC"):
            shift(first_day_east)


# -- insert -------------------------------------------------------------------


def test_bulk_inserter_writes_rows_in_batches():
    inserter = BulkInserter(connection, target_plan(AutoPk), Problems())
    for i in range(1, 12_001):
        inserter.add([i, f"row {i}"], f"test, row {i}")
    assert AutoPk.objects.count() == 10_000  # two full batches went in as they filled
    inserter.flush()
    assert inserter.count == 12_000
    assert list(AutoPk.objects.order_by("pk").values_list("pk", "name")[:2]) == [(1, "row 1"), (2, "row 2")]


def test_bulk_inserter_collects_values_that_do_not_fit_and_inserts_nothing_after():
    problems = Problems()
    inserter = BulkInserter(connection, target_plan(Texts), problems)
    fields = [f.name for f in inserter.fields]
    good = {"char": "ok", "nullable_char": None, "text": "", "slug": "", "email": "", "url": "", "file_path": "",
            "ip_address": None}
    bad = {**good, "char": "x" * 201}
    inserter.add([1] + [good[name] for name in fields[1:]], "file.py, line 1")
    inserter.add([2] + [bad[name] for name in fields[1:]], "file.py, line 2")
    inserter.flush()
    assert problems.count == 1 and Texts.objects.count() == 0
    [problem] = problems.shown
    assert (problem.label, problem.pk, problem.origin, problem.field) == ("zoo.Texts", 2, "file.py, line 2", "char")


def test_bulk_inserter_names_the_row_the_database_refuses():
    AutoPk.objects.create(pk=7, name="already here")
    inserter = BulkInserter(connection, target_plan(AutoPk), Problems(), quick=True)
    for pk in (5, 6, 7, 8):
        inserter.add([pk, "new"], f"zoo.AutoPk.py, line {pk}")
    with pytest.raises(RestoreError, match=r"zoo.AutoPk \(zoo.AutoPk.py, line 7\) cannot be inserted"):
        inserter.flush()


# -- route --------------------------------------------------------------------


def test_route_sends_the_rows_of_a_dumped_model_into_its_table(tmp_path):
    AutoPk.objects.bulk_create([AutoPk(pk=i, name=f"n{i}") for i in (3, 9)])
    target, manifest, sources, plan = _dump(tmp_path, "zoo.AutoPk")
    AutoPk.objects.all().delete()
    AutoPk.objects.create(pk=100, name="emptied before the first row")
    eraser = TableEraser(connection)
    resolver = NaturalKeyResolver("default")
    targets = Targets(connection, resolver, InsertOptions(Problems()), eraser.clear, schema=apps, state=plan.state)
    source = sources["zoo.AutoPk"]
    deliver = route(source, targets, plan.pipeline, migrator_rows=None)
    decoder = RowDecoder(source, manifest.time_zone, resolver, connection)
    for values, name, line in read_source(target, manifest, source):
        deliver(decoder.decode(values, name, line), f"{name}, line {line}")
    targets.flush()
    assert list(AutoPk.objects.order_by("pk").values_list("pk", "name")) == [(3, "n3"), (9, "n9")]
    assert eraser.cleared == {"zoo_autopk"}
    assert targets.by_label["zoo.autopk"].count == 2


def test_route_gives_a_field_the_dump_lacks_its_default(tmp_path):
    """A field added since the dump (None in the plan's mapping) gets its default, the others their column."""
    AutoPk.objects.bulk_create([AutoPk(pk=i, name=f"n{i}") for i in (3, 9)])
    target, manifest, sources, plan = _dump(tmp_path, "zoo.AutoPk")
    AutoPk.objects.all().delete()
    source = sources["zoo.AutoPk"]
    assert source.mapping == [0, 1]
    older = dataclasses.replace(source, mapping=[0, None])  # the plan of a dump made before `name` was added
    targets = Targets(connection, NaturalKeyResolver("default"), InsertOptions(Problems()),
                      TableEraser(connection).clear, schema=apps, state=plan.state)
    deliver = route(older, targets, plan.pipeline, migrator_rows=None)
    decoder = RowDecoder(source, manifest.time_zone, None, connection)
    for values, name, line in read_source(target, manifest, source):
        deliver(decoder.decode(values, name, line), f"{name}, line {line}")
    targets.flush()
    assert list(AutoPk.objects.order_by("pk").values_list("pk", "name")) == [(3, ""), (9, "")]


def test_targets_refuse_a_migrator_row_of_a_model_the_code_does_not_have(tmp_path):
    from lino_migrate.migrators.row import Row

    _, _, _, plan = _dump(tmp_path, "zoo.AutoPk")
    targets = Targets(connection, NaturalKeyResolver("default"), InsertOptions(Problems()),
                      TableEraser(connection).clear, schema=apps, state=plan.state)
    row = Row("zoo.Vanished", {"name": "x"})
    row.origin = "zoo.Vanished.py, line 4"
    with pytest.raises(RestoreError, match=r"comes out as model 'zoo.Vanished', which the current code does not have"):
        targets.for_label("zoo.Vanished", row)

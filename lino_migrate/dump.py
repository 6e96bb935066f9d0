"""Write a Python dump of a database: ``restore.py`` plus one module per model.

The dump is read in one consistent snapshot, streamed table by table in
primary-key order, written into a hidden sibling directory and moved into
place only when every file is complete and synced (see ``atomicdir``).
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Sequence

import django
from django.conf import settings
from django.db import DatabaseError, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from . import DUMP_FORMAT, __version__, parallel
from .atomicdir import AtomicDirectory
from . import exactjson
from .codec import Codec, RawCodec, codec_for_field
from .datafile import DataFileWriter
from .derived import derived_models
from .errors import DumpError
from .generated import generated_definitions
from .manifest import write_script
from .progress import progress_bar
from .references import GENERIC_TARGETS, DanglingReference, dangling_error, generic_pairs
from .selection import NATURAL_KEY_MODELS, select_models
from .sequences import read_next_ids
from .snapshot import consistent_snapshot
from .tablecheck import describe_missing, missing_columns
from .tableread import column_converter, count_rows, key_fields, part_starts, read_table
from .vendors import db_types
from .versions import installed_versions

DEFAULT_MAX_ROW_COUNT = 50_000


@dataclass
class DumpSummary:
    """What a dump wrote; ``missing`` names the tables skipped with ``tolerate``."""

    target: Path
    models: int = 0
    rows: int = 0
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    missing: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        return (
            f"Dumped {self.models} models, {self.rows} rows into {self.files} files "
            f"({self.bytes:,} bytes) in {self.seconds:.1f} s: {self.target}"
        )


@dataclass
class _Column:
    field: models.Field
    codec: Codec
    convert: Callable[[Any], Any] | None

    def describe(self) -> tuple[str, str, str, str, str]:
        f = self.field
        return (f.name, f.attname, f.column, f.get_internal_type(), self.codec.name)


class Dumper:
    """Dumps the models of one database into a directory.

    ``include`` and ``exclude`` take ``app_label`` or ``app_label.ModelName``.
    With ``tolerate``, a table that cannot be read is recorded as missing
    instead of failing the dump.
    """

    def __init__(
        self,
        target: Path | str,
        *,
        using: str = "default",
        max_row_count: int = DEFAULT_MAX_ROW_COUNT,
        include: Sequence[str] = (),
        exclude: Sequence[str] = (),
        tolerate: bool = False,
        overwrite: bool = False,
        jobs: int = 1,
        verbosity: int = 1,
        stderr: IO[str] = sys.stderr,
    ):
        if max_row_count < 1:
            raise DumpError(f"max_row_count must be at least 1, not {max_row_count}")
        self.target = Path(target)
        if using not in connections:
            raise DumpError(f"Unknown database alias {using!r}: settings.DATABASES has {', '.join(connections)}.")
        self.connection = connections[using]
        self.max_row_count = max_row_count
        self.include = list(include)
        self.exclude = list(exclude)
        self.tolerate = tolerate
        self.overwrite = overwrite
        self.jobs = jobs
        self.verbosity = verbosity
        self.stderr = stderr
        self.models, self.left_out = select_models(self.include, self.exclude)
        # A model whose table this database cannot have (Meta.required_db_features or
        # required_db_vendor, e.g. virtual generated columns on PostgreSQL): migrate creates no table.
        self.models = [model for model in self.models if model._meta.can_migrate(self.connection)]

    def write(self) -> DumpSummary:
        """Write the dump; on any failure nothing is left at the target but a previous dump."""
        try:
            return self._write()
        except OSError as exc:
            raise DumpError(f"Cannot write the dump into {self.target}: {exc.strerror or exc}. Nothing was written.") from None
        except DatabaseError as exc:
            raise DumpError(f"The database failed while dumping: {exc}. Nothing was written.") from None

    def _write(self) -> DumpSummary:
        started = time.monotonic()
        summary = DumpSummary(self.target.absolute())
        versions = installed_versions()  # fails early on an invalid version
        created = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        # Virtual tables and views: the database makes their rows (see derived.py).
        self.derived = derived_models(self.models, self.connection)
        self.models = [model for model in self.models if model._meta.label not in self.derived]
        with AtomicDirectory(self.target, self.overwrite) as directory:
            with consistent_snapshot(self.connection):
                counts = self._count_rows(summary)
                next_ids = read_next_ids(self.connection, [m for m in self.models if m._meta.label not in summary.missing])
                natural_keys = NaturalKeys(self.connection)
                bar = progress_bar(sum(counts.values()), "dump2py", self.stderr, self.verbosity)
                described: dict[str, Any] = {}
                files: dict[str, Any] = {}
                todo = [model for model in self.models if model._meta.label not in summary.missing]
                with bar:
                    if self._parallel():
                        self._dump_in_workers(directory, todo, counts, described, files, bar)
                    else:
                        for model in todo:
                            label = model._meta.label
                            described[label] = self.dump_model(directory, model, counts[label], natural_keys, files, bar)
                applied = self._applied_migrations()
            dump = self._stamps(versions, applied, described, files, summary.missing)
            names = _permission_names(self.models, natural_keys)
            if names:
                dump["permission_names"] = names
            if self.derived:
                dump["derived"] = dict(sorted(self.derived.items()))
            dump["next_ids"] = next_ids
            write_script(directory, created, dump, [model._meta.label for model in self.models])
            summary.models = len(described)
            summary.rows = sum(info["rows"] for info in described.values())
            summary.files = len(files) + 1
            summary.bytes = sum(path.stat().st_size for path in directory.iterdir())
        summary.seconds = time.monotonic() - started
        return summary

    def _parallel(self) -> bool:
        if self.jobs <= 1:
            return False
        if not parallel.can_share_snapshot(self.connection):
            if self.verbosity >= 1:
                self.stderr.write(
                    f"Notice: --jobs {self.jobs} needs PostgreSQL, whose workers can share one snapshot; "
                    f"on {self.connection.vendor} the dump is written by one process.\n"
                )
            return False
        return True

    def _dump_in_workers(self, directory, todo, counts, described, files, bar) -> None:
        """Share the snapshot with ``jobs`` workers; a table of several files is split by part."""
        snapshot = parallel.export_snapshot(self.connection)
        tasks = []
        for model in todo:
            label = model._meta.label
            task = parallel.Task(self.connection.alias, snapshot, str(directory), label, counts[label], self.max_row_count)
            parts = len(self.file_names(model, counts[label]))
            if parts == 1 or label in NATURAL_KEY_MODELS:
                tasks.append(task)
                continue
            starts = part_starts(self.connection, model, self.max_row_count)
            if len(starts) != parts:
                raise _changed_while_read(label, counts[label])
            tasks += [dataclasses.replace(task, part=part, first_pk=pk) for part, pk in enumerate(starts, start=1)]
        results = parallel.dump_in_workers(tasks, self.jobs, lambda task, rows: bar.update(rows))
        for model in todo:  # in model order, as one process would
            label = model._meta.label
            names = self.file_names(model, counts[label])
            described[label] = results.described.get(label) or self.describe_model(model, names, counts[label])
            files.update((name, results.files[name]) for name in names)

    def _count_rows(self, summary: DumpSummary) -> dict[str, int]:
        counts = {}
        for model in self.models:
            label = model._meta.label
            try:
                with transaction.atomic(using=self.connection.alias):  # a savepoint
                    counts[label] = count_rows(self.connection, model)
                    absent = missing_columns(self.connection, model, self._read_fields(model))
            except DatabaseError as exc:
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                advice = "Is the database migrated? Use --tolerate to dump the other tables."
            else:
                if not absent:
                    continue
                del counts[label]
                reason = describe_missing(absent)
                advice = "Is the database migrated (manage.py migrate)? Use --tolerate to dump the other tables."
            if not self.tolerate:
                raise DumpError(f"Cannot read table {model._meta.db_table!r} of {label}: {reason}. {advice}") from None
            summary.missing[label] = reason
            if self.verbosity >= 1:
                self.stderr.write(f"Warning: skipped {label} (table {model._meta.db_table!r}): {reason}\n")
        return counts

    def _read_fields(self, model: type[models.Model]) -> list[models.Field]:
        """The fields whose columns a dump of ``model`` reads: its key and its dumped columns."""
        return key_fields(model) + [c.field for c in self._columns(model)]

    def _columns(self, model: type[models.Model]) -> list[_Column]:
        fields = list(model._meta.local_concrete_fields)
        if model._meta.label in NATURAL_KEY_MODELS:
            fields = [f for f in fields if not f.primary_key]
        columns = []
        for f in fields:
            codec = codec_for_field(f, self.connection)
            columns.append(_Column(f, codec, column_converter(f, self.connection, raw=isinstance(codec, RawCodec))))
        return columns

    def dump_model(self, directory, model, count, natural_keys, files, bar) -> dict[str, Any]:
        """Write every part of one model's table, reading it once; return its manifest entry."""
        label = model._meta.label
        columns = self._columns(model)
        encode_row = _row_encoder(columns, natural_keys, model)
        names = self.file_names(model, count)
        rows = read_table(self.connection, model, [c.field for c in columns])
        if label in NATURAL_KEY_MODELS:
            rows = iter(sorted(rows, key=natural_keys.sort_key(label, columns)))
        for part, name in enumerate(names, start=1):
            files[name] = self._write_part(directory, model, columns, encode_row, count, part, names, rows)
            bar.update(files[name]["rows"])
        written = sum(files[name]["rows"] for name in names)
        if next(rows, None) is not None or written != count:
            raise _changed_while_read(label, count)
        return self.describe_model(model, names, count)

    def dump_part(self, directory, model, count, part, first_pk, natural_keys) -> tuple[str, dict[str, Any]]:
        """Write one part of a model's table alone, reading from its first primary key (a worker's task)."""
        columns = self._columns(model)
        names = self.file_names(model, count)
        expected = parallel.rows_in_part(count, part, self.max_row_count)
        is_last = part == len(names)
        rows = read_table(
            self.connection, model, [c.field for c in columns], start=first_pk, limit=None if is_last else expected,
        )
        info = self._write_part(directory, model, columns, _row_encoder(columns, natural_keys, model), count, part, names, rows)
        if info["rows"] != expected or (is_last and next(rows, None) is not None):
            raise _changed_while_read(model._meta.label, count)
        return names[part - 1], info

    def file_names(self, model: type[models.Model], count: int) -> list[str]:
        """The data files of a table of ``count`` rows: one, or one per ``max_row_count`` rows."""
        parts = max(1, math.ceil(count / self.max_row_count))
        base = f"{model._meta.app_label}_{model._meta.model_name}".lower()
        return [f"{base}.py"] if parts == 1 else [f"{base}_{i}.py" for i in range(1, parts + 1)]

    def describe_model(self, model: type[models.Model], names: list[str], count: int) -> dict[str, Any]:
        """The model's entry in the manifest (``DUMP["models"]``)."""
        columns = self._columns(model)
        entry = {
            "table": model._meta.db_table,
            "fields": [c.describe() for c in columns],
            "db_types": db_types([c.field for c in columns], self.connection),
            "rows": count,
            "files": names,
            "natural_key": model._meta.label in NATURAL_KEY_MODELS,
        }
        generic = [[ct.name, fk.name] for ct, fk in generic_pairs(model)]
        if generic:  # their object ids may be natural keys
            entry["generic"] = generic
        if model._meta.auto_created:  # --exclude of the declaring model leaves it out too
            entry["auto_created"] = model._meta.auto_created._meta.label
        generated = generated_definitions([c.field for c in columns])
        if generated:  # only where there are some: the manifests of other models stay as they were
            entry["generated"] = generated
        return entry

    def _write_part(self, directory, model, columns, encode_row, count, part, names, rows) -> dict[str, Any]:
        """Write up to ``max_row_count`` rows into the part's file; its manifest entry."""
        label = model._meta.label
        name = names[part - 1]
        first = (part - 1) * self.max_row_count + 1
        last = min(count, part * self.max_row_count)
        rows_text = f"rows {first} to {last}" if last >= first else "no rows"
        if (directory / name).exists():
            raise DumpError(f"Two models would be written to the same file {name}; dump them separately (--exclude).")
        writer = DataFileWriter(directory / name, [
            f"lino-migrate data file: {label}, part {part} of {len(names)}, {rows_text}",
            f"table: {model._meta.db_table}",
            "columns: " + ", ".join(f"{c.field.attname} ({c.codec.name})" for c in columns),
            "One row per line: a JSON array that is also a Python literal.",
        ])
        try:
            for raw in rows:
                writer.write(encode_row(raw))
                if writer.rows == self.max_row_count:
                    break
            return {"model": label, "rows": writer.rows, "sha256": writer.close()}
        except BaseException:
            writer.abort()
            raise

    def _applied_migrations(self) -> dict[str, list[str]]:
        recorder = MigrationRecorder(self.connection)
        applied: dict[str, list[str]] = {}
        if recorder.has_table():
            for app_label, name in sorted(recorder.applied_migrations()):
                applied.setdefault(app_label, []).append(name)
        return applied

    def _stamps(self, versions, applied, described, files, missing) -> dict[str, Any]:
        return {
            "format": DUMP_FORMAT,
            "lino_migrate": __version__,
            "django": django.__version__,
            "python": platform.python_version(),
            "settings_module": settings.SETTINGS_MODULE,
            "time_zone": settings.TIME_ZONE,
            "use_tz": settings.USE_TZ,
            "vendor": self.connection.vendor,
            "complete": not self.include and not self.exclude and not missing,
            "excluded": self.left_out,
            "missing": dict(missing),
            "apps": {
                label: {"version": None if version is None else str(version), "migrations": applied.get(label, [])}
                for label, version in versions.items()
            },
            "models": described,
            "files": files,
        }


def _permission_names(chosen: list[type[models.Model]], natural_keys: NaturalKeys) -> list[list[str]]:
    """``[codename, app_label, model, name]`` of every Permission, when references to them travel without their rows.

    A restore that has to create a Permission then gives it its real name,
    not its codename.
    """
    labels = {model._meta.label for model in chosen}
    if "auth.Permission" in labels or not natural_keys.names:
        return []
    refers = any(
        codec_for_field(f).name == "permission" or generic_pairs(model)
        for model in chosen for f in model._meta.local_concrete_fields
    )
    return [[*key, name] for key, name in sorted(natural_keys.names.items())] if refers else []


def _changed_while_read(label: str, count: int) -> DumpError:
    return DumpError(f"{label}: the table changed while it was read ({count} rows counted); dump again.")


def _row_encoder(columns: list[_Column], natural_keys: NaturalKeys, model: type[models.Model]) -> Callable[[tuple], list]:
    """A function turning a raw row into the list of JSON values written for it.

    A reference to a ContentType or Permission that does not exist fails the
    dump naming the model, the row and the field.
    """
    encode = _value_encoder(columns, natural_keys, model)
    if not any(c.codec.name in ("contenttype", "permission") for c in columns) and not generic_pairs(model):
        return encode  # no reference that can dangle: no wrapper on the hot path
    names = [c.field.name for c in columns]
    label = model._meta.label
    pk_index = next((i for i, c in enumerate(columns) if c.field.primary_key), None)
    codename_index = names.index("codename") if label == "auth.Permission" else None

    def encode_checked(raw: tuple) -> list:
        try:
            return encode(raw)
        except DanglingReference as exc:
            if pk_index is not None:
                row_name = f"pk={raw[pk_index]!r}"
            elif codename_index is not None:
                row_name = f"codename={raw[codename_index]!r}"
            else:
                row_name = f"row {raw!r:.80}"
            raise dangling_error(label, row_name, getattr(exc, "field_name", "?"), exc) from None

    return encode_checked


def _value_encoder(columns: list[_Column], natural_keys: NaturalKeys, model: type[models.Model]) -> Callable[[tuple], list]:
    steps: list[Callable | None] = []
    for column in columns:
        codec_name = column.codec.name
        if codec_name in ("contenttype", "permission"):
            steps.append(natural_keys.encoder(codec_name))
        elif codec_name == "json-or-null":
            steps.append(_then(column.convert, lambda doc: [doc]))
        elif column.convert is None and codec_name in _AS_IS:
            steps.append(None)  # the driver's value is already what JSON takes
        else:
            steps.append(_then(column.convert, column.codec.encode))
    fields = [c.field for c in columns]
    generic = [(fields.index(ct), fields.index(fk), fk.name) for ct, fk in generic_pairs(model) if ct in fields and fk in fields]
    if all(step is None for step in steps) and not generic:
        return list
    for _, fk_index, _ in generic:  # an object id made a natural key is written as it is
        step = steps[fk_index]
        steps[fk_index] = None if step is None else (lambda v, step=step: v if isinstance(v, list) else step(v))
    pairs = [(index, step, columns[index].field.name) for index, step in enumerate(steps) if step is not None]
    has_json = any(column.codec.name in ("json", "json-or-null") for column in columns)
    literal_count = exactjson.literal_count

    def encode(raw: tuple) -> list:
        if has_json:
            before = literal_count()
        row = list(raw)
        for ct_index, fk_index, name in generic:  # before the content type becomes a natural key
            if row[ct_index] is not None and row[fk_index] is not None:
                row[fk_index] = natural_keys.generic_object(row[ct_index], row[fk_index], name, row[fk_index])
        for index, step, name in pairs:
            value = row[index]
            if value is not None:
                try:
                    row[index] = step(value)
                except DanglingReference as exc:
                    exc.field_name = name
                    raise
        if has_json and literal_count() != before:
            return exactjson.ExactRow(row)  # a number a float would change: written by its literal
        return row

    return encode


#: Codecs whose values come from the drivers as int, str or bool already.
_AS_IS = {"int", "text"}


def _then(first: Callable | None, second: Callable) -> Callable:
    if first is None:
        return second
    return lambda value: second(first(value))


class NoProgress:
    """A progress bar that shows nothing (in worker processes)."""

    def update(self, n: int) -> None:
        pass


class NaturalKeys:
    """Natural keys of ContentType and Permission rows, by id, read in the snapshot."""

    def __init__(self, connection):
        self.contenttypes: dict[int, list[str]] = {}
        self.permissions: dict[int, list[str]] = {}
        #: the name of each Permission, by natural key
        self.names: dict[tuple[str, str, str], str] = {}
        quote = connection.ops.quote_name
        from django.apps import apps

        if apps.is_installed("django.contrib.contenttypes"):
            from django.contrib.contenttypes.models import ContentType

            table = ContentType._meta.db_table
            with connection.cursor() as cursor:
                try:
                    with transaction.atomic(using=connection.alias):
                        cursor.execute(f"SELECT {quote('id')}, {quote('app_label')}, {quote('model')} FROM {quote(table)}")
                        self.contenttypes = {row[0]: [row[1], row[2]] for row in cursor.fetchall()}
                except DatabaseError:
                    pass
            if apps.is_installed("django.contrib.auth"):
                from django.contrib.auth.models import Permission

                with connection.cursor() as cursor:
                    try:
                        with transaction.atomic(using=connection.alias):
                            cursor.execute(
                                f"SELECT {quote('id')}, {quote('codename')}, {quote('content_type_id')}, {quote('name')} "
                                f"FROM {quote(Permission._meta.db_table)}"
                            )
                            for pk, codename, content_type_id, name in cursor.fetchall():
                                app_label, model = self.contenttypes.get(content_type_id, ["?", "?"])
                                self.permissions[pk] = [codename, app_label, model]
                                self.names[(codename, app_label, model)] = name
                    except DatabaseError:
                        pass

    def encoder(self, codec_name: str) -> Callable[[Any], list[str]]:
        table = self.contenttypes if codec_name == "contenttype" else self.permissions

        def encode(pk: Any) -> list[str]:
            try:
                return table[pk]
            except KeyError:
                raise DanglingReference(codec_name, pk) from None

        return encode

    def generic_object(self, content_type_id: Any, object_id: Any, field_name: str, raw: Any) -> Any:
        """The object id of a generic foreign key: a natural key where it points at a ContentType or Permission."""
        kind = GENERIC_TARGETS.get(tuple(self.contenttypes.get(content_type_id, ())))
        if kind is None:
            return object_id
        table = self.contenttypes if kind == "contenttype" else self.permissions
        try:
            return table[int(object_id)]
        except (KeyError, ValueError, TypeError):
            exc = DanglingReference(kind, raw)
            exc.field_name = field_name
            raise exc from None

    def sort_key(self, label: str, columns: list[_Column]) -> Callable[[tuple], Any]:
        """Order ContentType and Permission rows by natural key, the same in every database."""
        names = [c.field.name for c in columns]
        if label == "contenttypes.ContentType":
            a, m = names.index("app_label"), names.index("model")
            return lambda row: (row[a], row[m])
        c, ct = names.index("codename"), names.index("content_type")
        return lambda row: (self.contenttypes.get(row[ct], ["", ""]), row[c])

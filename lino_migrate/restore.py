"""Restore a dump: all or nothing, in bulk, in bounded memory.

The order of work, each step only when the previous one found nothing wrong:

1. read the manifest of ``restore.py`` (never executing it);
2. check every data file against its recorded sha256;
3. match every dumped model and field with the current code (``plan``);
4. ask for confirmation, then bring the schema up to date (``migrate``);
5. in ONE transaction: empty the tables, insert the rows raw and in
   batches (no ``save()``, no signals), check every foreign key, reset the
   sequences, commit. Any failure rolls the whole transaction back.
"""

from __future__ import annotations

import datetime
import sys
import time
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DatabaseError, IntegrityError, connections, models, transaction
from django.utils import timezone

from .codec import JSONDocument
from .datafile import file_sha256, read_rows
from .errors import DamagedDumpError, RestoreError, SchemaMismatchError
from .manifest import Manifest, read_manifest
from .naturalkeys import NaturalKeyResolver
from .plan import ModelPlan, RestorePlan, build_plan
from .progress import progress_bar

BATCH_SIZE = 1000


@dataclass
class RestoreReport:
    """What a restore did (or, with ``dry_run``, would have done)."""

    database: str
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    dry_run: bool = False

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def table(self) -> str:
        width = max([len("model")] + [len(label) for label in self.rows])
        lines = [f"{'model':<{width}}  {'rows':>10}", f"{'-' * width}  {'-' * 10}"]
        lines += [f"{label:<{width}}  {count:>10,}" for label, count in self.rows.items()]
        lines.append(f"{'total':<{width}}  {self.total:>10,}")
        verb = "Would restore" if self.dry_run else "Restored"
        lines.append(f"{verb} {self.total:,} rows of {len(self.rows)} models into database "
                     f"{self.database!r} in {self.seconds:.1f} s" + (" (dry run: rolled back)." if self.dry_run else "."))
        return "\n".join(lines)


class _DryRunRollback(Exception):
    pass


class Restore:
    """Restores the dump in ``directory`` into the database ``using``."""

    def __init__(
        self,
        directory: Path | str,
        *,
        using: str = "default",
        quick: bool = False,
        dry_run: bool = False,
        exclude: Sequence[str] = (),
        verbosity: int = 1,
        stdout: IO[str] = sys.stdout,
        stderr: IO[str] = sys.stderr,
    ):
        self.directory = Path(directory)
        self.using = using
        self.connection = connections[using]
        self.quick = quick
        self.dry_run = dry_run
        self.exclude = list(exclude)
        self.verbosity = verbosity
        self.stdout = stdout
        self.stderr = stderr
        self.manifest: Manifest | None = None
        self.plan: RestorePlan | None = None

    # -- checks that change nothing ---------------------------------------

    def check(self) -> RestorePlan:
        """Read and verify the dump and match it with the code; raise on any problem."""
        self.manifest = read_manifest(self.directory)
        self.plan = build_plan(self.manifest, self.exclude)
        self._verify_files()
        if self.plan.problems:
            raise SchemaMismatchError(
                "The dump does not fit the current code:\n" + "\n".join(f"- {p}" for p in self.plan.problems)
            )
        return self.plan

    def _verify_files(self) -> None:
        assert self.manifest is not None and self.plan is not None
        damaged = []
        for plan in self.plan.models:
            for name in plan.info.files:
                path = self.directory / name
                expected = self.manifest.files[name].sha256
                if not path.is_file():
                    damaged.append(f"{name}: missing")
                elif expected is not None and file_sha256(path) != expected:
                    damaged.append(f"{name}: its sha256 does not match the one recorded in restore.py (changed or truncated)")
        if damaged:
            raise DamagedDumpError(f"The dump in {self.directory} is damaged:\n" + "\n".join(f"- {d}" for d in damaged))

    def describe_target(self) -> str:
        settings_dict = self.connection.settings_dict
        where = settings_dict.get("NAME")
        if settings_dict.get("HOST"):
            where = f"{where} on {settings_dict['HOST']}"
        return f"database {self.using!r} ({self.connection.vendor}: {where})"

    def pending_migrations(self) -> list[str]:
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(self.connection)
        targets = executor.loader.graph.leaf_nodes()
        return [f"{m.app_label}.{m.name}" for m, _ in executor.migration_plan(targets)]

    # -- the restore ------------------------------------------------------

    def run(self) -> RestoreReport:
        """Restore; call ``check()`` first (and ask the user) before this."""
        if self.plan is None:
            self.check()
        assert self.manifest is not None and self.plan is not None
        started = time.monotonic()
        report = RestoreReport(self.using, dry_run=self.dry_run)
        if self.dry_run:
            pending = self.pending_migrations()
            if pending:
                raise RestoreError(
                    f"--dry-run needs an up-to-date schema, and {len(pending)} migrations are not applied "
                    f"({', '.join(pending[:5])}{', ...' if len(pending) > 5 else ''}). Run migrate first."
                )
        else:
            from django.core.management import call_command

            call_command("migrate", database=self.using, interactive=False, verbosity=max(0, self.verbosity - 1),
                         stdout=self.stdout, stderr=self.stderr)
        total = sum(plan.info.rows for plan in self.plan.models)
        try:
            with transaction.atomic(using=self.using), self.connection.constraint_checks_disabled():
                resolver = NaturalKeyResolver(self.using)
                self._clear_tables()
                with progress_bar(total, "restore", self.stderr, self.verbosity) as bar:
                    for plan in self.plan.models:
                        report.rows[plan.label] = _ModelLoader(self, plan, resolver).load(bar)
                self._check_foreign_keys()
                self._reset_sequences()
                report.seconds = time.monotonic() - started
                if self.dry_run:
                    raise _DryRunRollback
        except _DryRunRollback:
            pass
        except DatabaseError as exc:
            raise RestoreError(f"The restore failed and was rolled back; the database is unchanged. {exc}") from None
        report.seconds = time.monotonic() - started
        return report

    def _clear_tables(self) -> None:
        assert self.manifest is not None and self.plan is not None
        quote = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            for model in self.plan.tables_to_clear(self.manifest):
                cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")

    def _check_foreign_keys(self) -> None:
        assert self.manifest is not None and self.plan is not None
        tables = [model._meta.db_table for model in self.plan.tables_to_clear(self.manifest)]
        tables += [plan.model._meta.db_table for plan in self.plan.models]
        try:
            self.connection.check_constraints(table_names=sorted(set(tables)))
        except IntegrityError as exc:
            raise RestoreError(f"A foreign key of the dump points nowhere; nothing was restored. {exc}") from None

    def _reset_sequences(self) -> None:
        assert self.plan is not None
        statements = self.connection.ops.sequence_reset_sql(no_style(), [plan.model for plan in self.plan.models])
        with self.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


class _ModelLoader:
    """Reads the files of one model, decodes, validates and inserts its rows."""

    def __init__(self, restore: Restore, plan: ModelPlan, resolver: NaturalKeyResolver):
        self.restore = restore
        self.plan = plan
        self.resolver = resolver
        self.connection = restore.connection
        self.manifest = restore.manifest
        self.decoders = [self._decoder(column) for column in plan.columns]
        self.fields = [column.field for column in plan.columns]
        self.default_fields = [f for f in plan.defaults if f.has_default() or not _has_db_default(f)]
        self.insert_fields = self.fields + self.default_fields
        self.preparers = [self._preparer(f) for f in self.insert_fields]
        self.sql = self._insert_sql()
        self.validate = not restore.quick and not plan.info.natural_key
        local = {f.name for f in plan.model._meta.local_concrete_fields}
        self.validation_exclude = [
            f.name for f in plan.model._meta.concrete_fields if f.name not in local or f.is_relation
        ]

    def load(self, bar: Any) -> int:
        label = self.plan.label
        total = 0
        for name in self.plan.info.files:
            count = 0
            expected = self.manifest.files[name].rows
            path = self.restore.directory / name
            batch: list[tuple[int, list]] = []
            for line_no, values in read_rows(path, len(self.plan.info.fields)):
                batch.append((line_no, self._row(values, name, line_no)))
                count += 1
                if len(batch) >= BATCH_SIZE:
                    self._insert(batch, name)
                    bar.update(len(batch))
                    batch.clear()
            if batch:
                self._insert(batch, name)
                bar.update(len(batch))
            if count != expected:
                raise DamagedDumpError(f"{name}: {count} rows where restore.py records {expected}")
            total += count
        if total != self.plan.info.rows:
            raise DamagedDumpError(f"{label}: {total} rows where restore.py records {self.plan.info.rows}")
        return total

    # -- one row ----------------------------------------------------------

    def _row(self, values: list, name: str, line_no: int) -> list:
        python_values = []
        for column, decode in zip(self.plan.columns, self.decoders):
            data = values[column.index]
            try:
                python_values.append(None if data is None else decode(data))
            except (TypeError, ValueError, OverflowError) as exc:
                raise DamagedDumpError(
                    f"{name}, line {line_no}: column {column.dumped.attname} ({column.codec.name}): {exc}"
                ) from None
        python_values += [f.get_default() for f in self.default_fields]
        if self.validate:
            self._validate(python_values, name, line_no)
        return python_values

    def _validate(self, python_values: list, name: str, line_no: int) -> None:
        kwargs = {}
        for f, value in zip(self.insert_fields, python_values):
            kwargs[f.attname] = value.value if isinstance(value, JSONDocument) else value
        instance = self.plan.model(**kwargs)
        try:
            instance.clean_fields(exclude=self.validation_exclude)
        except ValidationError as exc:
            problems = "; ".join(
                f"{field_name}: {' '.join(messages)}" for field_name, messages in exc.message_dict.items()
            )
            raise RestoreError(
                f"{self.plan.label} pk={instance.pk!r} ({name}, line {line_no}) is not valid: {problems} "
                f"Nothing was restored. Fix the row, or restore with --quick to skip validation."
            ) from None

    def _decoder(self, column) -> Callable[[Any], Any]:
        codec_name = column.codec.name
        decode = column.codec.decode
        if codec_name == "contenttype":
            return lambda data: self.resolver.content_type_id(decode(data))
        if codec_name == "permission":
            return lambda data: self.resolver.permission_id(decode(data))
        if codec_name == "datetime":
            shift = _datetime_shifter(self.manifest)
            return lambda data: shift(decode(data))
        return decode

    # -- into the database ------------------------------------------------

    def _preparer(self, f: models.Field) -> Callable[[Any], Any]:
        connection = self.connection
        if f.get_internal_type() == "JSONField" and not f.is_relation:
            adapt = connection.ops.adapt_json_value
            encoder = f.encoder
            if f.null:
                return lambda v: None if v is None else adapt(v.value if isinstance(v, JSONDocument) else v, encoder)
            return lambda v: adapt(v.value if isinstance(v, JSONDocument) else v, encoder)
        prepare = f.get_db_prep_save
        return lambda v: prepare(v, connection)

    def _insert_sql(self) -> str:
        quote = self.connection.ops.quote_name
        placeholders = []
        for f in self.insert_fields:
            if hasattr(f, "get_placeholder"):
                placeholders.append(f.get_placeholder(_NOT_NULL, None, self.connection))
            else:
                placeholders.append("%s")
        return "INSERT INTO {} ({}) VALUES ({})".format(
            quote(self.plan.model._meta.db_table),
            ", ".join(quote(f.column) for f in self.insert_fields),
            ", ".join(placeholders),
        )

    def _insert(self, batch: list[tuple[int, list]], name: str) -> None:
        if self.plan.info.natural_key:
            self._ensure_natural_rows(batch)
            return
        params = [[prepare(v) for prepare, v in zip(self.preparers, values)] for _, values in batch]
        try:
            with transaction.atomic(using=self.restore.using), self.connection.cursor() as cursor:
                cursor.executemany(self.sql, params)
        except DatabaseError:
            self._find_bad_row(batch, params, name)
            raise

    def _find_bad_row(self, batch, params, name) -> None:
        """Insert a failed batch row by row to name the row at fault, then raise."""
        for (line_no, values), row_params in zip(batch, params):
            try:
                with transaction.atomic(using=self.restore.using), self.connection.cursor() as cursor:
                    cursor.execute(self.sql, row_params)
            except DatabaseError as exc:
                raise RestoreError(
                    f"{self.plan.label} ({name}, line {line_no}) cannot be inserted: {exc}. "
                    f"The restore was rolled back; the database is unchanged."
                ) from None

    def _ensure_natural_rows(self, batch: list[tuple[int, list]]) -> None:
        names = [f.name for f in self.fields]
        for _, values in batch:
            row = dict(zip(names, values))
            if self.plan.label == "contenttypes.ContentType":
                self.resolver.content_type_id((row["app_label"], row["model"]))
            else:
                from django.contrib.contenttypes.models import ContentType

                content_type = ContentType.objects.db_manager(self.restore.using).get_for_id(row["content_type"])
                self.resolver.permission_id((row["codename"], content_type.app_label, content_type.model), row.get("name"))


class _NotNull:
    """A stand-in value for asking a field for its SQL placeholder."""


_NOT_NULL = _NotNull()


def _has_db_default(f: models.Field) -> bool:
    return getattr(f, "db_default", models.NOT_PROVIDED) is not models.NOT_PROVIDED


def _datetime_shifter(manifest: Manifest) -> Callable[[datetime.datetime], datetime.datetime]:
    """Keep the instant of each datetime when USE_TZ or TIME_ZONE differ from the dump's."""
    source_tz = zoneinfo.ZoneInfo(manifest.time_zone)
    target_tz = zoneinfo.ZoneInfo(settings.TIME_ZONE or "UTC")
    use_tz = settings.USE_TZ
    same_zone = manifest.time_zone == (settings.TIME_ZONE or "UTC")

    def shift(value: datetime.datetime) -> datetime.datetime:
        if value.tzinfo is None:
            if not use_tz and same_zone:
                return value
            value = value.replace(tzinfo=source_tz)
        if use_tz:
            return value.astimezone(datetime.timezone.utc)
        return timezone.make_naive(value, target_tz)

    return shift


def run_script(path: str) -> None:
    """Entry point of a dump's ``restore.py``, run with ``manage.py run``."""
    import argparse

    from django.core.management import call_command
    from django.core.management.base import CommandError

    parser = argparse.ArgumentParser(prog=f"manage.py run {path}", description="Restore this lino-migrate dump.")
    parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive", help="Never prompt.")
    parser.add_argument("--quick", action="store_true", help="Skip clean_fields() validation of each row.")
    parser.add_argument("--dry-run", action="store_true", help="Do everything, then roll back.")
    parser.add_argument("--database", default="default", help="The database alias to restore into.")
    parser.add_argument("-e", "--exclude", action="append", default=[], help="Leave out app_label[.ModelName].")
    parser.add_argument("-v", "--verbosity", type=int, default=1, choices=[0, 1, 2, 3])
    parser.add_argument("--traceback", action="store_true")
    options = parser.parse_args(sys.argv[1:])
    try:
        call_command(
            "restore", str(Path(path).resolve().parent), interactive=options.interactive, quick=options.quick,
            dry_run=options.dry_run, database=options.database, exclude=options.exclude,
            verbosity=options.verbosity, traceback=options.traceback,
        )
    except CommandError as exc:
        if options.traceback:
            raise
        sys.stderr.write(f"CommandError: {exc}\n")
        sys.exit(1)

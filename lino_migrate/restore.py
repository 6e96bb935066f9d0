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
import decimal
import sys
import time
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Sequence

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DatabaseError, IntegrityError, connections, models, transaction
from django.utils import timezone

from .codec import JSONDocument, RawCodec, codec_for_field
from .datafile import columns_problem, file_sha256, read_rows
from .derived import derived_tables
from .exactjson import json_preparer
from .errors import DamagedDumpError, RestoreError, SchemaMismatchError
from .generated import check_generated_columns
from .fit import Problems, RowFit, exception_reason, shorten
from .manifest import Manifest, read_manifest, unlisted_files
from .naturalkeys import NaturalKeyResolver
from .migrators.row import Row
from .newrows import MigratorRows
from .plan import RestorePlan, SourcePlan, TargetPlan, build_plan, target_plan
from .progress import progress_bar
from . import references
from .sequences import SequenceGuard, has_sequence, set_next_ids, sets_next_ids_after_commit
from .validation import RowValidator

BATCH_SIZE = 5000


@dataclass
class RestoreReport:
    """What a restore did (or, with ``dry_run``, would have done)."""

    database: str
    #: rows inserted (or matched, for ContentType and Permission) per current model
    rows: dict[str, int] = field(default_factory=dict)
    #: rows read per dumped model
    read: dict[str, int] = field(default_factory=dict)
    migrators: list[str] = field(default_factory=list)
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
        validate: bool = False,
        dry_run: bool = False,
        exclude: Sequence[str] = (),
        verbosity: int = 1,
        stdout: IO[str] = sys.stdout,
        stderr: IO[str] = sys.stderr,
    ):
        self.directory = Path(directory)
        self.using = using
        if using not in connections:
            raise RestoreError(f"Unknown database alias {using!r}: settings.DATABASES has {', '.join(connections)}.")
        self.connection = connections[using]
        self.quick = quick
        if quick and validate:
            raise RestoreError("--quick checks nothing beyond the database, --validate more: choose one.")
        self.validate = validate
        #: the values that do not fit (or, with validate, are not valid), found before inserting
        self.problems = Problems()
        self.dry_run = dry_run
        self.exclude = list(exclude)
        self.verbosity = verbosity
        self.stdout = stdout
        self.stderr = stderr
        self.manifest: Manifest | None = None
        self.plan: RestorePlan | None = None
        self.cleared: set[str] = set()
        self.derived: dict[str, str] = {}

    # -- checks that change nothing ---------------------------------------

    def check(self) -> RestorePlan:
        """Read and verify the dump and match it with the code; raise on any problem."""
        self.manifest = read_manifest(self.directory)
        self.plan = build_plan(self.manifest, self.exclude, self.connection)
        self._verify_files()
        if self.plan.problems:
            raise SchemaMismatchError(
                "The dump does not fit the current code:\n" + "\n".join(f"- {p}" for p in self.plan.problems)
            )
        return self.plan

    def _verify_files(self) -> None:
        assert self.manifest is not None and self.plan is not None
        damaged = []
        for source in self.plan.sources:
            for name in source.info.files:
                path = self.directory / name
                expected = self.manifest.files[name].sha256
                if not path.is_file():
                    damaged.append(f"{name}: missing")
                elif expected is not None and file_sha256(path) != expected:
                    damaged.append(f"{name}: its sha256 does not match the one recorded in restore.py (changed or truncated)")
                else:
                    problem = columns_problem(path, source.info.fields, source.label)
                    if problem:
                        damaged.append(problem)
        damaged += [f"{name}: not part of this dump (restore.py does not list it); remove it" for name in unlisted_files(self.manifest)]
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
        report = RestoreReport(self.using, dry_run=self.dry_run, migrators=[str(m) for m in self.plan.migrators])
        try:
            self._bring_schema_up_to_date()
        except DatabaseError as exc:
            raise RestoreError(f"The database failed before the restore began: {exc}. No row was changed.") from None
        tables = derived_tables(self.connection)  # virtual tables and views: asked once, after migrate
        self.derived = self._derived_targets(tables)
        total = sum(source.info.rows for source in self.plan.sources if source.label not in self.derived)
        guard = SequenceGuard(self.connection)  # sequences do not roll back: put back by hand
        try:
            with transaction.atomic(using=self.using), self.connection.constraint_checks_disabled():
                self.cleared = set()
                names = references.dumped_permission_names(self.manifest)  # for Permissions created on the way
                resolver = NaturalKeyResolver(self.using, self.plan.pipeline.model_renames(), names)
                targets = _Targets(self, resolver)
                self._clear_tables(tables)
                self._call_hooks("before_load")
                with progress_bar(total, "restore", self.stderr, self.verbosity) as bar:
                    loaded = []
                    for source in self.plan.sources:
                        if source.label in self.derived:
                            continue
                        loaded.append(_Source(self, source, targets))
                        report.read[source.label] = loaded[-1].load(bar)
                    targets.flush()
                    targets.migrator_rows.finish()  # parents' fields of child rows, new rows without a key
                if self.problems:
                    raise self._problems_error()
                for source in loaded:
                    check_generated_columns(self, source.plan, source.decoders)
                self._reset_sequences(targets)  # so that after_load() can create rows
                self._call_hooks("after_load")
                report.rows = {target.label: target.count for target in targets.by_label.values()}
                self._check_foreign_keys()
                self._reset_sequences(targets)
                report.seconds = time.monotonic() - started
                if self.dry_run:
                    raise _DryRunRollback
        except _DryRunRollback:
            self._put_back_sequences(guard)
        except DatabaseError as exc:
            self._put_back_sequences(guard)
            raise RestoreError(f"The restore failed and was rolled back; the rows of the database are unchanged. {exc}") from None
        except BaseException:
            self._put_back_sequences(guard)
            raise
        else:
            if sets_next_ids_after_commit(self.connection) and not self.connection.in_atomic_block:
                self._set_next_ids_after_commit(targets)
        report.seconds = time.monotonic() - started
        return report

    def _problems_error(self) -> RestoreError:
        return self.problems.error(
            f"cannot be restored into {self.describe_target()}",
            "The restore was rolled back; the rows of the database are unchanged. Change these values with a "
            "migrator, or in the dump's data files (see docs/format.md), then restore again."
            + (" Without --validate, only what the database columns need is checked." if self.validate else ""),
        )

    def _bring_schema_up_to_date(self) -> None:
        """Run migrate; a dry run instead refuses a schema that is not up to date."""
        if self.dry_run:
            pending = self.pending_migrations()
            if pending:
                raise RestoreError(
                    f"--dry-run needs an up-to-date schema, and {len(pending)} migrations are not applied "
                    f"({', '.join(pending[:5])}{', ...' if len(pending) > 5 else ''}). Run migrate first."
                )
            return
        from django.core.management import call_command

        call_command("migrate", database=self.using, interactive=False, verbosity=max(0, self.verbosity - 1),
                     stdout=self.stdout, stderr=self.stderr)

    def _call_hooks(self, name: str) -> None:
        for migrator in self.plan.migrators:
            try:
                getattr(migrator, name)(self)
            except DatabaseError:
                raise
            except Exception as exc:
                raise RestoreError(
                    f"{migrator}: {name}() failed: {type(exc).__name__}: {exc}. Nothing was restored."
                ) from exc

    def _derived_targets(self, tables: dict[str, str]) -> dict[str, str]:
        """Dumped models whose table here is a virtual table or a view: their rows are the database's to make.

        Asked after migrate (the tables exist then). A dump of today has no rows
        for them (``DUMP["derived"]``); an older one, or one from another
        database, may have: they are skipped, with a notice.
        """
        skipped = {}
        for source in self.plan.sources:
            if source.target is not None and source.target.model._meta.db_table in tables:
                skipped[source.label] = tables[source.target.model._meta.db_table]
                if self.verbosity >= 1 and source.info.rows:
                    self.stderr.write(
                        f"Notice: {source.label}: its {source.info.rows} dumped rows are not restored; its table is "
                        f"{skipped[source.label]}.\n"
                    )
            elif source.target is not None and not source.target.model._meta.can_migrate(self.connection):
                skipped[source.label] = "a table this database cannot have"  # with no rows: the plan refuses others
        return skipped

    def _clear_tables(self, tables: dict[str, str]) -> None:
        assert self.manifest is not None and self.plan is not None
        models_ = [
            m for m in self.plan.tables_to_clear(self.manifest)
            if m._meta.db_table not in tables and m._meta.can_migrate(self.connection)
        ]
        if self.connection.vendor == "postgresql" and self.manifest.complete:
            self._truncate(models_)
        for model in models_:
            self.clear_table(model)

    def _truncate(self, models_: list[type[models.Model]]) -> None:
        """PostgreSQL: empty all tables in one TRUNCATE (transactional there), far faster than DELETE.

        Without CASCADE: where another table refers to one of these, PostgreSQL
        refuses and the tables are emptied with DELETE instead.
        """
        tables = sorted({model._meta.db_table for model in models_})
        if not tables:
            return
        quote = self.connection.ops.quote_name
        try:
            with transaction.atomic(using=self.using), self.connection.cursor() as cursor:
                cursor.execute("TRUNCATE " + ", ".join(quote(table) for table in tables))
        except DatabaseError:
            return
        self.cleared.update(tables)

    def clear_table(self, model: type[models.Model]) -> None:
        """Delete every row of ``model``'s table, once per restore."""
        table = model._meta.db_table
        if table in self.cleared:
            return
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.connection.ops.quote_name(table)}")
        self.cleared.add(table)

    def _check_foreign_keys(self) -> None:
        """Check every foreign key of every table (also those pointing into emptied tables)."""
        try:
            self.connection.check_constraints()
        except IntegrityError as exc:
            raise RestoreError(f"A foreign key points nowhere; nothing was restored. {exc}") from None

    def _reset_sequences(self, targets: _Targets) -> None:
        models_ = [target.model for target in targets.by_label.values() if not target.plan.natural_key]
        statements = self.connection.ops.sequence_reset_sql(no_style(), models_)
        with self.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
        if not sets_next_ids_after_commit(self.connection):
            set_next_ids(self.connection, self._recorded_next_ids(targets))

    def _recorded_next_ids(self, targets: _Targets) -> dict[type[models.Model], int]:
        """Current model -> the next id the dump recorded for the dumped model(s) whose rows it took."""
        assert self.manifest is not None and self.plan is not None
        renames = self.plan.pipeline.model_renames()
        next_ids: dict[type[models.Model], int] = {}
        for source in self.plan.sources:
            recorded = self.manifest.next_ids.get(source.label)
            if recorded is None:
                continue  # an older dump, or a model without a sequence: max(pk) + 1
            if source.routed:
                app_label, _, name = source.label.lower().partition(".")
                target = targets.by_label.get(".".join(renames.get((app_label, name), (app_label, name))))
            else:
                target = targets.by_label.get(source.target.label.lower()) if source.target else None
            if target is not None and has_sequence(target.model):
                next_ids[target.model] = max(recorded, next_ids.get(target.model, 0))
        return next_ids

    def _set_next_ids_after_commit(self, targets: _Targets) -> None:
        """MariaDB: ALTER TABLE ... AUTO_INCREMENT commits, so it runs after the restore's commit."""
        try:
            set_next_ids(self.connection, self._recorded_next_ids(targets))
        except DatabaseError as exc:
            self.stderr.write(
                f"Warning: the rows are restored, but the next ids recorded in the dump could not be set ({exc}); "
                f"new rows get ids after the highest restored one.\n"
            )

    def _put_back_sequences(self, guard: SequenceGuard) -> None:
        failed = guard.put_back()
        if failed:
            self.stderr.write(
                "Warning: these sequences could not be put back as they were before the restore: "
                + ", ".join(failed) + ". Reset them by hand (manage.py sqlsequencereset).\n"
            )


class _Target:
    """Validates, prepares and inserts the rows of one current model, in batches."""

    def __init__(self, restore: Restore, plan: TargetPlan, resolver: NaturalKeyResolver):
        self.restore = restore
        self.plan = plan
        self.model = plan.model
        self.label = plan.label
        self.resolver = resolver
        self.connection = restore.connection
        self.fields = plan.fields
        self.attnames = [f.attname for f in self.fields]
        self.known = set(self.attnames) | {f.attname for f in self.model._meta.concrete_fields}
        #: Custom fields whose values are stored as the database holds them (``raw:`` codecs).
        self.raw = {f.attname for f in self.fields if isinstance(codec_for_field(f, self.connection), RawCodec)}
        self.preparers = [self._preparer(f) for f in self.fields]
        self.sql = self._insert_sql()
        self.null_sensitive = self._placeholder_depends_on_null()
        self.copy_sql = self._copy_statement()
        checked = not restore.quick and not plan.natural_key
        self.problems = restore.problems
        self.fit = RowFit(
            self.label, self.fields, self.preparers, self.connection, self.problems, self.model._meta.pk.attname
        ) if checked else None
        self.validator = (
            RowValidator(self.label, self.model, self.fields, self.problems) if checked and restore.validate else None
        )
        self.batch: list[tuple[str, list]] = []
        self.prepared: list[list] = []  # the batch's values, as checked and prepared by self.fit
        self.count = 0
        #: attname of each generic object id -> attname of its content type
        self.generic_ids = {fk.attname: ct.attname for ct, fk in references.generic_pairs(self.model)}

    # -- rows in ----------------------------------------------------------

    def add(self, values: list, origin: str) -> None:
        """A row as Python values, one per field of the plan, in order."""
        if self.fit is not None:
            if self.validator is not None:
                self.validator.check(values, origin)
            prepared = self.fit.check(values, origin)
            if self.problems:  # no more rows go in: the restore fails once every row is checked
                return
            self.prepared.append(prepared)
        self.batch.append((origin, values))
        if len(self.batch) >= BATCH_SIZE or self.plan.natural_key:  # later rows refer to them: made now, with their names
            self.flush()

    def add_row(self, row: Row) -> None:
        """A row that came out of the migrators, checked field by field."""
        unknown = [key for key in row if key not in self.known]
        if unknown:
            raise RestoreError(
                f"{row.describe_source()}: the row has fields that {self.label} does not have in the current "
                f"code: {', '.join(sorted(unknown))}. Nothing was restored."
            )
        values = []
        for f in self.fields:
            if f.attname in row:
                value = row[f.attname]
            elif f.name in row:
                value = row[f.name]
            elif f.has_default() or f.null:
                value = f.get_default()
            else:
                raise RestoreError(
                    f"{row.describe_source()}: the row has no value for {self.label}.{f.name}, which is NOT NULL "
                    f"and has no default. Nothing was restored."
                )
            values.append(self._from_migrator(f, value, row))
        self.add(values, row.origin)

    def _from_migrator(self, f: models.Field, value: Any, row: Row) -> Any:
        if value is None or isinstance(value, JSONDocument):
            return value
        related = f.related_model._meta.label if f.is_relation and f.related_model else None
        if related in _REFERENCE_KINDS and not isinstance(value, int):
            return references.migrator_reference(f, value, row, self.label, self.resolver, _REFERENCE_KINDS[related])
        if f.attname in self.generic_ids and isinstance(value, (tuple, list)):
            kind = references.generic_kind(row.get(self.generic_ids[f.attname]))
            kind = kind or ("contenttype" if len(value) == 2 else "permission")
            return f.to_python(references.migrator_reference(f, value, row, self.label, self.resolver, kind))
        if f.get_internal_type() == "JSONField":
            return value
        try:
            if f.attname in self.raw:
                return f.get_db_prep_save(f.to_python(value), self.connection)  # stored as it is
            return f.to_python(value)
        except ValidationError as exc:
            raise RestoreError(
                f"{row.describe_source()}: {self.label}.{f.name}: {' '.join(exc.messages)} Nothing was restored."
            ) from None
        except Exception as exc:  # a field's to_python() may raise anything on a value it does not expect
            raise RestoreError(
                f"{row.describe_source()}: {self.label}.{f.name} = {shorten(value)} cannot become a "
                f"{f.get_internal_type()}: {exception_reason(exc)}. Nothing was restored. "
                f"Make the migrator give this field a value of its type."
            ) from exc

    # -- into the database ------------------------------------------------

    def flush(self) -> None:
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        prepared, self.prepared = self.prepared, []
        if self.problems:
            return
        self.count += len(batch)
        if self.plan.natural_key:
            self._ensure_natural_rows(batch)
            return
        params = prepared if self.fit is not None else self._prepare(batch)
        try:
            with transaction.atomic(using=self.restore.using), self.connection.cursor() as cursor:
                if self.copy_sql:
                    self._copy(cursor, params)
                else:
                    for sql, rows in self._statements(params):
                        cursor.executemany(sql, rows)
        except _DRIVER_ERRORS as exc:
            self._find_bad_row(batch, params)
            if isinstance(exc, DatabaseError):
                raise
            raise RestoreError(
                f"{self.label}: a batch of rows cannot be inserted: {exception_reason(exc)}. "
                f"The restore was rolled back; the rows of the database are unchanged."
            ) from None

    def _prepare(self, batch: list[tuple[str, list]]) -> list[list]:
        """The values of a batch for the driver (--quick: unchecked, but a field's failure is named)."""
        try:
            return [[prepare(v) for prepare, v in zip(self.preparers, values)] for _, values in batch]
        except Exception:
            pass
        for origin, values in batch:
            for f, prepare, value in zip(self.fields, self.preparers, values):
                try:
                    prepare(value)
                except Exception as exc:
                    pk = dict(zip(self.attnames, values)).get(self.model._meta.pk.attname)
                    raise RestoreError(
                        f"{self.label} pk={pk!r} ({origin}): {f.name} = {shorten(value)} cannot be converted for "
                        f"its column: {exception_reason(exc)}. The restore was rolled back; the rows of the database "
                        f"are unchanged. Change the value with a migrator or in the dump's data file."
                    ) from exc
        raise AssertionError("a batch failed to prepare, but none of its values")

    def _copy(self, cursor, params: list[list]) -> None:
        """PostgreSQL's bulk path: COPY ... FROM STDIN, several times faster than INSERTs."""
        with self.connection.wrap_database_errors, cursor.cursor.copy(self.copy_sql) as copy:
            for row in params:
                copy.write_row(row)

    def _copy_statement(self) -> str | None:
        """The COPY statement where the driver can COPY (psycopg 3 on PostgreSQL), else None."""
        if self.connection.vendor != "postgresql" or self.plan.natural_key:
            return None
        with self.connection.cursor() as cursor:
            if not hasattr(cursor.cursor, "copy"):
                return None  # psycopg2
        quote = self.connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in self.fields)
        return f"COPY {quote(self.model._meta.db_table)} ({columns}) FROM STDIN"

    def _find_bad_row(self, batch, params) -> None:
        """Insert a failed batch row by row to name the row at fault, then raise."""
        for (origin, _), row_params in zip(batch, params):
            try:
                with transaction.atomic(using=self.restore.using), self.connection.cursor() as cursor:
                    [(sql, _rows)] = self._statements([row_params])
                    cursor.execute(sql, row_params)
            except _DRIVER_ERRORS as exc:
                raise RestoreError(
                    f"{self.label} ({origin}) cannot be inserted: {exc}. "
                    f"The restore was rolled back; the rows of the database are unchanged."
                ) from None

    def _ensure_natural_rows(self, batch: list[tuple[str, list]]) -> None:
        names = [f.name for f in self.fields]
        for _, values in batch:
            row = dict(zip(names, values))
            if self.label == "contenttypes.ContentType":
                self.resolver.content_type_id((row["app_label"], row["model"]))
            else:
                from django.contrib.contenttypes.models import ContentType

                content_type = ContentType.objects.db_manager(self.restore.using).get_for_id(row["content_type"])
                self.resolver.permission_id((row["codename"], content_type.app_label, content_type.model), row.get("name"))

    def _preparer(self, f: models.Field) -> Callable[[Any], Any]:
        connection = self.connection
        if f.get_internal_type() == "JSONField" and not f.is_relation:
            # getattr: a field that only says it is a JSONField (Wagtail's StreamField) has no encoder.
            adapt = json_preparer(connection, getattr(f, "encoder", None))
            if f.null:
                return lambda v: None if v is None else adapt(v.value if isinstance(v, JSONDocument) else v)
            return lambda v: adapt(v.value if isinstance(v, JSONDocument) else v)
        if _needs_no_preparation(f) or f.attname in self.raw:
            return _same  # a raw: value is what the database held already
        prepare = f.get_db_prep_save
        if f.get_internal_type() == "DecimalField" and holds_non_finite_decimals(connection):
            # Django's DecimalField refuses NaN and Infinity; PostgreSQL's numeric holds them.
            return lambda v: v if isinstance(v, decimal.Decimal) and not v.is_finite() else prepare(v, connection)
        return lambda v: prepare(v, connection)

    def _insert_sql(self, null: frozenset[int] = frozenset()) -> str:
        """The INSERT statement; ``null`` holds the positions whose value is None."""
        quote = self.connection.ops.quote_name
        placeholders = []
        for position, f in enumerate(self.fields):
            if hasattr(f, "get_placeholder"):
                placeholders.append(f.get_placeholder(None if position in null else _NOT_NULL, None, self.connection))
            else:
                placeholders.append("%s")
        return "INSERT INTO {} ({}) VALUES ({})".format(
            quote(self.model._meta.db_table),
            ", ".join(quote(f.column) for f in self.fields),
            ", ".join(placeholders),
        )

    def _placeholder_depends_on_null(self) -> list[int]:
        """Positions whose placeholder differs for NULL (MySQL's ``_binary %s``)."""
        return [
            position for position, f in enumerate(self.fields)
            if hasattr(f, "get_placeholder")
            and f.get_placeholder(None, None, self.connection) != f.get_placeholder(_NOT_NULL, None, self.connection)
        ]

    def _statements(self, params: list[list]) -> list[tuple[str, list[list]]]:
        """The INSERT statements for a batch: one, or one per pattern of NULLs where placeholders need it."""
        if not self.null_sensitive:
            return [(self.sql, params)]
        groups: dict[frozenset[int], list[list]] = {}
        for row in params:
            null = frozenset(position for position in self.null_sensitive if row[position] is None)
            groups.setdefault(null, []).append(row)
        return [(self._insert_sql(null), rows) for null, rows in groups.items()]


class _Source:
    """Reads and decodes the files of one dumped model, and hands its rows on."""

    def __init__(self, restore: Restore, plan: SourcePlan, targets: _Targets):
        self.restore = restore
        self.plan = plan
        self.targets = targets
        self.manifest = restore.manifest
        resolve = not plan.routed  # routed rows keep natural keys for the migrators
        self.decoders = [self._decoder(codec, resolve) for codec in plan.codecs]
        names = [f.name for f in plan.info.fields]
        for _, fk_name in plan.info.generic:  # object ids that may be natural keys
            if fk_name in names:
                index = names.index(fk_name)
                self.decoders[index] = references.generic_decoder(
                    self.decoders[index], plan.codecs[index].name, targets.resolver if resolve else None
                )
        self.attnames = [f.attname for f in plan.info.fields]
        # Files with JSON columns are read so that their numbers keep their literal text.
        self.exact = any(codec.name in ("json", "json-or-null") for codec in plan.codecs)

    def load(self, bar: Any) -> int:
        label = self.plan.label
        total = 0
        if self.plan.routed:
            pipeline = self.restore.plan.pipeline
            deliver = self._deliver_routed(pipeline)
        else:
            target = self.targets.get(self.plan.target)
            mapping = self.plan.mapping
            self._convert_changed_types(target)
            defaults = [None if index is not None else f for f, index in zip(target.fields, mapping)]

            def deliver(values: list, origin: str) -> None:
                target.add([values[i] if i is not None else d.get_default() for i, d in zip(mapping, defaults)], origin)

        for name in self.plan.info.files:
            count = 0
            path = self.restore.directory / name
            for line_no, values in read_rows(path, len(self.plan.info.fields), self.exact):
                deliver(self._decode(values, name, line_no), f"{name}, line {line_no}")
                count += 1
                if count % BATCH_SIZE == 0:
                    bar.update(BATCH_SIZE)
            bar.update(count % BATCH_SIZE)
            expected = self.manifest.files[name].rows
            if count != expected:
                raise DamagedDumpError(f"{name}: {count} rows where restore.py records {expected}")
            total += count
        if total != self.plan.info.rows:
            raise DamagedDumpError(f"{label}: {total} rows where restore.py records {self.plan.info.rows}")
        return total

    def _deliver_routed(self, pipeline) -> Callable[[list, str], None]:
        label = self.plan.label
        attnames = self.attnames

        def deliver(values: list, origin: str) -> None:
            row = Row(label, zip(attnames, values))
            row.origin = origin
            for out in pipeline.run(row):
                self.targets.migrator_rows.add(out)

        return deliver

    def _convert_changed_types(self, target: _Target) -> None:
        """Where a field's type changed since the dump, turn the dumped value into the new type."""
        by_index = {index: f for f, index in zip(target.fields, self.plan.mapping) if index is not None}
        connection = self.restore.connection
        for index, f in by_index.items():
            current = codec_for_field(f, connection)
            if self.plan.codecs[index].name != current.name and f.get_internal_type() != "JSONField":
                self.decoders[index] = _then_to_python(self.decoders[index], f)
                if isinstance(current, RawCodec):  # stored without preparation: make the database's value
                    self.decoders[index] = _then_prepare(self.decoders[index], f, connection)

    def _decode(self, values: list, name: str, line_no: int) -> list:
        decoded = []
        for index, (decode, data) in enumerate(zip(self.decoders, values)):
            try:
                decoded.append(None if data is None else decode(data))
            except (TypeError, ValueError, OverflowError, ArithmeticError) as exc:
                dumped = self.plan.info.fields[index]
                raise DamagedDumpError(
                    f"{name}, line {line_no}: column {dumped.attname} ({dumped.codec}): {exc}"
                ) from None
        return decoded

    def _decoder(self, codec, resolve: bool) -> Callable[[Any], Any]:
        decode = codec.decode
        resolver = self.targets.resolver
        if codec.name == "contenttype" and resolve:
            return lambda data: resolver.content_type_id(decode(data))
        if codec.name == "permission" and resolve:
            return lambda data: resolver.permission_id(decode(data))
        if codec.name == "datetime":
            shift = _datetime_shifter(self.manifest)
            return lambda data: shift(decode(data))
        if codec.name == "range:datetime":
            shift = _datetime_shifter(self.manifest)
            return lambda data: _shift_range(decode(data), shift)
        return decode


class _Targets:
    """The targets of a restore, made when first needed."""

    def __init__(self, restore: Restore, resolver: NaturalKeyResolver):
        self.restore = restore
        self.resolver = resolver
        self.by_label: dict[str, _Target] = {}
        self.rows: dict[str, int] = {}
        self.migrator_rows = MigratorRows(self)

    def get(self, plan: TargetPlan) -> _Target:
        key = plan.label.lower()
        if key not in self.by_label:
            self.by_label[key] = self._make(plan)
        return self.by_label[key]

    def _make(self, plan: TargetPlan) -> _Target:
        if not plan.natural_key:
            # A model that only the migrators' rows fill may not be among the
            # tables a partial dump empties: empty it before its first row.
            self.restore.clear_table(plan.model)
        return _Target(self.restore, plan, self.resolver)

    def for_label(self, label: str, row: Row) -> _Target:
        key = label.lower()
        if key not in self.by_label:
            try:
                model = apps.get_model(label)
            except (LookupError, ValueError):
                raise RestoreError(
                    f"{row.describe_source()}: the row comes out as model {label!r}, which the current code "
                    f"does not have. Nothing was restored."
                ) from None
            state = self.restore.plan.state.get(label)
            present = set(state.fields) if state and not state.dynamic else None
            self.by_label[key] = self._make(target_plan(model, present))
        return self.by_label[key]

    def parent_target(self, model: type[models.Model]) -> _Target:
        """The target of a parent table that child rows write to; not emptied (its rows may be kept)."""
        key = model._meta.label.lower()
        if key not in self.by_label:
            self.by_label[key] = _Target(self.restore, target_plan(model), self.resolver)
        return self.by_label[key]

    def flush(self) -> None:
        for target in list(self.by_label.values()):
            target.flush()


#: Models referred to by natural key, and the kind of their keys.
_REFERENCE_KINDS = {"contenttypes.ContentType": "contenttype", "auth.Permission": "permission"}

#: What inserting a bad value raises: the database's errors, and those of drivers that check
#: values themselves (sqlite3: OverflowError for an integer beyond 64 bits; UnicodeEncodeError).
_DRIVER_ERRORS = (DatabaseError, OverflowError, ValueError, TypeError)


#: Built-in field types whose Python values (as decoded) go to the driver unchanged.
_PLAIN_TYPES = {
    "AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField", "SmallIntegerField",
    "PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField",
    "CharField", "TextField", "SlugField", "EmailField", "URLField", "BooleanField",
}


def _needs_no_preparation(f: models.Field) -> bool:
    """True for built-in fields whose get_db_prep_save() returns a value of the right type unchanged."""
    if f.is_relation:
        target = getattr(f, "target_field", None)
        return type(f).__module__.startswith("django.db.models.") and target is not None and _needs_no_preparation(target)
    return type(f).__module__.startswith("django.db.models.fields") and f.get_internal_type() in _PLAIN_TYPES


def _same(value: Any) -> Any:
    return value


class _NotNull:
    """A stand-in value for asking a field for its SQL placeholder."""


_NOT_NULL = _NotNull()


def _datetime_shifter(manifest: Manifest) -> Callable[[datetime.datetime], datetime.datetime]:
    """Keep the instant of each datetime when USE_TZ or TIME_ZONE differ from the dump's."""
    source_tz = zoneinfo.ZoneInfo(manifest.time_zone)
    target_tz = zoneinfo.ZoneInfo(settings.TIME_ZONE or "UTC")
    use_tz = settings.USE_TZ
    same_zone = manifest.time_zone == (settings.TIME_ZONE or "UTC")

    def shift(value: datetime.datetime) -> datetime.datetime:
        dumped = value
        if value.tzinfo is None:
            if not use_tz and same_zone:
                return value
            value = value.replace(tzinfo=source_tz)
        try:
            if use_tz:
                return value.astimezone(datetime.timezone.utc)
            return timezone.make_naive(value, target_tz)
        except OverflowError:
            # Near the ends of the calendar an instant may have no local time (or no UTC
            # time) within the years 1 to 9999 that Python's datetime and Django hold.
            where = "UTC" if use_tz else f"this site's TIME_ZONE {target_tz.key!r} (USE_TZ = False)"
            naive = f" (naive, in the dump's TIME_ZONE {manifest.time_zone!r})" if dumped.tzinfo is None else ""
            raise ValueError(
                f"{dumped.isoformat()}{naive} falls outside the years 1 to 9999 in {where}, which cannot hold it; nothing was restored"
            ) from None

    return shift


def _then_to_python(decode: Callable[[Any], Any], f: models.Field) -> Callable[[Any], Any]:
    def convert(data: Any) -> Any:
        value = decode(data)
        try:
            return f.to_python(value)
        except ValidationError as exc:
            raise ValueError(f"cannot become a {f.get_internal_type()}: {' '.join(exc.messages)}") from None
        except Exception as exc:  # a field's to_python() may raise anything on a value it does not expect
            raise ValueError(f"{shorten(value)} cannot become a {f.get_internal_type()}: {exception_reason(exc)}") from None

    return convert


def _then_prepare(decode: Callable[[Any], Any], f: models.Field, connection: Any) -> Callable[[Any], Any]:
    def prepare(data: Any) -> Any:
        value = decode(data)
        return None if value is None else f.get_db_prep_save(value, connection)

    return prepare


def holds_non_finite_decimals(connection: Any) -> bool:
    """True where a decimal column holds NaN (and Infinity): PostgreSQL's numeric."""
    return connection.vendor == "postgresql"


def _shift_range(value: Any, shift: Callable[[datetime.datetime], datetime.datetime]) -> Any:
    if value.isempty:
        return value
    lower = None if value.lower is None else shift(value.lower)
    upper = None if value.upper is None else shift(value.upper)
    return type(value)(lower, upper, value.bounds)


def run_script(path: str) -> None:
    """Entry point of a dump's ``restore.py``, run with ``manage.py run``."""
    import argparse

    from django.core.management import call_command
    from django.core.management.base import CommandError

    parser = argparse.ArgumentParser(prog=f"manage.py run {path}", description="Restore this lino-migrate dump.")
    parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive", help="Never prompt.")
    parser.add_argument("--quick", action="store_true", help="Check nothing beyond what the database refuses.")
    parser.add_argument("--validate", action="store_true", help="Check each row with the model's clean_fields() too.")
    parser.add_argument("--dry-run", action="store_true", help="Do everything, then roll back.")
    parser.add_argument("--database", default="default", help="The database alias to restore into.")
    parser.add_argument("-e", "--exclude", action="append", default=[], help="Leave out app_label[.ModelName].")
    parser.add_argument("-v", "--verbosity", type=int, default=1, choices=[0, 1, 2, 3])
    parser.add_argument("--traceback", action="store_true")
    options = parser.parse_args(sys.argv[1:])
    try:
        call_command(
            "restore", str(Path(path).resolve().parent), interactive=options.interactive, quick=options.quick,
            validate=options.validate, dry_run=options.dry_run, database=options.database, exclude=options.exclude,
            verbosity=options.verbosity, traceback=options.traceback,
        )
    except CommandError as exc:
        if options.traceback:
            raise
        sys.stderr.write(f"CommandError: {exc}\n")
        sys.exit(1)

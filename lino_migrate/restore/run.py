"""Restore a dump: all or nothing, in bulk, in bounded memory.

The order of work, each step only when the previous one found nothing wrong:

1. ``check()``: read the manifest of ``restore.py`` (never executing it), check
   every data file against its recorded sha256, and match every dumped model
   and field with the current code (``plan.py``). Nothing is changed.
2. ``run(checked)``: bring the schema up to date (``migrate``), then in ONE
   transaction: empty the tables, read every file (``read.py``), decode its rows
   (``decode.py``), send each to its model (``route.py``: directly or through the
   migrators), insert them in batches (``insert.py``: no ``save()``, no signals),
   check every foreign key, reset the sequences, commit. Any failure rolls the
   whole transaction back, and the sequences are put back as they were. When
   some app replays Django's migrations (``replay.py``), ``migrate`` runs inside
   that transaction too: the whole restore is one unit.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Sequence

from django.apps import apps
from django.db import DatabaseError, IntegrityError, connections, transaction

from .. import references
from ..derived import derived_tables
from ..errors import RestoreError, SchemaMismatchError
from ..problems import Problems
from ..manifest import Manifest, read_manifest
from ..migrators.context import LoadContext
from ..naturalkeys import NaturalKeyResolver
from ..plan import RestorePlan, SourcePlan, build_plan
from ..progress import progress_bar
from ..sequences import SequenceGuard, sets_next_ids_after_commit
from ..verify import check_files
from .computed import check_generated_columns
from .decode import RowDecoder
from .newrows import MigratorRows
from .read import read_source
from .replay import Replay, foreign_keys_off
from .route import InsertOptions, Targets, route
from .sequencing import put_back_sequences, reset_sequences, set_next_ids_after_commit
from .tables import TableEraser, skipped_models

__all__ = ["Restore", "RestoreReport", "CheckedRestore"]


@dataclass(frozen=True)
class CheckedRestore:
    """What ``check()`` found sound: the dump's manifest, and the plan that matches it with the code."""

    manifest: Manifest
    plan: RestorePlan


@dataclass
class RestoreReport:
    """What a restore did (or, with ``dry_run``, would have done)."""

    database: str
    #: rows inserted (or matched, for ContentType and Permission) per current model
    rows: dict[str, int] = field(default_factory=dict)
    #: rows read per dumped model
    read: dict[str, int] = field(default_factory=dict)
    migrators: list[str] = field(default_factory=list)
    #: the Django migrations replayed after the rows were in ("app.name")
    replayed: list[str] = field(default_factory=list)
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
        if self.replayed:
            lines.append(f"Replayed {len(self.replayed)} Django migrations after loading the rows: {', '.join(self.replayed)}.")
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
        no_replay: bool = False,
        verbosity: int = 1,
        stdout: IO[str] = sys.stdout,
        stderr: IO[str] = sys.stderr,
    ):
        if using not in connections:
            raise RestoreError(f"Unknown database alias {using!r}: settings.DATABASES has {', '.join(connections)}.")
        if quick and validate:
            raise RestoreError("--quick checks nothing beyond the database, --validate more: choose one.")
        self.directory = Path(directory)
        self.using = using
        self.connection = connections[using]
        self.quick = quick
        self.validate = validate
        self.dry_run = dry_run
        self.exclude = list(exclude)
        self.no_replay = no_replay
        self.verbosity = verbosity
        self.stdout = stdout
        self.stderr = stderr

    # -- checks that change nothing ---------------------------------------

    def check(self) -> CheckedRestore:
        """Read and verify the dump and match it with the code; raise on any problem."""
        manifest = read_manifest(self.directory)
        plan = build_plan(manifest, self.exclude, self.connection, no_replay=self.no_replay)
        check_files(manifest, [source.info for source in plan.sources])
        if plan.problems:
            raise SchemaMismatchError(
                "The dump does not fit the current code:\n" + "\n".join(f"- {p}" for p in plan.problems)
            )
        return CheckedRestore(manifest, plan)

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

    def run(self, checked: CheckedRestore | None = None) -> RestoreReport:
        """Restore what ``check()`` found sound (checked now when not given); ask the user in between."""
        checked = checked or self.check()
        manifest, plan = checked.manifest, checked.plan
        started = time.monotonic()
        report = RestoreReport(self.using, dry_run=self.dry_run, migrators=[str(m) for m in plan.migrators])
        replay = Replay(self.connection, plan.replay) if plan.replay else None
        if replay is None:
            try:
                self._bring_schema_up_to_date()
            except DatabaseError as exc:
                raise RestoreError(f"The database failed before the restore began: {exc}. No row was changed.") from None
        context = LoadContext(self.using, self.connection, self.directory, self.dry_run, manifest)
        guard = SequenceGuard(self.connection)  # sequences do not roll back: put back by hand
        try:
            with foreign_keys_off(self.connection, replay is not None), transaction.atomic(using=self.using), \
                    self.connection.constraint_checks_disabled():
                if replay:
                    # Replay makes the whole restore one unit, the new code's pending migrations included:
                    # one that fails on the rows here rolls back with the rest.
                    with replay.checking_constraints_at_once():  # as `migrate` commits each migration
                        self._migrate_in_the_transaction()
                derived = derived_tables(self.connection)  # virtual tables and views: asked once, after migrate
                skipped = skipped_models(plan, derived, self.connection, self.stderr, self.verbosity)
                sources = [source for source in plan.sources if source.label not in skipped]
                if replay:
                    replay.rewind()  # the replayed apps' tables as the dump found them
                targets = self._load(manifest, plan, sources, derived, context, report, replay)
                loaded = replay.current_models(targets.loaded()) if replay else targets.loaded()
                reset_sequences(self.connection, manifest, plan, loaded)  # so that after_load() can create rows
                self._call_hooks(plan, "after_load", context)
                report.rows = {target.label: target.count for target in targets.by_label.values()}
                if replay:  # what the replayed apps' current models hold after their migrations
                    report.rows = {label: count for label, count in report.rows.items()
                                   if label.partition(".")[0] not in replay.replayed} | replay.current_counts()
                    report.replayed = replay.migrations_run
                self._check_foreign_keys()
                reset_sequences(self.connection, manifest, plan, loaded)
                report.seconds = time.monotonic() - started
                if self.dry_run:
                    raise _DryRunRollback
        except _DryRunRollback:
            put_back_sequences(guard, self.stderr)
        except DatabaseError as exc:
            put_back_sequences(guard, self.stderr)
            raise RestoreError(f"The restore failed and was rolled back; the rows of the database are unchanged. {exc}") from None
        except BaseException:
            put_back_sequences(guard, self.stderr)
            raise
        else:
            if sets_next_ids_after_commit(self.connection) and not self.connection.in_atomic_block:
                set_next_ids_after_commit(self.connection, manifest, plan, loaded, self.stderr)
        report.seconds = time.monotonic() - started
        return report

    def _load(
        self, manifest: Manifest, plan: RestorePlan, sources: list[SourcePlan], derived: dict[str, str],
        context: LoadContext, report: RestoreReport, replay: Replay | None,
    ) -> Targets:
        """Empty the tables and insert every row of ``sources``; raise when a value does not fit.

        With ``replay``, the migrations run forward once the rows at the dump's
        state are in; the rows of apps that depend on those migrations come after.
        """
        names = references.dumped_permission_names(manifest)  # for Permissions created on the way
        resolver = NaturalKeyResolver(self.using, plan.pipeline.model_renames(), names)
        problems = Problems()
        eraser = TableEraser(self.connection)
        options = InsertOptions(problems, quick=self.quick, validate=self.validate)
        targets = Targets(self.connection, resolver, options, eraser.clear, schema=apps, state=plan.state)
        migrator_rows = MigratorRows(targets, self.connection)
        eraser.clear_all(plan, manifest, derived)
        self._call_hooks(plan, "before_load", context)
        decoders = []
        after = replay.plan.after_replay if replay else set()
        stages = [[s for s in sources if s.info.app_label not in after], [s for s in sources if s.info.app_label in after]]
        with progress_bar(sum(source.info.rows for source in sources), "restore", self.stderr, self.verbosity) as bar:
            for stage, chosen in enumerate(stages):
                if stage and replay:
                    targets.flush()
                    if problems:
                        raise self._problems_error(problems)
                    reset_sequences(self.connection, manifest, plan, targets.loaded())  # rows the migrations make
                    replay.forward()
                for source in chosen:
                    decoder = RowDecoder(source, manifest.time_zone, None if source.routed else resolver, self.connection)
                    deliver = route(source, targets, plan.pipeline, migrator_rows)
                    count = 0
                    for values, name, line_no in read_source(self.directory, manifest, source, bar.update):
                        deliver(decoder.decode(values, name, line_no), f"{name}, line {line_no}")
                        count += 1
                    report.read[source.label] = count
                    decoders.append(decoder)
            targets.flush()
            migrator_rows.finish()  # parents' fields of child rows, new rows without a key
        if problems:
            raise self._problems_error(problems)
        for decoder in decoders:
            if replay and decoder.source.info.app_label in replay.replayed:
                continue  # the forward migrations may have changed the columns since
            check_generated_columns(
                self.directory, manifest.stamps.get("vendor"), self.connection, decoder.source, decoder.decoders
            )
        return targets

    def _problems_error(self, problems: Problems) -> RestoreError:
        return problems.error(
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

    def _migrate_in_the_transaction(self) -> None:
        try:
            self._bring_schema_up_to_date()
        except (DatabaseError, RestoreError):
            raise
        except Exception as exc:  # a RunPython of the new code, on the rows the database holds now
            raise RestoreError(
                f"migrate failed on the rows this database holds now, before the dump's rows were loaded: "
                f"{type(exc).__name__}: {exc}. The restore was rolled back; the database is unchanged. Restore into "
                f"an empty database (the dump's rows then meet the migrations only where replay runs them), or fix "
                f"the migration."
            ) from exc

    def _call_hooks(self, plan: RestorePlan, name: str, context: LoadContext) -> None:
        for migrator in plan.migrators:
            try:
                getattr(migrator, name)(context)
            except DatabaseError:
                raise
            except Exception as exc:
                raise RestoreError(
                    f"{migrator}: {name}() failed: {type(exc).__name__}: {exc}. Nothing was restored."
                ) from exc

    def _check_foreign_keys(self) -> None:
        """Check every foreign key of every table (also those pointing into emptied tables)."""
        try:
            self.connection.check_constraints()
        except IntegrityError as exc:
            raise RestoreError(f"A foreign key points nowhere; nothing was restored. {exc}") from None

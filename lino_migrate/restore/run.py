"""Restore a dump: all or nothing, in bulk, in bounded memory.

The order of work, each step only when the previous one found nothing wrong:

1. ``check()``: read the manifest of ``restore.py`` (never executing it), check
   every data file against its recorded sha256, and match every dumped model
   and field with the current code (``plan.py``). Nothing is changed.
2. ``run(checked)``: in ONE transaction: bring the schema up to date
   (``migrate``), empty the tables, read every file (``read.py``), decode its rows
   (``decode.py``), send each to its model (``route.py``: directly or through the
   migrators), insert them in batches (``insert.py``: no ``save()``, no signals),
   check every foreign key (PostgreSQL: made again after the load, ``foreignkeys.py``),
   reset the sequences, commit. Any failure rolls the
   whole transaction back, and the sequences are put back as they were.

   MariaDB and MySQL commit each schema change: a restore that changes the
   schema there (a replay, or migrations the database lacks) runs in a scratch
   database beside the target instead, migrate included, and swaps the result
   in with one RENAME TABLE (``scratch.py``).
"""

from __future__ import annotations

import copy
import sys
import time
from contextlib import nullcontext
from pathlib import Path
from typing import IO, Any, ContextManager, Sequence

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
from .foreignkeys import DroppedForeignKeys, drop_foreign_keys
from .newrows import MigratorRows
from .read import read_source
from .replay import Replay, foreign_keys_off, pending_checks_before_ddl
from .report import CheckedRestore, RestoreReport, migrate_failed
from .route import InsertOptions, Targets, route
from .scratch import Scratch, builds_in_scratch, replaced_tables
from .sequencing import put_back_sequences, reset_sequences, set_next_ids_after_commit
from .staging import NO_STAGING, staged_in_workers
from .tables import TableEraser, skipped_models

__all__ = ["Restore", "RestoreReport", "CheckedRestore"]


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
        assume_versions: dict[str, str] | None = None,
        jobs: int = 1,
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
        #: app label -> the version an unversioned app had when the dump was written (--assume-version)
        self.assume_versions = dict(assume_versions or {})
        self.jobs, self.staging = jobs, NO_STAGING  # --jobs N: rows read and checked in N processes (staging.py)
        self.verbosity = verbosity
        self.stdout = stdout
        self.stderr = stderr
        #: how messages name the database (a restore built in a scratch database names its target)
        self.shown: str | None = None
        self.in_scratch = False

    # -- checks that change nothing ---------------------------------------

    def check(self) -> CheckedRestore:
        """Read and verify the dump and match it with the code; raise on any problem."""
        manifest = read_manifest(self.directory)
        plan = build_plan(
            manifest, self.exclude, self.connection, no_replay=self.no_replay, assume_versions=self.assume_versions
        )
        check_files(manifest, [source.info for source in plan.sources])
        if plan.problems:
            raise SchemaMismatchError(
                "The dump does not fit the current code:\n" + "\n".join(f"- {p}" for p in plan.problems)
            )
        return CheckedRestore(manifest, plan)

    def describe_target(self) -> str:
        if self.shown:
            return self.shown
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
        started = time.monotonic()
        # migrate is part of the unit: in the transaction where schema changes roll back (PostgreSQL, SQLite),
        # in the scratch database where they commit (MariaDB) and would change the schema.
        if builds_in_scratch(self.connection, checked.plan, self.pending_migrations):
            return self._run_in_scratch(checked, started)
        with staged_in_workers(self, checked) as self.staging:
            return self._restore(checked, started)

    def _run_in_scratch(self, checked: CheckedRestore, started: float) -> RestoreReport:
        """MariaDB commits each schema change: build the restore beside the database, then swap it in (scratch.py)."""
        why = "the replayed migrations" if checked.plan.replay else "the migrations this database lacks"
        with Scratch(self.connection, self.stderr, self.verbosity, why=why) as scratch:
            derived = derived_tables(self.connection)  # views stay here; their dumped models get no rows
            scratch.fill(replaced_tables(checked.plan, checked.manifest))
            with scratch.in_place() as connection:
                report = self._on(connection)._restore(checked, started, derived)
            if not self.dry_run:
                scratch.swap()
        report.database = self.using
        report.seconds = time.monotonic() - started
        return report

    def _on(self, connection: Any) -> Restore:
        """This restore, into the scratch database of ``connection`` (its messages still name this one)."""
        other = copy.copy(self)
        other.connection, other.shown, other.in_scratch = connection, self.describe_target(), True
        return other

    def _transaction(self) -> ContextManager[Any]:
        """One transaction; none in a scratch database, which MariaDB's DDL would commit anyway and a failure drops."""
        return nullcontext() if self.in_scratch else transaction.atomic(using=self.using)

    def _restore(self, checked: CheckedRestore, started: float, derived: dict[str, str] | None = None) -> RestoreReport:
        """The rows, in one transaction: all of them, or (rolled back) none. ``derived``: asked already (scratch)."""
        manifest, plan = checked.manifest, checked.plan
        report = RestoreReport(self.using, dry_run=self.dry_run, migrators=[str(m) for m in plan.migrators],
                               assumed=dict(self.assume_versions))
        in_unit = self.connection.features.can_rollback_ddl or self.in_scratch
        guard = SequenceGuard(self.connection)  # sequences do not roll back: put back by hand
        replay = Replay(self.connection, plan.replay) if plan.replay else None
        try:
            with foreign_keys_off(self.connection), self._transaction(), \
                    self.connection.constraint_checks_disabled(), pending_checks_before_ddl(self.connection):
                if in_unit:
                    self._migrate()
                if derived is None:
                    derived = derived_tables(self.connection)  # virtual tables and views: asked once, after migrate
                skipped = skipped_models(plan, derived, self.connection, self.stderr, self.verbosity)
                sources = [source for source in plan.sources if source.label not in skipped]
                context = LoadContext(self.using, self.connection, self.directory, self.dry_run, manifest)
                if replay:
                    replay.rewind()  # the replayed apps' tables as the dump found them
                keys = drop_foreign_keys(self.connection, plan, manifest, replay)  # PostgreSQL: made again after the load
                targets = self._load(manifest, plan, sources, derived, context, report, replay)
                loaded = replay.current_models(targets.loaded()) if replay else targets.loaded()
                reset_sequences(self.connection, manifest, plan, loaded)  # so that after_load() can create rows
                self._call_hooks(plan, "after_load", context)
                report.rows = {target.label: target.count for target in targets.by_label.values()}
                if replay:  # what the replayed apps' current models hold after their migrations
                    report.rows = {label: count for label, count in report.rows.items()
                                   if label.partition(".")[0] not in replay.replayed} | replay.current_counts()
                    report.replayed = replay.migrations_run
                self._check_foreign_keys(keys)
                reset_sequences(self.connection, manifest, plan, loaded)
                report.seconds = time.monotonic() - started
                if self.dry_run:
                    raise _DryRunRollback
        except _DryRunRollback:
            put_back_sequences(guard, self.stderr)
        except DatabaseError as exc:
            put_back_sequences(guard, self.stderr)
            raise RestoreError(f"The restore failed and was rolled back; {self._unchanged()}. {exc}") from None
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
        # ContentType rows follow the models that migrators or the replayed migrations rename.
        renames = plan.pipeline.model_renames() | (replay.plan.model_renames if replay else {})
        resolver = NaturalKeyResolver(self.using, renames, names)
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
                    bar.model(source.label)
                    if self.staging.insert(source, targets, report, bar):
                        continue  # staged by a worker (--jobs): in with one INSERT ... SELECT
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
        if self.verbosity >= 1:
            for note in resolver.notes():  # natural-key rows of models the code no longer has
                self.stderr.write(note + "\n")
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

    def _unchanged(self) -> str:
        """What a rolled-back restore left: everything (MariaDB: the schema was up to date, or it ran in scratch)."""
        return "the database is unchanged, its schema included"

    def _migrate(self) -> None:
        """Run migrate inside the restore's transaction: a failure later rolls the schema back too."""
        from django.core.management import call_command

        try:
            call_command("migrate", database=self.using, interactive=False, verbosity=max(0, self.verbosity - 1),
                         stdout=self.stdout, stderr=self.stderr)
        except DatabaseError:
            raise
        except Exception as exc:
            raise migrate_failed(exc, f"The restore was rolled back; {self._unchanged()}.") from exc

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

    def _check_foreign_keys(self, keys: DroppedForeignKeys) -> None:
        """Check every foreign key of every table (also those pointing into emptied tables), then make the dropped ones again."""
        try:
            self.connection.check_constraints()
        except IntegrityError as exc:
            raise RestoreError(f"A foreign key points nowhere; nothing was restored. {exc}") from None
        keys.add_back()  # each checked with one query

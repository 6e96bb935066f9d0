"""``restore --jobs N`` (PostgreSQL): rows read, decoded and checked in N processes, in ONE transaction.

Why this way: most of a restore's time is Python in the client (reading the
files, decoding, checking that every value fits); the server's side of COPY is
cheap. ``pg_restore --jobs`` loads each table in a transaction of its own, and
so refuses ``--single-transaction``. Here the workers never touch the target's
tables: each takes one data file at a time (so a big table is read by all of
them) and COPYs its checked rows into an UNLOGGED table of a private schema
(``lm_restore_<key>``), committed in a transaction of its own
(``stagework.py``). The restore's one transaction, in the main process, is the
one of ``--jobs 1`` (migrate, empty the tables, the migrators, replay, the
foreign-key check, the sequences), but at a staged source's place in the order
of work it waits for that source's files and moves their rows into the table
with server-side ``INSERT ... SELECT``. So a kill at any moment leaves the
target as it was until that transaction commits, and the first failure in the
order of work is the one reported, with the message of ``--jobs 1``: a worker's
values that do not fit join the restore's ``Problems`` at the file's place, a
worker's exception is raised there, and an ``INSERT ... SELECT`` that the
target's constraints refuse (the staging tables have none) is rolled back to
its savepoint and the source loaded again as with ``--jobs 1``, which names
the row at fault.

The staging tables' columns are typed from the fields (``cast_db_type``),
not copied from the target (``LIKE``): the target may not exist yet (migrate
runs inside the transaction) and, once TRUNCATEd, is locked by it.

The schema is dropped when the restore ends. A killed run leaves its schema:
while it lives, the main session holds an advisory lock on the schema's key,
and the next ``restore --jobs`` drops every schema of that name whose lock
nobody holds (of dead runs only).
"""

from __future__ import annotations

import multiprocessing
import os
import secrets
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator, Protocol

from django.db import DatabaseError, transaction

from ..errors import DumpError, RestoreError
from ..generated import is_generated
from ..parallel import stop_workers, worker_setup
from ..plan import RestorePlan, SourcePlan
from ..progress import Progress
from ..text import plural
from .report import CheckedRestore, RestoreReport
from .route import Targets
from .read import check_total
from .stagework import SCHEMA_PREFIX, Staged, StageTask, init_worker, stage, staging_table

__all__ = ["NO_STAGING", "Staging", "drop_dead_schemas", "stageable", "staged_in_workers"]

#: The codecs whose values are ids found (or rows created) inside the restore's transaction.
_IN_TRANSACTION_CODECS = ("contenttype", "permission")


class _Restore(Protocol):
    """What the staging needs of a ``Restore`` (``run.py``)."""

    connection: Any
    jobs: int
    directory: Path
    quick: bool
    validate: bool
    stderr: IO[str]
    verbosity: int


class Staging:
    """The sources staged by workers, and the main process's side: their rows into their tables."""

    def __init__(self, connection: Any = None, schema: str = "", futures: dict[int, tuple[int, list[Future]]] | None = None):
        self.connection = connection
        self.schema = schema
        #: id() of a staged SourcePlan -> its index, and the futures of its files' workers, in file order
        self.futures = futures or {}

    def insert(self, source: SourcePlan, targets: Targets, report: RestoreReport, bar: Progress) -> bool:
        """Move the staged rows of ``source`` into its table; False: not staged, load it here (as without --jobs)."""
        if id(source) not in self.futures:
            return False
        index, futures = self.futures.pop(id(source))
        problems = targets.options.problems
        parts = []
        for future in futures:  # file by file, as without --jobs: the first failure is the one reported
            parts.append(_result(future))
            problems.extend(parts[-1].problems)
        read = sum(part.read for part in parts)
        check_total(source, read)
        report.read[source.label] = read
        target = targets.get(source.target)  # as without --jobs: the table emptied once; later rows go to its writer
        if problems:
            return True  # no more rows go in: the restore fails once every row is checked
        quote = self.connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in source.target.fields)
        try:
            with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
                for part in range(len(parts)):
                    cursor.execute(
                        f"INSERT INTO {quote(source.target.model._meta.db_table)} ({columns}) "
                        f"SELECT {columns} FROM {staging_table(self.connection, self.schema, index, part)}"
                    )
        except DatabaseError:
            return False  # a constraint the staging table lacks: loaded again here, to name the row at fault
        target.writer.count += sum(part.rows for part in parts)
        bar.update(read)
        return True


def _result(future: Future) -> Staged:
    """What a worker staged; its exception raised here; RestoreError if it died."""
    try:
        return future.result()
    except BrokenProcessPool:
        raise RestoreError(
            "A worker process of restore --jobs died (killed, or out of memory?) before it finished; the restore "
            "was rolled back and the rows of the database are unchanged. Restore again."
        ) from None


#: The staging of a restore without --jobs: every source loads in the main process.
NO_STAGING = Staging()


def stageable(source: SourcePlan, plan: RestorePlan, connection: Any) -> bool:
    """Whether a worker can decode, check and stage the rows of ``source`` outside the restore's transaction.

    Not: rows through the migrators or of a replayed app (or one loaded after
    the replay), natural-key rows, rows that refer to ContentType or Permission
    rows (their ids are found, or rows created, in the transaction), generic
    relations, tables with generated columns (compared after the insert), and
    fields without a column type.
    """
    target = source.target
    if source.routed or target is None or target.natural_key or source.info.natural_key or not source.info.rows:
        return False
    if source.replayed_at or (plan.replay and source.info.app_label in plan.replay.after_replay):
        return False
    if source.info.generic or any(codec.name in _IN_TRANSACTION_CODECS for codec in source.codecs):
        return False
    if any(is_generated(f) for f in target.model._meta.concrete_fields):
        return False
    return all(f.cast_db_type(connection) for f in target.fields)


@contextmanager
def staged_in_workers(restore: _Restore, checked: CheckedRestore) -> Iterator[Staging]:
    """With ``--jobs N`` on PostgreSQL: N workers stage the stageable sources while the restore runs.

    Whatever ends the restore, Ctrl-C included, the workers are stopped and
    the staging schema dropped before this returns.
    """
    connection, jobs = restore.connection, restore.jobs
    if jobs > 1 and connection.vendor != "postgresql" and restore.verbosity >= 1:
        restore.stderr.write(
            f"Notice: --jobs {jobs} needs PostgreSQL, where the restore's transaction takes the rows that workers "
            f"staged beside it; on {connection.vendor} the restore runs in one process.\n"
        )
    chosen = [(index, source) for index, source in enumerate(checked.plan.sources)
              if jobs > 1 and connection.vendor == "postgresql" and stageable(source, checked.plan, connection)]
    if not chosen:
        yield NO_STAGING
        return
    if connection.in_atomic_block:
        raise RestoreError(
            "restore --jobs commits its staging tables before the restore's transaction, and cannot inside a "
            "transaction (transaction.atomic): restore with --jobs 1 there."
        )
    try:
        setup = worker_setup(connection.alias, "restore")
    except DumpError as exc:
        raise RestoreError(str(exc)) from None
    key = secrets.randbits(62)
    schema = f"{SCHEMA_PREFIX}{key:016x}"
    try:
        drop_dead_schemas(connection)
        _create_schema(connection, schema, key)
    except DatabaseError as exc:
        raise RestoreError(
            f"restore --jobs cannot make its staging schema {schema}: {exc}. It needs the CREATE privilege on the "
            f"database; or restore with --jobs 1. Nothing was changed."
        ) from None
    workers = min(jobs, sum(len(source.info.files) for _, source in chosen))
    if restore.verbosity >= 2:
        restore.stderr.write(
            f"--jobs {jobs}: the rows of {plural(len(chosen), 'model')} are read and checked in {workers} worker "
            f"processes ({', '.join(source.label for _, source in chosen)}); the others here.\n"
        )
    context = multiprocessing.get_context("spawn")  # a fork would share the main connection's socket
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker,
                                   initargs=(setup, os.getpid()))
    try:
        futures = {}
        for index, source in chosen:  # in the order of work, file by file: the first needed is staged first
            tasks = [StageTask.of(source, using=connection.alias, directory=str(restore.directory), manifest=checked.manifest,
                                  schema=schema, index=index, part=part, quick=restore.quick, validate=restore.validate)
                     for part in range(len(source.info.files))]
            futures[id(source)] = (index, [executor.submit(stage, task) for task in tasks])
        yield Staging(connection, schema, futures)
    except BaseException:
        stop_workers(executor)
        _drop_schema(connection, schema, key, restore)
        raise
    executor.shutdown(wait=True, cancel_futures=True)
    _drop_schema(connection, schema, key, restore)


def _create_schema(connection: Any, schema: str, key: int) -> None:
    """The private schema, locked (advisory, for this session's life) before it exists: never taken for a dead run's."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
        cursor.execute(f"CREATE SCHEMA {connection.ops.quote_name(schema)}")
        cursor.execute(
            f"COMMENT ON SCHEMA {connection.ops.quote_name(schema)} IS %s",
            ["lino-migrate: the staging tables of a restore --jobs; dropped when it ends, or by the next "
             "restore --jobs once the restore that made it is gone"],
        )


def _drop_schema(connection: Any, schema: str, key: int, restore: _Restore) -> None:
    """Drop the staging schema (a connection broken by the failure: on a new one) and release its lock."""
    for attempt in range(2):
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {connection.ops.quote_name(schema)} CASCADE")
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
            return
        except DatabaseError:
            connection.close()
    if restore.verbosity >= 1:
        restore.stderr.write(f"Notice: the staging schema {schema} is left behind; the next restore --jobs drops it.\n")


def drop_dead_schemas(connection: Any) -> list[str]:
    """Drop the staging schemas of restores that were killed (nobody holds their lock); their names."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, %s)", [SCHEMA_PREFIX])
        names = [row[0] for row in cursor.fetchall()]
    dropped = []
    for name in names:
        try:
            key = int(name[len(SCHEMA_PREFIX):], 16)
        except ValueError:
            continue  # not one of ours
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            if not cursor.fetchone()[0]:
                continue  # a restore that is running
            try:
                cursor.execute(f"DROP SCHEMA IF EXISTS {connection.ops.quote_name(name)} CASCADE")
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        dropped.append(name)
    return dropped

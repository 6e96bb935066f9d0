"""A worker of ``restore --jobs``: one data file's rows read, decoded, checked and COPYed into a staging table.

It runs the stages of a restore without ``--jobs`` (``read``, ``decode``,
``route.direct``, ``insert.BulkInserter``) on its own connection, into a table
of the restore's private schema, and commits; it never touches the target's
tables (see ``staging.py`` for why). Values that do not fit come back as its
``Problems``; an exception (a damaged file, a value the database refuses) is
raised in the main process, at the source's place in the order of work.
"""

from __future__ import annotations

import os
import threading
import time
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import DatabaseError

from ..errors import RestoreError
from ..manifest import Manifest
from ..parallel import WorkerSetup, setup_problem, setup_worker
from ..plan import SourcePlan, TargetPlan
from ..problems import Problems
from .decode import RowDecoder
from .insert import BulkInserter
from .read import read_source
from .route import direct

__all__ = ["SCHEMA_PREFIX", "StageTask", "Staged", "init_worker", "stage", "staging_table"]

#: The names of the staging schemas: the prefix, then the hex key of the advisory lock of the restore that made it.
SCHEMA_PREFIX = "lm_restore_"


@dataclass(frozen=True)
class StageTask:
    """One file of a source to stage: the ``index``-th of the plan, its file ``part``, into the table
    ``staging_table(schema, index, part)``.

    Its target travels as a label and field names (``task()``): an auto-created
    model (a many-to-many table) is no module attribute, so pickle cannot name it.
    """

    using: str
    directory: str
    manifest: Manifest
    source: SourcePlan  # without its target
    target: tuple[str, tuple[str, ...]]  # its label and the names of its fields
    schema: str
    index: int
    part: int
    quick: bool = False
    validate: bool = False

    @classmethod
    def of(cls, source: SourcePlan, **kwargs: Any) -> StageTask:
        target = (source.target.label, tuple(f.name for f in source.target.fields))
        return cls(source=dataclasses.replace(source, target=None), target=target, **kwargs)

    def planned(self) -> SourcePlan:
        """The source with its target, from this process's app registry, and only the file of this part."""
        from django.apps import apps

        label, names = self.target
        model = apps.get_model(label)
        name = self.source.info.files[self.part]
        info = dataclasses.replace(self.source.info, files=[name], rows=self.manifest.files[name].rows)
        target = TargetPlan(model, [model._meta.get_field(n) for n in names])
        return dataclasses.replace(self.source, info=info, target=target)


@dataclass
class Staged:
    """What a worker staged: rows read, rows in the staging table, and the values that do not fit."""

    read: int
    rows: int
    problems: Problems


def staging_table(connection: Any, schema: str, index: int, part: int) -> str:
    """The quoted name of the staging table of the ``index``-th source's file ``part``."""
    quote = connection.ops.quote_name
    return f"{quote(schema)}.{quote(f's{index}_{part}')}"


def init_worker(setup: WorkerSetup, parent: int) -> None:
    """Django set up as in the main process ``parent``; the worker ends when that process does (a SIGKILL there),
    watched from before the setup, which takes seconds."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)  # orphaned: its transaction rolls back with its connection

    threading.Thread(target=watch, daemon=True).start()
    setup_worker(setup)


def stage(task: StageTask) -> Staged:
    """Stage the rows of ``task.source``, checked as without --jobs, in one committed transaction."""
    problem = setup_problem()
    if problem is not None:
        raise RestoreError(
            f"A worker process of restore --jobs could not set up Django: {problem}. The restore was rolled back; "
            f"the rows of the database are unchanged."
        )
    from django.db import connections, transaction

    connection = connections[task.using]
    source = task.planned()
    plan = source.target
    problems = Problems()
    table = staging_table(connection, task.schema, task.index, task.part)
    try:
        with transaction.atomic(using=task.using):
            columns = ", ".join(f"{connection.ops.quote_name(f.column)} {f.cast_db_type(connection)}" for f in plan.fields)
            with connection.cursor() as cursor:
                cursor.execute(f"CREATE UNLOGGED TABLE {table} ({columns})")
            inserter = BulkInserter(connection, plan, problems, quick=task.quick, validate=task.validate, table=table)
            decoder = RowDecoder(source, task.manifest.time_zone, None, connection)
            deliver = direct(source, plan, inserter.add)
            read = 0
            for values, name, line_no in read_source(Path(task.directory), task.manifest, source):
                deliver(decoder.decode(values, name, line_no), f"{name}, line {line_no}")
                read += 1
            inserter.flush()
    except DatabaseError as exc:
        raise DatabaseError(str(exc)) from None  # the driver's own error may not pickle
    return Staged(read, inserter.count, problems)

"""Dump tables in several worker processes that share ONE snapshot (PostgreSQL).

The main process holds the dump's snapshot transaction and exports its
snapshot (``pg_export_snapshot()``); each worker opens its own connection,
imports that snapshot (``SET TRANSACTION SNAPSHOT``) and writes a small model
whole, or one part (one file) of a big one, starting at the part's first
primary key. Every worker thus reads the database as of the same instant, and
each file is written exactly as one process would write it: the dump is
byte-identical to one written with ``--jobs 1``.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from django.db.backends.base.base import BaseDatabaseWrapper


def can_share_snapshot(connection: BaseDatabaseWrapper) -> bool:
    return connection.vendor == "postgresql"


def export_snapshot(connection: BaseDatabaseWrapper) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_export_snapshot()")
        return cursor.fetchone()[0]


@dataclass(frozen=True)
class Task:
    """A model to dump whole, or (``part`` set) one of its files, from row ``first_pk`` on."""

    using: str
    snapshot: str
    directory: str
    label: str
    count: int
    max_row_count: int
    part: int | None = None
    first_pk: Any = None

    @property
    def rows(self) -> int:
        if self.part is None:
            return self.count
        return rows_in_part(self.count, self.part, self.max_row_count)


def rows_in_part(count: int, part: int, max_row_count: int) -> int:
    """How many of a table's ``count`` rows its file number ``part`` holds."""
    return min(max_row_count, count - (part - 1) * max_row_count)


@dataclass
class Results:
    """What the workers wrote: manifest entries of the models dumped whole, and of every file."""

    described: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)


def dump_in_workers(tasks: list[Task], jobs: int, done: Callable[[Task, int], None]) -> Results:
    """Run the tasks in ``jobs`` processes; ``done(task, rows)`` after each."""
    results = Results()
    context = multiprocessing.get_context("spawn")  # a fork would share the main connection's socket
    ordered = sorted(tasks, key=lambda task: -task.rows)  # biggest first: the load evens out
    with context.Pool(min(jobs, len(tasks)) or 1, initializer=_setup_django) as pool:
        for task, described, files in pool.imap_unordered(_run, ordered):
            if described is not None:
                results.described[task.label] = described
            results.files.update(files)
            done(task, task.rows)
    return results


def _setup_django() -> None:
    import django

    django.setup()


_natural_keys: dict[str, Any] = {}  # per snapshot, in each worker: read once


def _run(task: Task) -> tuple[Task, dict[str, Any] | None, dict[str, Any]]:
    from django.apps import apps
    from django.db import connections, transaction

    from .dump import Dumper, NaturalKeys, NoProgress

    connection = connections[task.using]
    directory = Path(task.directory)
    with transaction.atomic(using=task.using):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SET TRANSACTION SNAPSHOT %s", [task.snapshot])
        if task.snapshot not in _natural_keys:
            _natural_keys.clear()
            _natural_keys[task.snapshot] = NaturalKeys(connection)
        natural_keys = _natural_keys[task.snapshot]
        dumper = Dumper(directory, using=task.using, max_row_count=task.max_row_count, verbosity=0)
        model = apps.get_model(task.label)
        if task.part is None:
            files: dict[str, Any] = {}
            described = dumper.dump_model(directory, model, task.count, natural_keys, files, NoProgress())
            return task, described, files
        name, info = dumper.dump_part(directory, model, task.count, task.part, task.first_pk, natural_keys)
        return task, None, {name: info}

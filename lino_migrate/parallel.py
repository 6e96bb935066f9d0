"""Dump tables in several worker processes that share ONE snapshot (PostgreSQL).

The main process holds the dump's snapshot transaction and exports its
snapshot (``pg_export_snapshot()``); each worker opens its own connection,
imports that snapshot (``SET TRANSACTION SNAPSHOT``) and writes whole models.
Every worker thus reads the database as of the same instant, and each file is
written exactly as one process would write it: the dump is byte-identical to
one written with ``--jobs 1``.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass
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
    using: str
    snapshot: str
    directory: str
    label: str
    count: int
    max_row_count: int


def dump_in_workers(tasks: list[Task], jobs: int, done: Callable[[Task], None]) -> dict[str, tuple[dict, dict]]:
    """Run the tasks in ``jobs`` processes; return ``{label: (model description, files)}``."""
    results: dict[str, tuple[dict, dict]] = {}
    by_label = {task.label: task for task in tasks}
    context = multiprocessing.get_context("spawn")  # a fork would share the main connection's socket
    ordered = sorted(tasks, key=lambda task: -task.count)  # biggest first: the load evens out
    with context.Pool(min(jobs, len(tasks)) or 1, initializer=_setup_django) as pool:
        for label, described, files in pool.imap_unordered(_dump_one, ordered):
            results[label] = (described, files)
            done(by_label[label])
    return results


def _setup_django() -> None:
    import django

    django.setup()


def _dump_one(task: Task) -> tuple[str, dict[str, Any], dict[str, Any]]:
    from django.apps import apps
    from django.db import connections, transaction

    from .dump import Dumper, NaturalKeys, NoProgress

    connection = connections[task.using]
    with transaction.atomic(using=task.using):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SET TRANSACTION SNAPSHOT %s", [task.snapshot])
        dumper = Dumper(Path(task.directory), using=task.using, max_row_count=task.max_row_count, verbosity=0)
        files: dict[str, Any] = {}
        model = apps.get_model(task.label)
        described = dumper.dump_model(Path(task.directory), model, task.count, NaturalKeys(connection), files, NoProgress())
    return task.label, described, files

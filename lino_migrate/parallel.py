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
import pickle
import signal
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from django.db.backends.base.base import BaseDatabaseWrapper

from .errors import DumpError
from .manifest import FileInfo
from .tablewrite import Table, rows_in_part

__all__ = [
    "Task", "WorkerSetup", "can_share_snapshot", "dump_in_workers", "export_snapshot", "setup_problem", "setup_worker",
    "stop_workers", "worker_setup",
]


def can_share_snapshot(connection: BaseDatabaseWrapper) -> bool:
    """Whether workers can read in the main process's snapshot (PostgreSQL exports it)."""
    return connection.vendor == "postgresql"


def export_snapshot(connection: BaseDatabaseWrapper) -> str:
    """The id of the snapshot of ``connection``'s transaction, for ``SET TRANSACTION SNAPSHOT``."""
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


@dataclass(frozen=True)
class WorkerSetup:
    """What a worker needs to see the database exactly as the main process does.

    A spawned worker imports the settings afresh: under a test runner it would
    connect to the database named in the settings, not to the test database
    the main process uses (``connection.settings_dict`` is changed in place
    there), and a program that called ``settings.configure()`` has no settings
    module to import at all. So the main process hands its connection's
    ``settings_dict`` to every worker, and, when its settings come from no
    module, the settings themselves.
    """

    using: str
    settings_dict: dict[str, Any]
    #: The settings given to ``settings.configure()`` (or changed by ``override_settings``), or None.
    configured: dict[str, Any] | None = None


def worker_setup(using: str, command: str = "dump2py") -> WorkerSetup:
    """The parent's connection settings and, without a settings module, its settings; picklable or DumpError."""
    from django.conf import global_settings, settings
    from django.db import connections

    configured = None
    if settings.SETTINGS_MODULE is None:  # settings.configure(), or override_settings()
        configured = {}
        for name in dir(settings):
            if not name.isupper() or name == "SETTINGS_MODULE":
                continue
            value = getattr(settings, name)
            if hasattr(global_settings, name) and getattr(global_settings, name) is value:
                continue
            configured[name] = value
    setup = WorkerSetup(using, dict(connections[using].settings_dict), configured)
    for name, value in [("DATABASES", setup.settings_dict), *(configured or {}).items()]:
        try:
            pickle.dumps(value)
        except Exception as exc:
            raise DumpError(
                f"--jobs cannot hand the setting {name} to its worker processes ({type(exc).__name__}: {exc}); "
                f"run {command} with --jobs 1, or from a program with a settings module (DJANGO_SETTINGS_MODULE)."
            ) from None
    return setup


def dump_in_workers(tasks: list[Task], jobs: int, done: Callable[[Task, int], None]) -> dict[str, FileInfo]:
    """Run the tasks in ``jobs`` processes; ``done(task, rows)`` after each; every file written, by name.

    The first failure ends the dump: a task's exception is raised here, and a
    worker that dies (SIGKILL, out of memory) raises ``DumpError``. Whatever
    ends it, Ctrl-C and SIGTERM included, every worker is stopped before this
    returns, so that none writes into the directory being removed.
    """
    written: dict[str, FileInfo] = {}
    if not tasks:
        return written
    setup = worker_setup(tasks[0].using)
    context = multiprocessing.get_context("spawn")  # a fork would share the main connection's socket
    ordered = sorted(tasks, key=lambda task: -task.rows)  # biggest first: the load evens out
    executor = ProcessPoolExecutor(min(jobs, len(tasks)), mp_context=context, initializer=setup_worker, initargs=(setup,))
    try:
        futures = [executor.submit(_run, task) for task in ordered]
        for future in as_completed(futures):
            task, infos = future.result()
            written.update((info.name, info) for info in infos)
            done(task, task.rows)
    except BrokenProcessPool:
        stop_workers(executor)
        raise DumpError(
            "A worker process of dump2py --jobs died (killed, or out of memory?) before it finished; "
            "nothing was written. Dump again."
        ) from None
    except BaseException:
        stop_workers(executor)
        raise
    executor.shutdown()
    return written


def stop_workers(executor: ProcessPoolExecutor) -> None:
    """Kill every worker and wait until each has ended."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(30)
    executor.shutdown(wait=True, cancel_futures=True)


_setup_error: str | None = None  # why this worker could not set up Django, reported by its first task


def setup_worker(setup: WorkerSetup) -> None:
    """A worker's initializer: Django set up with the parent's settings (a failure is kept for ``setup_problem``)."""
    global _setup_error
    # Ctrl-C reaches the whole process group: the main process stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import django
        from django.conf import settings

        if setup.configured is not None and not settings.configured:
            settings.configure(**setup.configured)
        settings.DATABASES[setup.using] = setup.settings_dict
        django.setup()
        from django.db import connections

        connection = connections[setup.using]
        connection.close()
        connection.settings_dict = dict(setup.settings_dict)
    except Exception as exc:
        _setup_error = f"{type(exc).__name__}: {exc}"


def setup_problem() -> str | None:
    """Why this worker could not set up Django, or None."""
    return _setup_error


_natural_keys: dict[str, Any] = {}  # per snapshot, in each worker: read once


def _run(task: Task) -> tuple[Task, list[FileInfo]]:
    if _setup_error is not None:
        raise DumpError(f"A worker process of dump2py --jobs could not set up Django: {_setup_error}")
    from django.apps import apps
    from django.db import connections, transaction

    from .naturalkeys import NaturalKeys

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
        table = Table(apps.get_model(task.label), connection, task.count, task.max_row_count)
        if task.part is None:
            return task, table.write(directory, natural_keys)
        return task, [table.write_part(directory, natural_keys, task.part, task.first_pk)]

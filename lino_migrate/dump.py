"""Write a Python dump of a database: ``restore.py`` plus one module per model.

The dump is read in one consistent snapshot, streamed table by table in
primary-key order, written into a hidden sibling directory and moved into
place only when every file is complete and synced (see ``atomicdir``).
"""

from __future__ import annotations

import dataclasses
import datetime
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Sequence

import django
from django.conf import settings
from django.db import DatabaseError, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from . import DUMP_FORMAT, __version__
from .atomicdir import AtomicDirectory
from .codec import codec_for_field
from .derived import derived_models
from .errors import DumpError
from .manifest import AppInfo, FileInfo, Manifest, write_script
from .naturalkeys import NATURAL_KEY_MODELS, PERMISSION, NaturalKeys
from .progress import Progress, progress_bar
from .references import generic_pairs
from .selection import select_models
from .sequences import read_next_ids
from .snapshot import consistent_snapshot
from .tablecheck import describe_missing, missing_columns
from .tableread import count_rows, key_fields, part_starts
from .tablewrite import Table, changed_while_read, table_columns
from .text import plural, shown_path
from .versions import installed_versions

__all__ = ["DEFAULT_MAX_ROW_COUNT", "DumpSummary", "Dumper"]

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
            f"Dumped {plural(self.models, 'model')}, {plural(self.rows, 'row')} into {plural(self.files, 'file')} "
            f"({plural(self.bytes, 'byte')}) in {self.seconds:.1f} s: {shown_path(self.target)}"
        )


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
        self._directory: AtomicDirectory | None = None
        # A model whose table this database cannot have (Meta.required_db_features or
        # required_db_vendor, e.g. virtual generated columns on PostgreSQL): migrate creates no table.
        self.models = [model for model in self.models if model._meta.can_migrate(self.connection)]

    @property
    def complete(self) -> bool:
        """True once the dump is in place at the target (also when something failed after that)."""
        return self._directory is not None and self._directory.moved

    def write(self) -> DumpSummary:
        """Write the dump; on any failure nothing is left at the target but a previous dump."""
        try:
            return self._write()
        except OSError as exc:
            raise DumpError(f"Cannot write the dump into {shown_path(self.target)}: {exc.strerror or exc}. Nothing was written.") from None
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
        self._directory = AtomicDirectory(self.target, self.overwrite)
        with self._directory as directory:
            with consistent_snapshot(self.connection):
                counts = self._count_rows(summary)
                next_ids = read_next_ids(self.connection, [m for m in self.models if m._meta.label not in summary.missing])
                natural_keys = NaturalKeys(self.connection)
                bar = progress_bar(sum(counts.values()), "dump2py", self.stderr, self.verbosity)
                tables = [self._table(model, counts[model._meta.label]) for model in self.models if model._meta.label not in summary.missing]
                with bar:
                    if self._parallel():
                        files = self._dump_in_workers(directory, tables, bar)
                    else:
                        files = {}
                        for table in tables:
                            bar.model(table.label)
                            files.update((info.name, info) for info in table.write(directory, natural_keys, bar.update))
                described = {table.label: table.describe() for table in tables}
                applied = self._applied_migrations()
            manifest = Manifest(
                directory=directory,
                created=created,
                stamps=self._stamps(summary.missing, natural_keys),
                apps={
                    label: AppInfo(None if version is None else str(version), applied.get(label, []))
                    for label, version in versions.items()
                },
                models=described,
                files=files,
                selected=[model._meta.label for model in self.models],
                missing=dict(summary.missing),
                next_ids=next_ids,
            )
            write_script(directory, manifest)
            summary.models = len(described)
            summary.rows = sum(info.rows for info in described.values())
            summary.files = len(files) + 1
            summary.bytes = sum(path.stat().st_size for path in directory.iterdir())
        summary.seconds = time.monotonic() - started
        return summary

    def _parallel(self) -> bool:
        if self.jobs <= 1:
            return False
        from . import parallel  # multiprocessing: only for --jobs

        if not parallel.can_share_snapshot(self.connection):
            if self.verbosity >= 1:
                self.stderr.write(
                    f"Notice: --jobs {self.jobs} needs PostgreSQL, whose workers can share one snapshot; "
                    f"on {self.connection.vendor} the dump is written by one process.\n"
                )
            return False
        return True

    def _table(self, model: type[models.Model], count: int) -> Table:
        return Table(model, self.connection, count, self.max_row_count)

    def _dump_in_workers(self, directory: Path, tables: list[Table], bar: Progress) -> dict[str, FileInfo]:
        """Share the snapshot with ``jobs`` workers; a table of several files is split by part."""
        from . import parallel

        snapshot = parallel.export_snapshot(self.connection)
        tasks = []
        for table in tables:
            task = parallel.Task(self.connection.alias, snapshot, str(directory), table.label, table.count, self.max_row_count)
            if len(table.names) == 1 or table.label in NATURAL_KEY_MODELS:
                tasks.append(task)
                continue
            starts = part_starts(self.connection, table.model, self.max_row_count)
            if len(starts) != len(table.names):
                raise changed_while_read(table.label, table.count)
            tasks += [dataclasses.replace(task, part=part, first_pk=pk) for part, pk in enumerate(starts, start=1)]
        def done(task: parallel.Task, rows: int) -> None:
            bar.model(task.label)  # the table a worker just finished (a part of it, for a big one)
            bar.update(rows)

        written = parallel.dump_in_workers(tasks, self.jobs, done)
        return {name: written[name] for table in tables for name in table.names}  # in model order, as one process would

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
        return key_fields(model) + [c.field for c in table_columns(model, self.connection)]

    def _applied_migrations(self) -> dict[str, list[str]]:
        recorder = MigrationRecorder(self.connection)
        applied: dict[str, list[str]] = {}
        if recorder.has_table():
            for app_label, name in sorted(recorder.applied_migrations()):
                applied.setdefault(app_label, []).append(name)
        return applied

    def _stamps(self, missing: dict[str, str], natural_keys: NaturalKeys) -> dict[str, Any]:
        stamps = {
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
        }
        names = _permission_names(self.models, natural_keys)
        if names:
            stamps["permission_names"] = names
        if self.derived:
            stamps["derived"] = dict(sorted(self.derived.items()))
        return stamps


def _permission_names(chosen: list[type[models.Model]], natural_keys: NaturalKeys) -> list[list[str]]:
    """``[codename, app_label, model, name]`` of every Permission, when references to them travel without their rows.

    A restore that has to create a Permission then gives it its real name,
    not its codename.
    """
    labels = {model._meta.label for model in chosen}
    if PERMISSION in labels or not natural_keys.names:
        return []
    refers = any(
        codec_for_field(f).name == "permission" or generic_pairs(model)
        for model in chosen for f in model._meta.local_concrete_fields
    )
    return [[*key, name] for key, name in sorted(natural_keys.names.items())] if refers else []

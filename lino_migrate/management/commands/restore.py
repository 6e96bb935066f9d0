"""``manage.py restore TARGET``: restore a dump, all or nothing."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS

from lino_migrate.management.base import LinoMigrateCommand, positive_int
from lino_migrate.management.guard import interrupted, reports_unexpected
from lino_migrate.errors import LinoMigrateError
from lino_migrate.restore import Restore
from lino_migrate.text import plural, shown_path


class Command(LinoMigrateCommand):
    help = """\
Restore the dump in TARGET into the database: migrate, then replace the rows of
all tables in one transaction, all or nothing. The dump's files are read as data,
never executed."""
    epilog = """\
Reads:  TARGET (restore.py's literals and every data file, checked against its
        sha256 before anything changes) and the current code (models, migrators).
Writes: the database --database (default 'default'): migrate first, then every table
        the dump replaces (a partial dump: only its own), in one transaction. A
        summary table goes to stdout; a progress bar to stderr on a terminal.
Asks:   "Type 'yes' to continue" before changing anything, unless --noinput or
        --dry-run (without an answer, e.g. stdin not a terminal, it cancels).
Exit status: 0 restored (or, with --dry-run, rehearsed and rolled back); 1 refused,
        failed (rolled back) or cancelled; 2 a wrong option; 130 interrupted (Ctrl-C)."""

    def add_arguments(self, parser):
        parser.add_argument("target", metavar="TARGET", help="A directory written by dump2py.")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="Do not ask \"Type 'yes' to continue\" before replacing the data.",
        )
        parser.add_argument(
            "--quick", action="store_true",
            help="Check nothing beyond what the database itself refuses (default: check that every value fits its column).",
        )
        parser.add_argument(
            "--validate", action="store_true",
            help="Also check each row with the model's clean_fields() (blank, choices, validators).",
        )
        parser.add_argument(
            "--dry-run", action="store_true",
            help="Do everything, report, then roll back; needs a migrated schema (no pending migrations).",
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="The database alias to restore into (default 'default').",
        )
        parser.add_argument(
            "-e", "--exclude", action="append", default=[], metavar="app_label[.ModelName]",
            help="Leave a dumped app or model out (repeatable).",
        )
        parser.add_argument(
            "--assume-version", action="append", default=[], metavar="APP=VERSION",
            help="The version APP had when the dump was written, for an app the dump records no version of, so "
                 "that its migrators run (repeatable). The report says what was assumed.",
        )
        parser.add_argument(
            "-j", "--jobs", type=positive_int, default=1,
            help="Read, decode and check the rows of most tables in N worker processes, which stage them beside "
                 "the target; the restore stays one transaction (PostgreSQL; elsewhere one process).",
        )
        parser.add_argument(
            "--no-replay", action="store_true",
            help="Never replay Django's migrations: the rows of apps without migrators go as they are into the "
                 "current schema (settings.LINO_MIGRATE_REPLAY turns replay off per app).",
        )

    @reports_unexpected(
        "restore", "The restore was rolled back.", "the database is unchanged.",
    )
    def handle(self, target, interactive, quick, validate, dry_run, database, exclude, verbosity, **options):
        try:
            restore = Restore(
                target, using=database, quick=quick, validate=validate, dry_run=dry_run, exclude=exclude,
                no_replay=options.get("no_replay", False), assume_versions=_assumed_versions(options.get("assume_version") or []),
                jobs=options.get("jobs") or 1, verbosity=verbosity, stdout=self.stdout._out, stderr=self.stderr._out,
            )
            checked = restore.check()
            if interactive and not dry_run:
                self._confirm(restore, checked.plan)
            with _reports_interrupt(restore.connection, options.get("traceback", False)):
                report = restore.run(checked)
        except LinoMigrateError as exc:
            raise CommandError(str(exc)) from None
        if verbosity >= 1:
            self.stdout.write(report.table())

    def _confirm(self, restore: Restore, plan) -> None:
        rows = sum(source.info.rows for source in plan.sources)
        question = (
            f"This replaces the data in {restore.describe_target()} with the {plural(rows, 'row')} "
            f"of the dump in {shown_path(restore.directory)}.\nType 'yes' to continue, or 'no' to cancel: "
        )
        try:
            answer = input(question)
        except EOFError:
            answer = ""
        if answer.strip().lower() != "yes":
            raise CommandError("Restore cancelled; the database is unchanged.")


def _assumed_versions(items: list[str]) -> dict[str, str]:
    """The ``APP=VERSION`` items of --assume-version, by app label."""
    assumed = {}
    for text in items:
        label, sep, version = text.partition("=")
        if not sep or not label or not version:
            raise CommandError(f"--assume-version {text!r}: write it as APP=VERSION, for example polls=1.0.")
        assumed[label] = version
    return assumed


@contextmanager
def _reports_interrupt(connection: Any, traceback: bool) -> Iterator[None]:
    """Ctrl-C during the restore: one line that says what it left, the migrations included."""
    before = _applied(connection)
    try:
        yield
    except KeyboardInterrupt:
        if traceback:
            raise
        raise interrupted("restore", _left(connection, before)) from None


def _applied(connection: Any) -> set[tuple[str, str]] | None:
    """The applied migrations (None: they cannot be read)."""
    from django.db.migrations.recorder import MigrationRecorder

    try:
        recorder = MigrationRecorder(connection)
        return set(recorder.applied_migrations()) if recorder.has_table() else set()
    except Exception:  # the connection broke with the interrupt
        return None


def _left(connection: Any, before: set[tuple[str, str]] | None) -> str:
    after = _applied(connection) if before is not None else None
    if after is None:
        return "rolled back: the rows of the database are unchanged."
    new = sorted(after - before)
    if not new:
        return "rolled back: the database is unchanged."
    names = ", ".join(f"{app}.{name}" for app, name in new[:5]) + (", ..." if len(new) > 5 else "")
    return (
        f"rolled back: the rows of the database are unchanged, but migrate had applied "
        f"{plural(len(new), 'migration')} before the restore began ({names}); they stay applied."
    )

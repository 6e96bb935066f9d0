"""``manage.py restore TARGET``: restore a dump, all or nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from lino_migrate.management.guard import reports_unexpected
from lino_migrate.errors import LinoMigrateError
from lino_migrate.restore import Restore


class Command(BaseCommand):
    help = (
        "Restore the dump in TARGET into the database: migrate, then replace the rows "
        "of all tables in one transaction. The dump's files are read as data, never executed."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", metavar="TARGET", help="A directory written by dump2py.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive", help="Never prompt.")
        parser.add_argument(
            "--quick", action="store_true",
            help="Check nothing beyond what the database itself refuses (default: check that every value fits its column).",
        )
        parser.add_argument(
            "--validate", action="store_true",
            help="Also check each row with the model's clean_fields() (blank, choices, validators).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Do everything, report, then roll back.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database alias to restore into.")
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
            "--no-replay", action="store_true",
            help="Never replay Django's migrations: the rows of apps without migrators go as they are into the "
                 "current schema (settings.LINO_MIGRATE_REPLAY turns replay off per app).",
        )

    @reports_unexpected("restore", "The restore transaction was rolled back (on MariaDB, migrate ran before it).")
    def handle(self, target, interactive, quick, validate, dry_run, database, exclude, verbosity, **options):
        try:
            restore = Restore(
                target, using=database, quick=quick, validate=validate, dry_run=dry_run, exclude=exclude,
                no_replay=options.get("no_replay", False), assume_versions=_assumed_versions(options.get("assume_version") or []),
                verbosity=verbosity, stdout=self.stdout._out, stderr=self.stderr._out,
            )
            checked = restore.check()
            if interactive and not dry_run:
                self._confirm(restore, checked.plan)
            report = restore.run(checked)
        except LinoMigrateError as exc:
            raise CommandError(str(exc)) from None
        if verbosity >= 1:
            self.stdout.write(report.table())

    def _confirm(self, restore: Restore, plan) -> None:
        rows = sum(source.info.rows for source in plan.sources)
        question = (
            f"This replaces the data in {restore.describe_target()} with the {rows:,} rows "
            f"of the dump in {restore.directory}.\nType 'yes' to continue, or 'no' to cancel: "
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

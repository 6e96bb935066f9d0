"""``manage.py dump2py TARGET``: write a Python dump of the database."""

from __future__ import annotations

import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS

from lino_migrate.dump import DEFAULT_MAX_ROW_COUNT, Dumper
from lino_migrate.management.base import LinoMigrateCommand, positive_int
from lino_migrate.management.guard import interrupted, reports_unexpected
from lino_migrate.errors import LinoMigrateError
from lino_migrate.atomicdir import looks_like_dump
from lino_migrate.text import shown_path


class Command(LinoMigrateCommand):
    help = """\
Write a Python dump of the database into the directory TARGET: restore.py (the
manifest, and a script) plus one data file per model. Restore it, with the code of
today or an upgraded one, with `manage.py run TARGET/restore.py` or `manage.py restore TARGET`.

Before the first dump, give each of your apps a version (`version = "1.0"` on its
AppConfig, or settings.LINO_MIGRATE_VERSIONS): the dump records it, and the
migrators of later releases start from it."""
    epilog = """\
Reads:  the database --database (default 'default'), in one snapshot transaction,
        every model of every installed app unless app labels or --exclude choose.
Writes: TARGET, built in a hidden directory beside it (.TARGET.partial-*) and moved
        into place only when complete; TARGET must not exist (see --overwrite).
        The summary line goes to stdout; a progress bar to stderr on a terminal.
Exit status: 0 the dump was written; 1 an error, nothing written (or, with
        --tolerate, the dump was written without the tables it names); 2 a wrong
        option; 130 interrupted (Ctrl-C), 143 stopped by SIGTERM: nothing written."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Allow app labels after options too: `dump2py TARGET --noinput app`.
        parser.parse_args = parser.parse_intermixed_args
        return parser

    def add_arguments(self, parser):
        parser.add_argument("target", metavar="TARGET", help="The directory to write (must not exist, see --overwrite).")
        parser.add_argument(
            "app_labels", metavar="app_label[.ModelName]", nargs="*",
            help="Dump only these apps or models (default: all).",
        )
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="Never prompt (without it, an existing dump at TARGET is replaced only if you answer yes on a terminal).",
        )
        parser.add_argument(
            "--overwrite", action="store_true",
            help="Replace TARGET if it is an existing dump (never another directory); the old one stays until the new one is complete.",
        )
        parser.add_argument(
            "--tolerate", action="store_true",
            help="Skip tables that cannot be read (recorded as missing in the dump); exit non-zero naming them.",
        )
        parser.add_argument(
            "-m", "--max-row-count", type=positive_int, default=DEFAULT_MAX_ROW_COUNT,
            help=f"Rows per data file (default {DEFAULT_MAX_ROW_COUNT}).",
        )
        parser.add_argument(
            "-j", "--jobs", type=positive_int, default=1,
            help=(
                "Dump in N worker processes sharing one snapshot, a big table split by file "
                "(PostgreSQL; elsewhere one process)."
            ),
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database alias to dump (default 'default').")
        parser.add_argument(
            "-e", "--exclude", action="append", default=[], metavar="app_label[.ModelName]",
            help="Leave out an app or model (repeatable).",
        )

    @reports_unexpected("dump2py", "Nothing was written at TARGET.", "no dump was written.")
    def handle(self, target, app_labels, interactive, overwrite, tolerate, max_row_count, jobs, database, exclude, verbosity, **options):
        overwrite = overwrite or self._may_overwrite(target, interactive)
        dumper = None
        try:
            with _sigterm_raises():
                dumper = Dumper(
                    target, using=database, max_row_count=max_row_count, include=app_labels, exclude=exclude,
                    tolerate=tolerate, overwrite=overwrite, jobs=jobs, verbosity=verbosity, stderr=self.stderr._out,
                )
                summary = dumper.write()
        except LinoMigrateError as exc:
            raise CommandError(str(exc)) from None
        except Terminated:
            raise CommandError("dump2py was stopped by SIGTERM; nothing was written.", returncode=128 + signal.SIGTERM) from None
        except KeyboardInterrupt:
            if options.get("traceback"):
                raise
            if dumper is not None and dumper.complete:
                raise interrupted("dump2py", f"the dump was complete: it is at {shown_path(target)}.") from None
            kept = " (the dump already there is unchanged)" if overwrite and Path(target).exists() else ""
            raise interrupted("dump2py", f"no dump was written{kept}.") from None
        if verbosity >= 1:
            self.stdout.write(summary.describe())
            notice = _unversioned_notice(target)
            if notice:
                self.stderr.write(notice)
        if summary.missing:
            raise CommandError(
                "These tables could not be read and are missing from the dump: "
                + ", ".join(sorted(summary.missing))
            )

    def _may_overwrite(self, target: str, interactive: bool) -> bool:
        path = Path(target)
        if not path.exists() or not interactive or not sys.stdin.isatty() or not looks_like_dump(path):
            return False
        answer = input(f"{shown_path(path)} holds a dump. Replace it? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            raise CommandError("Dump cancelled; nothing was written.")
        return True


def _unversioned_notice(target: str) -> str | None:
    """The dumped apps with models and no version, and what that means for a later upgrade."""
    from lino_migrate.manifest import read_manifest
    from lino_migrate.versions import unversioned_notice

    manifest = read_manifest(target)
    with_models = {info.app_label for info in manifest.models.values()}
    return unversioned_notice({
        label: bool(app.migrations) for label, app in manifest.apps.items() if label in with_models and app.version is None
    })


class Terminated(BaseException):
    """Raised in the main thread by SIGTERM, so that the dump cleans up (like KeyboardInterrupt for Ctrl-C)."""


def _raise_terminated(signum, frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut the cleanup short
    raise Terminated


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises ``Terminated``: the hidden directory is removed, workers stopped.

    Without it, SIGTERM ends the process at once and leaves ``.TARGET.partial-*``
    behind. Only the main thread can set a handler; elsewhere (call_command()
    in a thread) the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)

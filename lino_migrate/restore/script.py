"""The entry point of a dump's ``restore.py``: ``manage.py run TARGET/restore.py [options]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["run_script"]


def run_script(path: str) -> None:
    """Restore the dump whose ``restore.py`` is ``path``, with the options of the command line."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    parser = argparse.ArgumentParser(prog=f"manage.py run {path}", description="Restore this lino-migrate dump.")
    parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive", help="Never prompt.")
    parser.add_argument("--quick", action="store_true", help="Check nothing beyond what the database refuses.")
    parser.add_argument("--validate", action="store_true", help="Check each row with the model's clean_fields() too.")
    parser.add_argument("--dry-run", action="store_true", help="Do everything, then roll back.")
    parser.add_argument("--database", default="default", help="The database alias to restore into.")
    parser.add_argument("-e", "--exclude", action="append", default=[], help="Leave out app_label[.ModelName].")
    parser.add_argument("--no-replay", action="store_true", help="Never replay Django's migrations.")
    parser.add_argument("--assume-version", action="append", default=[], metavar="APP=VERSION",
                        help="The version APP had when the dump was written (for an app it records no version of).")
    parser.add_argument("-v", "--verbosity", type=int, default=1, choices=[0, 1, 2, 3])
    parser.add_argument("--traceback", action="store_true")
    options = parser.parse_args(sys.argv[1:])
    try:
        call_command(
            "restore", str(Path(path).resolve().parent), interactive=options.interactive, quick=options.quick,
            validate=options.validate, dry_run=options.dry_run, database=options.database, exclude=options.exclude,
            no_replay=options.no_replay, assume_version=options.assume_version, verbosity=options.verbosity, traceback=options.traceback,
        )
    except CommandError as exc:
        if options.traceback:
            raise
        sys.stderr.write(f"CommandError: {exc}\n")
        sys.exit(1)

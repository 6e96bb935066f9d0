"""The entry point of a dump's ``restore.py``: ``manage.py run TARGET/restore.py [options]``.

``restore.py`` has a shebang, so ``python TARGET/restore.py`` is what a user
tries first; without Django set up (or without ``lino_migrate`` installed)
there is no ``restore`` command to call, and the user is told how to run it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..management.base import positive_int
from ..text import shown_path

__all__ = ["USAGE_ERROR", "how_to_run", "run_script", "script_parser"]

#: The exit status of a restore.py run the wrong way (as argparse exits on a wrong option).
USAGE_ERROR = 2


def how_to_run(path: str) -> str:
    """How to run the ``restore.py`` at ``path``: from the project, through manage.py (absolute paths,
    since the user first changes into the project's directory)."""
    script = os.path.normpath(os.path.abspath(path))
    return (
        f"From the directory of your project's manage.py, run\n"
        f"    python manage.py run {script} [--noinput] [--dry-run] ...\n"
        f"(or: python manage.py restore {os.path.dirname(script)}), with \"lino_migrate\" in INSTALLED_APPS."
    )


def script_parser(path: str) -> argparse.ArgumentParser:
    """The options of a dump's ``restore.py`` at ``path``: those of ``manage.py restore``."""
    parser = argparse.ArgumentParser(
        prog=f"manage.py run {shown_path(path)}",
        description=f"Restore this lino-migrate dump (as `manage.py restore {shown_path(Path(path).parent)}` does).",
    )
    parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive", help="Never prompt.")
    parser.add_argument("--quick", action="store_true", help="Check nothing beyond what the database refuses.")
    parser.add_argument("--validate", action="store_true", help="Check each row with the model's clean_fields() too.")
    parser.add_argument("--dry-run", action="store_true", help="Do everything, then roll back.")
    parser.add_argument("--database", default="default", help="The database alias to restore into (default 'default').")
    parser.add_argument(
        "-e", "--exclude", action="append", default=[], metavar="app_label[.ModelName]",
        help="Leave out an app or model (repeatable).",
    )
    parser.add_argument("--no-replay", action="store_true", help="Never replay Django's migrations.")
    parser.add_argument("-j", "--jobs", type=positive_int, default=1, help="Read and check rows in N processes (PostgreSQL).")
    parser.add_argument("--assume-version", action="append", default=[], metavar="APP=VERSION",
                        help="The version APP had when the dump was written (for an app it records no version of).")
    parser.add_argument(
        "-v", "--verbosity", type=int, default=1, choices=[0, 1, 2, 3],
        help="0 silent but for errors, 1 the summary (default), 2 and 3 more.",
    )
    parser.add_argument("--traceback", action="store_true", help="Raise an error with its traceback.")
    return parser


def run_script(path: str) -> None:
    """Restore the dump whose ``restore.py`` is ``path``, with the options of the command line."""
    script = shown_path(path)
    parser = script_parser(path)
    options = parser.parse_args(sys.argv[1:])
    problem = _not_set_up(script)
    if problem:
        sys.stderr.write(f"{problem}\n{how_to_run(path)}\n")
        sys.exit(USAGE_ERROR)

    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command(
            "restore", str(Path(path).resolve().parent), interactive=options.interactive, quick=options.quick,
            validate=options.validate, dry_run=options.dry_run, database=options.database, exclude=options.exclude,
            no_replay=options.no_replay, assume_version=options.assume_version, jobs=options.jobs, verbosity=options.verbosity, traceback=options.traceback,
        )
    except CommandError as exc:
        if options.traceback:
            raise
        sys.stderr.write(f"CommandError: {exc}\n")
        sys.exit(exc.returncode)


def _not_set_up(script: str) -> str | None:
    """Why the ``restore`` command cannot be called here, or None."""
    try:
        from django.apps import apps
    except ImportError:
        return f"{script} needs Django, which this Python does not have."
    if not apps.ready:
        return f"{script} is not a program of its own: it restores its dump from inside your Django project."
    if not apps.is_installed("lino_migrate"):
        return f"{script} needs the restore command of lino-migrate, and \"lino_migrate\" is not in INSTALLED_APPS."
    return None

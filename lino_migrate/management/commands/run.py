"""``manage.py run SCRIPT [ARGS...]``: run a Python script with Django set up."""

from __future__ import annotations

import argparse
import runpy
import sys
from pathlib import Path

from django.core.management.base import CommandError

from lino_migrate.management.base import LinoMigrateCommand
from lino_migrate.management.guard import interrupted
from lino_migrate.text import shown_path


class Command(LinoMigrateCommand):
    help = """\
Execute the Python file SCRIPT, as `python SCRIPT ARGS` would, but with Django set up
(settings, apps, database): the file runs as __main__ with sys.argv = [SCRIPT, *ARGS].
It runs with all the rights of this process: run only files you trust. A dump's
restore.py calls lino_migrate.restore.run_script(), which does what `restore TARGET`
does; `restore TARGET` and `showdump TARGET` read a dump without executing any of it."""
    epilog = """\
Reads and writes: whatever SCRIPT does.
Exit status: SCRIPT's (0 when it ends normally, its sys.exit() status otherwise); 1
        when SCRIPT is not a file; 130 interrupted (Ctrl-C)."""

    def add_arguments(self, parser):
        parser.add_argument("script", metavar="SCRIPT", help="The Python file to execute.")
        parser.add_argument(
            "script_args", nargs=argparse.REMAINDER, metavar="ARGS",
            help="Arguments for SCRIPT: its sys.argv after SCRIPT (e.g. --noinput for a dump's restore.py).",
        )

    def handle(self, script, script_args, **options):
        path = Path(script)
        if not path.is_file():
            raise CommandError(f"{shown_path(script)}: no such file")
        sys.argv = [script, *script_args]
        sys.path.insert(0, str(path.resolve().parent))
        try:
            runpy.run_path(str(path), run_name="__main__")
        except KeyboardInterrupt:
            if options.get("traceback"):
                raise
            raise interrupted("run", f"{shown_path(script)} did not finish.") from None
        finally:
            sys.path.pop(0)

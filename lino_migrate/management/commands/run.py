"""``manage.py run SCRIPT [ARGS...]``: run a Python script with Django set up."""

from __future__ import annotations

import argparse
import runpy
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run a Python script as __main__ with Django set up; sys.argv is [SCRIPT, *ARGS]."

    def add_arguments(self, parser):
        parser.add_argument("script", metavar="SCRIPT", help="The Python file to run.")
        parser.add_argument("script_args", nargs=argparse.REMAINDER, metavar="ARGS", help="Arguments for the script.")

    def handle(self, script, script_args, **options):
        path = Path(script)
        if not path.is_file():
            raise CommandError(f"{script}: no such file")
        sys.argv = [script, *script_args]
        sys.path.insert(0, str(path.resolve().parent))
        try:
            runpy.run_path(str(path), run_name="__main__")
        finally:
            sys.path.pop(0)

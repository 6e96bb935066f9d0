"""What every lino-migrate command shares: its version, and help that keeps its paragraphs.

Django's ``--version`` prints Django's version, and its help formatter joins
the lines of a command's help into one paragraph. A user who asks a
lino-migrate command ``--version`` wants lino-migrate's, and its ``--help``
says in separate paragraphs what the command reads and writes, its defaults
and its exit statuses (the ``epilog``, after the options).
"""

from __future__ import annotations

import argparse
from typing import Any

import django
from django.core.management.base import BaseCommand, CommandParser, DjangoHelpFormatter

from lino_migrate import __version__

__all__ = ["HelpFormatter", "LinoMigrateCommand", "positive_int", "version"]


def version() -> str:
    """``lino-migrate 0.1.0 (Django 5.2.19)``: what ``--version`` prints."""
    return f"lino-migrate {__version__} (Django {django.get_version()})"


class HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Django's order of options (its own last), with the description and epilog as written."""


class LinoMigrateCommand(BaseCommand):
    """A lino-migrate management command: ``help`` and ``epilog`` are shown line for line."""

    #: Shown after the options: what the command reads and writes, defaults, exit statuses.
    epilog: str = ""

    def get_version(self) -> str:
        return version()

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = HelpFormatter
        parser.epilog = self.epilog.strip("\n") or None
        return parser


def positive_int(text: str) -> int:
    """argparse's type of a count of at least 1 (--jobs, --max-row-count)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value

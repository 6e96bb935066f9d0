"""Errors that lino-migrate reports to its users.

Each one carries a message meant to be read by a person: it names the file,
line, model, field or version at fault, and says what to do where it can.
The management commands turn them into a ``CommandError`` (no traceback).
"""


class LinoMigrateError(Exception):
    """Base class of the errors lino-migrate reports."""


class DumpError(LinoMigrateError):
    """Writing a dump failed; no complete-looking dump was left behind."""


class DamagedDumpError(LinoMigrateError):
    """A dump cannot be trusted: a file is missing, changed, truncated or malformed."""


class SchemaMismatchError(LinoMigrateError):
    """The dump holds models or fields that the current code cannot take."""


class RestoreError(LinoMigrateError):
    """Restoring failed; the transaction was rolled back."""

"""Errors that lino-migrate reports to its users.

Each one carries a message meant to be read by a person: it names the file,
line, model, field or version at fault, and says what to do where it can.
The management commands turn them into a ``CommandError`` (no traceback).
"""

__all__ = [
    "DamagedDumpError",
    "DumpError",
    "InvalidAppVersion",
    "LinoMigrateError",
    "MigratorError",
    "MigratorFailed",
    "RestoreError",
    "SchemaMismatchError",
    "unexpected",
]


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


class InvalidAppVersion(LinoMigrateError):
    """An app's version (from the settings, its AppConfig or its package) is not a PEP 440 version."""


class MigratorError(LinoMigrateError):
    """A migrator module is broken, or a chain cannot be built."""


class MigratorFailed(RestoreError):
    """A migrator's operation raised an exception, or returned something that is not a row."""


def unexpected(exc: BaseException, command: str, state: str) -> str:
    """The message for an exception that lino-migrate did not foresee (a bug here or in code it calls)."""
    return (
        f"{command} stopped on an unexpected {type(exc).__name__}: {exc}. {state} "
        f"Run the command again with --traceback to see where it happened, and please report it."
    )

"""Migrators: bring the rows of an old dump into the schema of new code.

One module per release of an app, in the app's package ``migrators``::

    from lino_migrate import migrators

    class Migrator(migrators.Migrator):
        version = "2.0"
        operations = [
            migrators.RenameModel("Writer", "Author"),
            migrators.RenameField("Book", "name", "title"),
        ]

The hooks ``before_load(context)`` and ``after_load(context)`` get a
:class:`LoadContext`. This package never imports the restore engine.
"""

from lino_migrate.errors import MigratorError, MigratorFailed

from .base import Migrator
from .bound import BoundOperation
from .context import LoadContext
from .operations import AddField, Operation, RemoveField, RemoveModel, RenameField, RenameModel, RunPython
from .row import Row
from .state import SchemaState, StateChange

__all__ = [
    "AddField",
    "BoundOperation",
    "LoadContext",
    "Migrator",
    "MigratorError",
    "MigratorFailed",
    "Operation",
    "RemoveField",
    "RemoveModel",
    "RenameField",
    "RenameModel",
    "Row",
    "RunPython",
    "SchemaState",
    "StateChange",
]

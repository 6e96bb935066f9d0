"""Migrators: bring the rows of an old dump into the schema of new code.

One module per release of an app, in the app's package ``migrators``::

    from lino_migrate import migrators

    class Migrator(migrators.Migrator):
        version = "2.0"
        operations = [
            migrators.RenameModel("Writer", "Author"),
            migrators.RenameField("Book", "name", "title"),
        ]
"""

from .base import Migrator
from .operations import AddField, Operation, RemoveField, RemoveModel, RenameField, RenameModel, RunPython
from .row import Row

__all__ = [
    "AddField",
    "Migrator",
    "Operation",
    "RemoveField",
    "RemoveModel",
    "RenameField",
    "RenameModel",
    "Row",
    "RunPython",
]

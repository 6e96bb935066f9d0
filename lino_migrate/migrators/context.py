"""What a migrator's hooks are given: a small, documented view of the restore.

The hooks ``before_load(context)`` and ``after_load(context)`` run inside the
restore's transaction. They get this object, not the restore engine, so that
the engine can change without breaking migrators.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.db.backends.base.base import BaseDatabaseWrapper

if TYPE_CHECKING:
    from lino_migrate.manifest import Manifest

__all__ = ["LoadContext"]


@dataclass(frozen=True)
class LoadContext:
    """What a migrator's hooks get: where the restore writes, and what it restores."""

    #: The alias of the database the restore writes to (``Book.objects.using(context.using)``).
    using: str
    #: The connection of that database, inside the restore's transaction.
    connection: BaseDatabaseWrapper
    #: The dump's directory.
    directory: Path
    #: True for ``restore --dry-run``: everything is rolled back at the end.
    dry_run: bool
    #: The dump's manifest (``lino_migrate.manifest.Manifest``): its apps, versions and models.
    manifest: Manifest

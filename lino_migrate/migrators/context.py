"""What a migrator's hooks get: a small, documented view of the restore under way."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lino_migrate.manifest import Manifest

__all__ = ["LoadContext"]


@dataclass(frozen=True)
class LoadContext:
    """What a migrator's hooks get: where the restore writes, and what it restores."""

    #: the database alias
    using: str
    #: the connection of that alias (inside the restore's transaction)
    connection: Any
    #: the dump's directory
    directory: Path
    dry_run: bool
    #: the dump's manifest (``lino_migrate.manifest.Manifest``)
    manifest: Manifest

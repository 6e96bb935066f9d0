"""The Migrator: one release of one app, as a list of operations."""

from __future__ import annotations

from typing import ClassVar

from packaging.version import InvalidVersion, Version

from .bound import BoundOperation
from .context import LoadContext
from .operations import Operation

__all__ = ["Migrator"]


class Migrator:
    """Brings the rows of a dump of this app across one release.

    A migrator with ``version = "2.0"`` runs for dumps of its app older than
    2.0, when the installed code is 2.0 or newer. Subclass it in a module of
    the app's ``migrators`` package (e.g. ``library/migrators/v2_0.py``) and
    name the class ``Migrator``.

    The class lists its operations; an instance (made by the loader for one
    app) holds them as :class:`BoundOperation` objects, bound to its app and
    naming it in messages. The operations themselves are shared and immutable.
    """

    version: ClassVar[str] = ""
    operations: ClassVar[list[Operation]] = []

    def __init__(self, app_label: str, module: str = "") -> None:
        self.app_label = app_label
        self.module = module
        try:
            self.parsed_version = Version(str(self.version))
        except InvalidVersion:
            raise ValueError(f"{module or type(self).__name__}: version {self.version!r} is not a PEP 440 version") from None
        # The instance attribute shadows the class's list of plain operations.
        self.operations: tuple[BoundOperation, ...] = tuple(  # type: ignore[misc]
            BoundOperation(operation, app_label, self) for operation in type(self).operations
        )

    def before_load(self, context: LoadContext) -> None:
        """Called inside the restore's transaction, before any row is inserted."""

    def after_load(self, context: LoadContext) -> None:
        """Called inside the restore's transaction, after every row is inserted."""

    def describe(self) -> str:
        lines = [f"{self}:"]
        lines += [f"  - {operation.describe()}" for operation in self.operations]
        return "\n".join(lines)

    def __str__(self) -> str:
        return f"migrator {self.app_label} {self.version}" + (f" ({self.module})" if self.module else "")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.app_label} {self.version}>"

"""Route rows through the operations of the migrator chains."""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Iterable, Mapping

from lino_migrate.errors import RestoreError

from .operations import Operation
from .row import Row


class MigratorFailed(RestoreError):
    """A migrator's operation raised an exception, or returned something that is not a row."""


class Pipeline:
    """Applies operations, in order, to the rows of the models they name."""

    def __init__(self, operations: list[Operation]):
        self.operations = operations
        self._positions: dict[str, list[int]] = {}
        for index, operation in enumerate(operations):
            self._positions.setdefault(operation.model.lower(), []).append(index)

    def model_renames(self) -> dict[tuple[str, str], tuple[str, str]]:
        """``(app_label, model_name)`` before and after the RenameModel operations (lower case)."""
        from .operations import RenameModel

        renames: dict[tuple[str, str], tuple[str, str]] = {}
        for operation in self.operations:
            if isinstance(operation, RenameModel):
                old = tuple(operation.model.lower().split(".", 1))
                new = tuple(operation.new_model.lower().split(".", 1))
                for key, value in renames.items():
                    if value == old:
                        renames[key] = new
                renames[old] = new
        return renames

    def touches(self, label: str) -> bool:
        """True when some operation changes rows of this (dumped) model."""
        return label.lower() in self._positions

    def run(self, row: Row) -> list[Row]:
        """The rows that ``row`` becomes: none, itself (changed) or several."""
        done: list[Row] = []
        pending = deque([(row, 0)])
        while pending:
            current, start = pending.popleft()
            positions = self._positions.get(current.model.lower())
            index = None
            if positions:
                at = bisect.bisect_left(positions, start)
                if at < len(positions):
                    index = positions[at]
            if index is None:
                done.append(current)
                continue
            operation = self.operations[index]
            try:
                result = operation.apply(current)
            except Exception as exc:
                raise MigratorFailed(
                    f"{getattr(operation, 'migrator', '?')}: {operation.describe()} failed on "
                    f"{current.model} pk={current.pk!r} ({current.origin}): {type(exc).__name__}: {exc}. "
                    f"Nothing was restored."
                ) from exc
            for produced in _rows(result, operation, current):
                if not produced.origin:
                    produced.origin = current.origin
                produced.via = operation
                pending.append((produced, index + 1))
        return done


def _rows(result, operation: Operation, source: Row) -> list[Row]:
    if result is None:
        return []
    if isinstance(result, Row):
        return [result]
    if isinstance(result, Mapping):
        raise MigratorFailed(
            f"{getattr(operation, 'migrator', '?')}: {operation.describe()} returned a {type(result).__name__} "
            f"for {source.model} pk={source.pk!r}; return the row, None or rows made with migrators.Row(model, values)."
        )
    if isinstance(result, Iterable) and not isinstance(result, (str, bytes)):
        rows = list(result)
        for item in rows:
            if not isinstance(item, Row):
                raise MigratorFailed(
                    f"{getattr(operation, 'migrator', '?')}: {operation.describe()} returned {item!r:.80} "
                    f"among its rows for {source.model} pk={source.pk!r}; make rows with migrators.Row(model, values)."
                )
        return rows
    raise MigratorFailed(
        f"{getattr(operation, 'migrator', '?')}: {operation.describe()} returned {result!r:.80} for "
        f"{source.model} pk={source.pk!r}; return the row, None or an iterable of rows."
    )

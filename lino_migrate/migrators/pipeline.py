"""Route rows through the operations of the migrator chains."""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Iterable, Mapping, Sequence

from lino_migrate.errors import MigratorFailed

from .bound import BoundOperation
from .operations import RenameModel, RowResult, qualify
from .row import Row
from .state import SchemaState, StateChange

__all__ = ["MigratorFailed", "Pipeline", "Step"]


class Step:
    """One operation of the pipeline, with what its ``state_forwards`` resolved for the rows.

    The state must be moved forwards (``Pipeline.state_forwards``, or each
    step's) before rows run: only the state knows which key a field's value
    has in a row.
    """

    def __init__(self, bound: BoundOperation) -> None:
        self.bound = bound
        self.change: StateChange | None = None

    @property
    def model(self) -> str:
        return self.bound.model

    def state_forwards(self, state: SchemaState) -> StateChange:
        self.change = self.bound.state_forwards(state)
        return self.change

    def apply(self, row: Row) -> RowResult:
        if self.change is None:
            raise RuntimeError(f"{self.bound}: the schema state was not moved forwards before rows ran")
        return self.bound.operation.apply(row, self.change)

    def describe(self) -> str:
        return self.bound.describe()

    def __str__(self) -> str:
        return str(self.bound)

    def __repr__(self) -> str:
        return f"<Step {self.bound}>"


class Pipeline:
    """Applies operations, in order, to the rows of the models they name."""

    def __init__(self, operations: Sequence[BoundOperation]) -> None:
        self.operations = [Step(bound) for bound in operations]
        self._positions: dict[str, list[int]] = {}
        for index, step in enumerate(self.operations):
            self._positions.setdefault(step.model.lower(), []).append(index)

    def state_forwards(self, state: SchemaState) -> None:
        """Move ``state`` forwards through every operation, in order."""
        for step in self.operations:
            step.state_forwards(state)

    def model_renames(self) -> dict[tuple[str, str], tuple[str, str]]:
        """``(app_label, model_name)`` before and after the RenameModel operations (lower case)."""
        renames: dict[tuple[str, str], tuple[str, str]] = {}
        for step in self.operations:
            operation = step.bound.operation
            if isinstance(operation, RenameModel):
                old = _split(step.model)
                new = _split(qualify(operation.new_name, step.bound.app_label))
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
            step = self.operations[index]
            if step.change is None:  # a mistake of the caller, not of the migrator
                raise RuntimeError(f"{step}: the schema state was not moved forwards before rows ran")
            try:
                result = step.apply(current)
            except Exception as exc:
                raise MigratorFailed(
                    f"{step} failed on {current.model} pk={current.pk!r} ({current.origin}): "
                    f"{type(exc).__name__}: {exc}. Nothing was restored."
                ) from exc
            for produced in _rows(result, step, current):
                if not produced.origin:
                    produced.origin = current.origin
                produced.via = step.bound
                pending.append((produced, index + 1))
        return done


def _split(label: str) -> tuple[str, str]:
    app_label, _, model_name = label.lower().partition(".")
    return app_label, model_name


def _rows(result: object, step: Step, source: Row) -> list[Row]:
    if result is None:
        return []
    if isinstance(result, Row):
        return [result]
    if isinstance(result, Mapping):
        raise MigratorFailed(
            f"{step} returned a {type(result).__name__} for {source.model} pk={source.pk!r}; "
            f"return the row, None or rows made with migrators.Row(model, values)."
        )
    if isinstance(result, Iterable) and not isinstance(result, (str, bytes)):
        rows = list(result)
        for item in rows:
            if not isinstance(item, Row):
                raise MigratorFailed(
                    f"{step} returned {item!r:.80} among its rows for {source.model} pk={source.pk!r}; "
                    f"make rows with migrators.Row(model, values)."
                )
        return rows
    raise MigratorFailed(
        f"{step} returned {result!r:.80} for {source.model} pk={source.pk!r}; "
        f"return the row, None or an iterable of rows."
    )

"""An operation as one migrator holds it: with the app its names are relative to.

Operations are immutable and know nothing of the migrator they are listed in;
what the state check and the pipeline need per migrator (the app label, and
the migrator that names the operation in messages) is kept here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .operations import Operation, qualify
from .state import SchemaState, StateChange

__all__ = ["BoundOperation"]


@dataclass(frozen=True)
class BoundOperation:
    """``operation`` of a migrator of app ``app_label``."""

    operation: Operation
    app_label: str
    #: Whose operation it is, for messages (``str(migrator)``: "migrator library 2.0 (...)").
    migrator: object = None

    @property
    def model(self) -> str:
        """The label of the dumped model whose rows the operation changes (``"library.Book"``)."""
        return qualify(self.operation.model_name, self.app_label)

    def state_forwards(self, state: SchemaState) -> StateChange:
        """Move ``state`` forwards; what the operation could not do goes to ``state.problems``, named."""
        change = self.operation.state_forwards(self.app_label, state)
        state.problems.extend(f"{self}: {problem}" for problem in change.problems)
        return change

    def describe(self) -> str:
        return self.operation.describe()

    def __str__(self) -> str:
        return f"{self.migrator if self.migrator is not None else '?'}: {self.describe()}"

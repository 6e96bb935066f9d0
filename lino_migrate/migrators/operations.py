"""The operations a migrator is made of.

Like Django's migration operations, each is a small declarative class with a
``describe()``. Each one does two things:

- ``state_forwards`` changes the *schema state* (which models and fields the
  dumped rows have), so that a plan can be checked before any row is read;
- ``apply`` changes one row of its model, on its way to the database.

Model names are relative to the migrator's app (``"Book"``), or absolute
(``"other_app.Model"``).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from .row import Row
from .state import SchemaState

RowResult = Row | None | Iterable[Row]


class Operation:
    """Base class: one change to the dumped rows of one model."""

    #: The model (as written by the user) whose rows this operation changes.
    model_name: str = ""

    def bind(self, app_label: str) -> None:
        """Resolve model names relative to the migrator's app."""
        self.model = qualify(self.model_name, app_label)

    def state_forwards(self, state: SchemaState) -> None:
        raise NotImplementedError

    def apply(self, row: Row) -> RowResult:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.describe()}>"


def qualify(name: str, app_label: str) -> str:
    """``"Book"`` in app ``library`` is ``"library.Book"``; a dotted name is kept."""
    return name if "." in name else f"{app_label}.{name}"


class RenameModel(Operation):
    """The rows of model ``old_name`` now belong to ``new_name``."""

    def __init__(self, old_name: str, new_name: str):
        self.model_name = old_name
        self.new_name = new_name

    def bind(self, app_label: str) -> None:
        super().bind(app_label)
        self.new_model = qualify(self.new_name, app_label)

    def state_forwards(self, state: SchemaState) -> None:
        state.rename_model(self.model, self.new_model, self)

    def apply(self, row: Row) -> RowResult:
        row.model = self.new_model
        return row

    def describe(self) -> str:
        return f"Rename model {self.model_name} to {self.new_name}"


class RemoveModel(Operation):
    """Drop every row of a model that no longer exists."""

    def __init__(self, name: str):
        self.model_name = name

    def state_forwards(self, state: SchemaState) -> None:
        state.remove_model(self.model, self)

    def apply(self, row: Row) -> RowResult:
        return None

    def describe(self) -> str:
        return f"Remove model {self.model_name} (its rows are dropped)"


class RenameField(Operation):
    """Field ``old_name`` of a model is now called ``new_name``."""

    def __init__(self, model_name: str, old_name: str, new_name: str):
        self.model_name = model_name
        self.old_name = old_name
        self.new_name = new_name
        self.old_key = old_name
        self.new_key = new_name

    def state_forwards(self, state: SchemaState) -> None:
        self.old_key, self.new_key = state.rename_field(self.model, self.old_name, self.new_name, self)

    def apply(self, row: Row) -> RowResult:
        if self.old_key in row:
            row[self.new_key] = row.pop(self.old_key)
        return row

    def describe(self) -> str:
        return f"Rename field {self.model_name}.{self.old_name} to {self.new_name}"


class RemoveField(Operation):
    """Drop the values of a field that no longer exists."""

    def __init__(self, model_name: str, name: str):
        self.model_name = model_name
        self.name = name
        self.key = name

    def state_forwards(self, state: SchemaState) -> None:
        self.key = state.remove_field(self.model, self.name, self)

    def apply(self, row: Row) -> RowResult:
        row.pop(self.key, None)
        return row

    def describe(self) -> str:
        return f"Remove field {self.model_name}.{self.name}"


class AddField(Operation):
    """Give every row a value for a new field: ``default`` or ``default(row)``."""

    def __init__(self, model_name: str, name: str, default: Any):
        self.model_name = model_name
        self.name = name
        self.default = default
        self.key = name

    def state_forwards(self, state: SchemaState) -> None:
        self.key = state.add_field(self.model, self.name, self)
        if self.default is Ellipsis:
            state.problem(self, "the default is still the placeholder `...` written by makemigrator: fill it in")

    def apply(self, row: Row) -> RowResult:
        row[self.key] = self.default(row) if callable(self.default) else self.default
        return row

    def describe(self) -> str:
        if self.default is Ellipsis:
            how = "..."
        elif callable(self.default):
            how = getattr(self.default, "__name__", "a function")
        else:
            how = repr(self.default)
        return f"Add field {self.model_name}.{self.name} = {how}"


class RunPython(Operation):
    """Pass each row of a model through ``function(row)``.

    The function returns the row (changed or not), ``None`` to drop it, or an
    iterable of rows (to split a row, or to fan out into other models). It may
    add and remove fields freely: rows of a model touched by a RunPython are
    checked against the current model one by one as they come out.
    """

    def __init__(self, model_name: str, function: Callable[[Row], RowResult], description: str | None = None):
        self.model_name = model_name
        self.function = function
        self.description = description

    def state_forwards(self, state: SchemaState) -> None:
        state.mark_dynamic(self.model, self)

    def apply(self, row: Row) -> RowResult:
        return self.function(row)

    def describe(self) -> str:
        name = self.description or getattr(self.function, "__name__", repr(self.function))
        return f"Run {name} on each {self.model_name} row"

"""The operations a migrator is made of.

Like Django's migration operations, each is a small immutable declarative
class with ``describe()`` and ``deconstruct()``. Each one does two things:

- ``state_forwards(app_label, state)`` moves the *schema state* (which models
  and fields the dumped rows have) forwards, so that a plan can be checked
  before any row is read, and returns what it did: a :class:`StateChange`;
- ``apply(row, change)`` changes one row of its model, on its way to the
  database, with the row keys that ``change`` resolved.

The operation itself is never changed: the app it belongs to and the migrator
that names it in messages are kept by a :class:`~.bound.BoundOperation`.
Model names are relative to the migrator's app (``"Book"``), or absolute
(``"other_app.Model"``). A custom operation is a frozen dataclass too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Union

from .row import Row
from .state import SchemaState, StateChange

__all__ = [
    "AddField",
    "Operation",
    "RemoveField",
    "RemoveModel",
    "RenameField",
    "RenameModel",
    "RowResult",
    "RunPython",
    "qualify",
]

#: What an operation makes of a row: the row, None (dropped) or several rows.
RowResult = Union[Row, None, Iterable[Row]]

#: The package whose names the operations of lino-migrate are deconstructed to.
_PUBLIC_PACKAGE = "lino_migrate.migrators"


def qualify(name: str, app_label: str) -> str:
    """``"Book"`` in app ``library`` is ``"library.Book"``; a dotted name is kept."""
    return name if "." in name else f"{app_label}.{name}"


class Operation:
    """Base class: one change to the dumped rows of one model."""

    #: The model (as written by the user) whose rows this operation changes.
    model_name: str

    def state_forwards(self, app_label: str, state: SchemaState) -> StateChange:
        raise NotImplementedError

    def apply(self, row: Row, change: StateChange) -> RowResult:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        """``(path, args, kwargs)``: ``import_string(path)(*args, **kwargs)`` makes an equal operation."""
        raise NotImplementedError

    def _path(self) -> str:
        cls = type(self)
        if cls.__module__ == __name__:
            return f"{_PUBLIC_PACKAGE}.{cls.__qualname__}"
        return f"{cls.__module__}.{cls.__qualname__}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Operation):
            return NotImplemented
        return type(self) is type(other) and self.deconstruct() == other.deconstruct()

    def __hash__(self) -> int:
        return hash((type(self).__qualname__, self.model_name))

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.describe()}>"


@dataclass(frozen=True, eq=False, repr=False)
class RenameModel(Operation):
    """The rows of model ``old_name`` now belong to ``new_name``."""

    old_name: str
    new_name: str

    @property
    def model_name(self) -> str:  # type: ignore[override]
        return self.old_name

    def state_forwards(self, app_label: str, state: SchemaState) -> StateChange:
        problems: list[str] = []
        new = qualify(self.new_name, app_label)
        state.rename_model(qualify(self.old_name, app_label), new, problems)
        return StateChange(new, problems=tuple(problems))

    def apply(self, row: Row, change: StateChange) -> RowResult:
        row.model = change.model
        return row

    def describe(self) -> str:
        return f"Rename model {self.old_name} to {self.new_name}"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return self._path(), [self.old_name, self.new_name], {}


@dataclass(frozen=True, eq=False, repr=False)
class RemoveModel(Operation):
    """Drop every row of a model that no longer exists."""

    name: str

    @property
    def model_name(self) -> str:  # type: ignore[override]
        return self.name

    def state_forwards(self, app_label: str, state: SchemaState) -> StateChange:
        problems: list[str] = []
        model = qualify(self.name, app_label)
        state.remove_model(model, problems)
        return StateChange(model, problems=tuple(problems))

    def apply(self, row: Row, change: StateChange) -> RowResult:
        return None

    def describe(self) -> str:
        return f"Remove model {self.name} (its rows are dropped)"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return self._path(), [self.name], {}


@dataclass(frozen=True, eq=False, repr=False)
class RenameField(Operation):
    """Field ``old_name`` of a model is now called ``new_name``."""

    model_name: str
    old_name: str
    new_name: str

    def state_forwards(self, app_label: str, state: SchemaState) -> StateChange:
        problems: list[str] = []
        model = qualify(self.model_name, app_label)
        keys = state.rename_field(model, self.old_name, self.new_name, problems)
        return StateChange(model, keys, tuple(problems))

    def apply(self, row: Row, change: StateChange) -> RowResult:
        old_key, new_key = change.keys
        if old_key in row:
            row[new_key] = row.pop(old_key)
        return row

    def describe(self) -> str:
        return f"Rename field {self.model_name}.{self.old_name} to {self.new_name}"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return self._path(), [self.model_name, self.old_name, self.new_name], {}


@dataclass(frozen=True, eq=False, repr=False)
class RemoveField(Operation):
    """Drop the values of a field that no longer exists."""

    model_name: str
    name: str

    def state_forwards(self, app_label: str, state: SchemaState) -> StateChange:
        problems: list[str] = []
        model = qualify(self.model_name, app_label)
        key = state.remove_field(model, self.name, problems)
        return StateChange(model, (key,), tuple(problems))

    def apply(self, row: Row, change: StateChange) -> RowResult:
        row.pop(change.keys[0], None)
        return row

    def describe(self) -> str:
        return f"Remove field {self.model_name}.{self.name}"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return self._path(), [self.model_name, self.name], {}


@dataclass(frozen=True, eq=False, repr=False)
class AddField(Operation):
    """Give every row a value for a new field: ``default`` or ``default(row)``.

    The default ``...`` is the placeholder that makemigrator writes: a plan
    that still has one is refused.
    """

    model_name: str
    name: str
    default: Any

    def state_forwards(self, app_label: str, state: SchemaState) -> StateChange:
        problems: list[str] = []
        model = qualify(self.model_name, app_label)
        key = state.add_field(model, self.name, problems)
        if self.default is Ellipsis:
            problems.append("the default is still the placeholder `...` written by makemigrator: fill it in")
        return StateChange(model, (key,), tuple(problems))

    def apply(self, row: Row, change: StateChange) -> RowResult:
        row[change.keys[0]] = self.default(row) if callable(self.default) else self.default
        return row

    def describe(self) -> str:
        if self.default is Ellipsis:
            how = "..."
        elif callable(self.default):
            how = getattr(self.default, "__name__", "a function")
        else:
            how = repr(self.default)
        return f"Add field {self.model_name}.{self.name} = {how}"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return self._path(), [self.model_name, self.name], {"default": self.default}


@dataclass(frozen=True, eq=False, repr=False)
class RunPython(Operation):
    """Pass each row of a model through ``function(row)``.

    The function returns the row (changed or not), ``None`` to drop it, or an
    iterable of rows (to split a row, or to fan out into other models). It may
    add and remove fields freely: rows of a model touched by a RunPython are
    checked against the current model one by one as they come out.
    """

    model_name: str
    function: Callable[[Row], RowResult]
    description: str | None = None

    def state_forwards(self, app_label: str, state: SchemaState) -> StateChange:
        problems: list[str] = []
        model = qualify(self.model_name, app_label)
        state.mark_dynamic(model, self.describe(), problems)
        return StateChange(model, problems=tuple(problems))

    def apply(self, row: Row, change: StateChange) -> RowResult:
        return self.function(row)

    def describe(self) -> str:
        name = self.description or getattr(self.function, "__name__", repr(self.function))
        return f"Run {name} on each {self.model_name} row"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs = {"description": self.description} if self.description is not None else {}
        return self._path(), [self.model_name, self.function], kwargs

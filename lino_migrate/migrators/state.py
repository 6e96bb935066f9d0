"""The schema of the dumped rows as the migrators change it, checked without data.

It starts as the dump's recorded schema (models and their fields) and each
operation moves it forwards. What an operation cannot do (rename a field the
dump does not have, say) is a problem: the methods that change the state
append its text to the ``problems`` list they are given, and the operation
returns them in its :class:`StateChange`.

This module knows nothing of operations: it is the state they act on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..current import current_field, current_model

__all__ = ["ModelState", "SchemaState", "StateChange"]


@dataclass
class ModelState:
    """One model of the dumped rows, at some point of the migrator chains."""

    label: str
    #: field name -> the key of its value in a row (the attname)
    fields: dict[str, str]
    #: the dumped models whose rows end up here
    sources: list[str] = field(default_factory=list)
    #: the RunPython operations (their descriptions) that change rows of this model; empty: static
    dynamic: list[str] = field(default_factory=list)
    #: field name -> Django's internal type, where known (for makemigrator's guesses)
    types: dict[str, str | None] = field(default_factory=dict)
    rows: int = 0


@dataclass(frozen=True)
class StateChange:
    """What one operation did to the schema state, as its rows need it.

    ``model`` is the label the operation's rows have after it (a RenameModel's
    new label), ``keys`` the row keys it resolved against the state (attnames:
    a RenameField's old and new key), ``problems`` what it could not do.
    """

    model: str
    keys: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


class SchemaState:
    """The dumped models by lower-case label, and the problems found on the way."""

    def __init__(self) -> None:
        self.models: dict[str, ModelState] = {}
        self.problems: list[str] = []

    def add_dumped_model(self, label: str, fields: dict[str, str], types: dict[str, str] | None = None, rows: int = 0) -> None:
        self.models[label.lower()] = ModelState(label, dict(fields), [label], types=dict(types or {}), rows=rows)

    def get(self, label: str) -> ModelState | None:
        return self.models.get(label.lower())

    # -- what operations do -------------------------------------------------

    def _model(self, label: str, problems: list[str]) -> ModelState | None:
        state = self.get(label)
        if state is None:
            problems.append(f"the dumped rows have no model {label} at this point")
        return state

    def rename_model(self, old: str, new: str, problems: list[str]) -> None:
        state = self._model(old, problems)
        if state is None:
            return
        if self.get(new) is not None:
            problems.append(f"the dumped rows already have a model {new}")
            return
        del self.models[old.lower()]
        state.label = _proper_label(new)
        self.models[new.lower()] = state

    def remove_model(self, label: str, problems: list[str]) -> None:
        if self._model(label, problems) is not None:
            del self.models[label.lower()]

    def _field_key(self, state: ModelState, name: str, problems: list[str]) -> str | None:
        if name in state.fields:
            return state.fields[name]
        for key in state.fields.values():
            if key == name:
                return key
        if not state.dynamic:
            problems.append(f"{state.label} has no field {name!r} at this point")
        return None

    def rename_field(self, label: str, old: str, new: str, problems: list[str]) -> tuple[str, str]:
        """The row keys of the field before and after."""
        state = self._model(label, problems)
        if state is None:
            return old, new
        old_key = self._field_key(state, old, problems) or old
        new_key = _current_attname(state.label, new) or (f"{new}_id" if old_key == f"{old}_id" else new)
        state.fields.pop(old, None)
        for name, key in list(state.fields.items()):
            if key == old_key:
                del state.fields[name]
        state.fields[new] = new_key
        state.types[new] = state.types.pop(old, None)
        return old_key, new_key

    def remove_field(self, label: str, name: str, problems: list[str]) -> str:
        """The row key of the removed field."""
        state = self._model(label, problems)
        if state is None:
            return name
        key = self._field_key(state, name, problems) or name
        for field_name, field_key in list(state.fields.items()):
            if field_key == key:
                del state.fields[field_name]
                state.types.pop(field_name, None)
        return key

    def add_field(self, label: str, name: str, problems: list[str]) -> str:
        """The row key of the new field."""
        state = self._model(label, problems)
        key = _current_attname(state.label if state else label, name) or name
        if state is not None:
            if name in state.fields and not state.dynamic:
                problems.append(f"{state.label} already has a field {name!r}")
            state.fields[name] = key
            state.types[name] = None
        return key

    def mark_dynamic(self, label: str, by: str, problems: list[str]) -> None:
        """Rows of ``label`` are changed by a function (``by`` describes it): checked one by one."""
        state = self._model(label, problems)
        if state is not None:
            state.dynamic.append(by)


def _proper_label(label: str) -> str:
    model = current_model(label)
    return model._meta.label if model is not None else label


def _current_attname(label: str, name: str) -> str | None:
    field = current_field(label, name)
    return None if field is None else field.attname

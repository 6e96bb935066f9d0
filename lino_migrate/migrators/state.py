"""The schema of the dumped rows as the migrators change it, checked without data.

It starts as the dump's recorded schema (models and their fields) and each
operation moves it forwards. What an operation cannot do (rename a field the
dump does not have, say) is recorded as a problem naming the operation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..current import current_field, current_model

if TYPE_CHECKING:
    from .operations import Operation


@dataclass
class ModelState:
    label: str
    #: field name -> the key of its value in a row (the attname)
    fields: dict[str, str]
    #: the dumped models whose rows end up here
    sources: list[str] = field(default_factory=list)
    #: the RunPython operations that change rows of this model (None: static)
    dynamic: list[Operation] = field(default_factory=list)
    #: field name -> Django's internal type, where known (for makemigrator's guesses)
    types: dict[str, str | None] = field(default_factory=dict)
    rows: int = 0


class SchemaState:
    def __init__(self) -> None:
        self.models: dict[str, ModelState] = {}
        self.problems: list[str] = []

    def add_dumped_model(self, label: str, fields: dict[str, str], types: dict[str, str] | None = None, rows: int = 0) -> None:
        self.models[label.lower()] = ModelState(label, dict(fields), [label], types=dict(types or {}), rows=rows)

    def get(self, label: str) -> ModelState | None:
        return self.models.get(label.lower())

    # -- operations -------------------------------------------------------

    def _model(self, label: str, op: Operation) -> ModelState | None:
        state = self.get(label)
        if state is None:
            self.problem(op, f"the dumped rows have no model {label} at this point")
        return state

    def problem(self, op: Operation, text: str) -> None:
        self.problems.append(f"{getattr(op, 'migrator', '?')}: {op.describe()}: {text}")

    def rename_model(self, old: str, new: str, op: Operation) -> None:
        state = self._model(old, op)
        if state is None:
            return
        if self.get(new) is not None:
            self.problem(op, f"the dumped rows already have a model {new}")
            return
        del self.models[old.lower()]
        state.label = _proper_label(new)
        self.models[new.lower()] = state

    def remove_model(self, label: str, op: Operation) -> None:
        if self._model(label, op) is not None:
            del self.models[label.lower()]

    def _field_key(self, state: ModelState, name: str, op: Operation) -> str | None:
        if name in state.fields:
            return state.fields[name]
        for field_name, key in state.fields.items():
            if key == name:
                return key
        if not state.dynamic:
            self.problem(op, f"{state.label} has no field {name!r} at this point")
        return None

    def rename_field(self, label: str, old: str, new: str, op: Operation) -> tuple[str, str]:
        state = self._model(label, op)
        if state is None:
            return old, new
        old_key = self._field_key(state, old, op) or old
        new_key = _current_attname(state.label, new) or (f"{new}_id" if old_key == f"{old}_id" else new)
        state.fields.pop(old, None)
        for name, key in list(state.fields.items()):
            if key == old_key:
                del state.fields[name]
        state.fields[new] = new_key
        state.types[new] = state.types.pop(old, None)
        return old_key, new_key

    def remove_field(self, label: str, name: str, op: Operation) -> str:
        state = self._model(label, op)
        if state is None:
            return name
        key = self._field_key(state, name, op) or name
        for field_name, field_key in list(state.fields.items()):
            if field_key == key:
                del state.fields[field_name]
                state.types.pop(field_name, None)
        return key

    def add_field(self, label: str, name: str, op: Operation) -> str:
        state = self._model(label, op)
        key = _current_attname(state.label if state else label, name) or name
        if state is not None:
            if name in state.fields and not state.dynamic:
                self.problem(op, f"{state.label} already has a field {name!r}")
            state.fields[name] = key
            state.types[name] = None
        return key

    def mark_dynamic(self, label: str, op: Operation) -> None:
        state = self._model(label, op)
        if state is not None:
            state.dynamic.append(op)


def _proper_label(label: str) -> str:
    model = current_model(label)
    return model._meta.label if model is not None else label


def _current_attname(label: str, name: str) -> str | None:
    field = current_field(label, name)
    return None if field is None else field.attname

"""Draft the source of a migrator from the difference between a dump and the code.

What the dump recorded about each model (its fields and their types) is
compared with the current models of one app. Removed and added models and
fields become operations; where a removed and an added one have the same type,
a rename is suggested and marked as a guess. A NOT NULL field without a default
gets an ``AddField`` whose default is the placeholder ``...``, which the
restore refuses until someone fills it in.
"""

from __future__ import annotations

import datetime
import math
import types
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Union

from django.db import models

from packaging.version import Version

from .manifest import Manifest
from .migrators.loader import build_chains
from .migrators.operations import AddField, Operation, RemoveField, RemoveModel, RenameField, RenameModel
from .migrators.state import ModelState, SchemaState
from .selection import dumpable_models
from .text import plural
from .versions import installed_versions

__all__ = ["draft_migrator", "serialize", "serialize_operation"]

#: The import through which the module's operations are written (``migrators.RenameField``).
_MIGRATORS_IMPORT = "from lino_migrate import migrators"
_MIGRATORS_PATH = "lino_migrate.migrators."


@dataclass(frozen=True)
class _Drafted:
    """One operation of the draft, with the comment that ends its line (if any)."""

    operation: Operation
    note: str = ""


#: A line of the draft: a comment (without its ``#``) or an operation.
_Line = Union[str, _Drafted]


def serialize(value: Any) -> tuple[str, set[str]]:
    """Python source for ``value``, and the import statements it needs (like Django's serializer).

    Takes what an operation's ``deconstruct()`` gives: operations, literals, ``...``,
    lists, tuples, dicts and importable functions; anything else is a ValueError.
    """
    if isinstance(value, Operation):
        return serialize_operation(value)
    if value is Ellipsis:
        return "...", set()
    if value is None or isinstance(value, (bool, int, str, bytes)):
        return repr(value), set()
    if isinstance(value, float):
        if not math.isfinite(value):
            return f"float({str(value)!r})", set()
        return repr(value), set()
    if isinstance(value, Decimal):
        return f"decimal.Decimal({str(value)!r})", {"import decimal"}
    if isinstance(value, (list, tuple)):
        items = [serialize(item) for item in value]
        imports = set().union(*(i for _, i in items))
        text = ", ".join(t for t, _ in items)
        if isinstance(value, list):
            return f"[{text}]", imports
        return f"({text}{',' if len(items) == 1 else ''})", imports
    if isinstance(value, dict):
        pairs = [(serialize(k), serialize(v)) for k, v in value.items()]
        imports = set().union(*(ki | vi for (_, ki), (_, vi) in pairs))
        return "{" + ", ".join(f"{k}: {v}" for (k, _), (v, _) in pairs) + "}", imports
    if isinstance(value, types.FunctionType) and "<" not in value.__qualname__ and value.__module__ != "__main__":
        return f"{value.__module__}.{value.__qualname__}", {f"import {value.__module__}"}
    raise ValueError(f"Cannot write {value!r:.80} into a migrator module; write it by hand.")


def serialize_operation(operation: Operation) -> tuple[str, set[str]]:
    """``migrators.RenameField('Book', 'name', 'title')`` from the operation's ``deconstruct()``."""
    path, args, kwargs = operation.deconstruct()
    if path.startswith(_MIGRATORS_PATH) and "." not in path[len(_MIGRATORS_PATH):]:
        name, imports = "migrators." + path[len(_MIGRATORS_PATH):], {_MIGRATORS_IMPORT}
    else:
        module, _, _ = path.rpartition(".")
        name, imports = path, {f"import {module}"}
    parts = []
    for arg in args:
        text, needed = serialize(arg)
        parts.append(text)
        imports |= needed
    for key, arg in kwargs.items():
        text, needed = serialize(arg)
        parts.append(f"{key}={text}")
        imports |= needed
    return f"{name}({', '.join(parts)})", imports


def draft_migrator(app_label: str, version: str, manifest: Manifest) -> str:
    """The source of a migrator module for ``app_label`` at ``version``."""
    lines = _draft_operations(app_label, _state_before(app_label, version, manifest))
    imports = {_MIGRATORS_IMPORT}
    body_lines = []
    for line in lines:
        if isinstance(line, str):
            body_lines.append(f"        # {line}")
            continue
        text, needed = serialize_operation(line.operation)
        imports |= needed
        body_lines.append(f"        {text}," + (f"  # {line.note}" if line.note else ""))
    body = "\n".join(body_lines) if body_lines else "        # No schema differences found between the dump and the current models."
    dumped_version = manifest.apps.get(app_label).version if app_label in manifest.apps else None
    today = datetime.date.today().isoformat()
    import_lines = "\n".join(sorted(imports, key=lambda i: (i.startswith("from "), i)))
    return f'''"""Migrator for {app_label} {version}.

Drafted on {today} by `manage.py makemigrator {app_label} --dump {manifest.directory}`, from a dump
of {app_label} {dumped_version or "(unversioned)"}. Check every line marked "guess", and fill in every
`...` placeholder: a restore refuses to run while one is left.
"""

{import_lines}


class Migrator(migrators.Migrator):
    version = {version!r}
    operations = [
{body}
    ]
'''


def _draft_operations(app_label: str, state: SchemaState) -> list[_Line]:
    """The operations (and comments) that bring the dumped models of ``app_label`` to the current ones."""
    dumped = {m.label.split(".", 1)[1].lower(): m for m in state.models.values() if m.label.split(".")[0] == app_label}
    current = {m._meta.label.split(".", 1)[1].lower(): m for m in dumpable_models() if m._meta.app_label == app_label}
    lines: list[_Line] = []
    removed = [key for key in dumped if key not in current]
    added = [key for key in current if key not in dumped]
    renamed: dict[str, str] = {}
    for key in removed:
        match = _matching_model(dumped[key], [current[a] for a in added if a not in renamed.values()])
        if match is not None:
            renamed[key] = match._meta.model_name
    for old_key, new_key in renamed.items():
        old, new = _name(dumped[old_key]), current[new_key].__name__
        lines.append(f"guess: {old} and {new} have fields of the same types; check that it is a rename.")
        lines.append(_Drafted(RenameModel(old, new)))
    for key in removed:
        if key in renamed:
            continue
        model_state = dumped[key]
        lines.append(f"The dump has {plural(model_state.rows, 'row')} of {_name(model_state)}; {'it is' if model_state.rows == 1 else 'they are'} dropped. Move them with RunPython instead?")
        lines.append(_Drafted(RemoveModel(_name(model_state))))
    for key, model_state in dumped.items():
        if key in renamed:
            lines += _field_operations(model_state, current[renamed[key]])
        elif key in current:
            lines += _field_operations(model_state, current[key])
    return lines


def _state_before(app_label: str, version: str, manifest: Manifest) -> SchemaState:
    """The dumped schema as the migrators that run before a new one at ``version`` leave it."""
    state = SchemaState()
    for info in manifest.models.values():
        state.add_dumped_model(
            info.label, {f.name: f.attname for f in info.fields}, {f.name: f.type for f in info.fields}, info.rows
        )
    chains, _ = build_chains({label: app.version for label, app in manifest.apps.items()}, installed_versions())
    new = Version(version)
    for chain in chains:
        for migrator in chain.migrators:
            if chain.app_label == app_label and migrator.parsed_version >= new:
                continue
            for operation in migrator.operations:
                operation.state_forwards(state)
    return state


def _name(model_state: ModelState) -> str:
    return model_state.label.split(".", 1)[1]


def _matching_model(model_state: ModelState, candidates: list[type[models.Model]]) -> type[models.Model] | None:
    """The one candidate whose fields have the same names and types (else types alone), if exactly one."""
    dumped = sorted((name, model_state.types.get(name) or "") for name in model_state.fields)
    matches = [
        model for model in candidates
        if sorted((f.name, f.get_internal_type()) for f in model._meta.local_concrete_fields) == dumped
    ]
    if len(matches) != 1:
        dumped_types = sorted(model_state.types.get(name) or "" for name in model_state.fields)
        matches = [
            model for model in candidates
            if sorted(f.get_internal_type() for f in model._meta.local_concrete_fields) == dumped_types
        ]
    return matches[0] if len(matches) == 1 else None


def _field_operations(model_state: ModelState, model: type[models.Model]) -> list[_Line]:
    model_name = _name(model_state)
    current = {f.name: f for f in model._meta.local_concrete_fields}
    dumped = {name: model_state.types.get(name) for name in model_state.fields}
    removed = [name for name in dumped if name not in current]
    added = [name for name in current if name not in dumped]
    lines: list[_Line] = []
    for name in list(removed):
        same_type = [a for a in added if dumped[name] and current[a].get_internal_type() == dumped[name]]
        if len(same_type) == 1:
            new = same_type[0]
            lines.append(f"guess: {model_name}.{name} and {new} are both {dumped[name]}; check that it is a rename.")
            lines.append(_Drafted(RenameField(model_name, name, new)))
            removed.remove(name)
            added.remove(new)
    for name in removed:
        lines.append(_Drafted(RemoveField(model_name, name)))
    for name in added:
        f = current[name]
        if f.has_default() or f.null or getattr(f, "db_default", models.NOT_PROVIDED) is not models.NOT_PROVIDED:
            lines.append(f"{model_name}.{name} is new; existing rows get its default.")
            continue
        lines.append(_Drafted(
            AddField(model_name, name, default=...),
            f"FILL IN: a value (or a function of the row) for the {plural(model_state.rows, 'existing row')}",
        ))
    return lines

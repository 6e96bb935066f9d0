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

from django.db import models

from packaging.version import Version

from .manifest import Manifest
from .migrators.loader import build_chains
from .migrators.state import ModelState, SchemaState
from .selection import dumpable_models
from .versions import installed_versions


def draft_migrator(app_label: str, version: str, manifest: Manifest) -> str:
    """The source of a migrator module for ``app_label`` at ``version``."""
    state = _state_before(app_label, version, manifest)
    dumped = {m.label.split(".", 1)[1].lower(): m for m in state.models.values() if m.label.split(".")[0] == app_label}
    current = {m._meta.label.split(".", 1)[1].lower(): m for m in dumpable_models() if m._meta.app_label == app_label}
    lines: list[str] = []
    removed = [key for key in dumped if key not in current]
    added = [key for key in current if key not in dumped]
    renamed: dict[str, str] = {}
    for key in removed:
        match = _matching_model(dumped[key], [current[a] for a in added if a not in renamed.values()])
        if match is not None:
            renamed[key] = match._meta.model_name
    for old_key, new_key in renamed.items():
        old, new = _name(dumped[old_key]), current[new_key].__name__
        lines.append(f"# guess: {old} and {new} have fields of the same types; check that it is a rename.")
        lines.append(f"migrators.RenameModel({old!r}, {new!r}),")
    for key in removed:
        if key in renamed:
            continue
        model_state = dumped[key]
        lines.append(f"# The dump has {model_state.rows} rows of {_name(model_state)}; they are dropped. Move them with RunPython instead?")
        lines.append(f"migrators.RemoveModel({_name(model_state)!r}),")
    for key, model_state in dumped.items():
        if key in renamed:
            lines += _field_operations(model_state, current[renamed[key]])
        elif key in current:
            lines += _field_operations(model_state, current[key])
    body = "\n".join(f"        {line}" for line in lines) if lines else "        # No schema differences found between the dump and the current models."
    dumped_version = manifest.apps.get(app_label).version if app_label in manifest.apps else None
    today = datetime.date.today().isoformat()
    return f'''"""Migrator for {app_label} {version}.

Drafted on {today} by `manage.py makemigrator {app_label} --dump {manifest.directory.name}`, from a dump
of {app_label} {dumped_version or "(unversioned)"}. Check every line marked "guess", and fill in every
`...` placeholder: a restore refuses to run while one is left.
"""

from lino_migrate import migrators


class Migrator(migrators.Migrator):
    version = {version!r}
    operations = [
{body}
    ]
'''


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


def _field_operations(model_state: ModelState, model: type[models.Model]) -> list[str]:
    model_name = _name(model_state)
    current = {f.name: f for f in model._meta.local_concrete_fields}
    dumped = {name: model_state.types.get(name) for name in model_state.fields}
    removed = [name for name in dumped if name not in current]
    added = [name for name in current if name not in dumped]
    lines = []
    for name in list(removed):
        same_type = [a for a in added if dumped[name] and current[a].get_internal_type() == dumped[name]]
        if len(same_type) == 1:
            new = same_type[0]
            lines.append(f"# guess: {model_name}.{name} and {new} are both {dumped[name]}; check that it is a rename.")
            lines.append(f"migrators.RenameField({model_name!r}, {name!r}, {new!r}),")
            removed.remove(name)
            added.remove(new)
    for name in removed:
        lines.append(f"migrators.RemoveField({model_name!r}, {name!r}),")
    for name in added:
        f = current[name]
        if f.has_default() or f.null or getattr(f, "db_default", models.NOT_PROVIDED) is not models.NOT_PROVIDED:
            lines.append(f"# {model_name}.{name} is new; existing rows get its default.")
            continue
        lines.append(
            f"migrators.AddField({model_name!r}, {name!r}, default=...),  "
            f"# FILL IN: a value (or a function of the row) for the {model_state.rows} existing rows"
        )
    return lines

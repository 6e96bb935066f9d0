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

from .manifest import Manifest, ModelInfo
from .selection import dumpable_models


def draft_migrator(app_label: str, version: str, manifest: Manifest) -> str:
    dumped = {info.label.split(".", 1)[1].lower(): info for info in manifest.models.values() if info.app_label == app_label}
    current = {m._meta.label.split(".", 1)[1].lower(): m for m in dumpable_models() if m._meta.app_label == app_label}
    lines: list[str] = []
    removed = [key for key in dumped if key not in current]
    added = [key for key in current if key not in dumped]
    renamed: dict[str, str] = {}
    for key in removed:
        match = _matching_model(dumped[key], [current[a] for a in added if a not in renamed.values()])
        if match is not None:
            new_key = match._meta.model_name
            renamed[key] = new_key
    for old_key, new_key in renamed.items():
        old, new = _name(dumped[old_key]), current[new_key].__name__
        lines.append(f"# guess: {old} and {new} have fields of the same types; check that it is a rename.")
        lines.append(f"migrators.RenameModel({old!r}, {new!r}),")
    for key in removed:
        if key in renamed:
            continue
        info = dumped[key]
        lines.append(f"# The dump has {info.rows} rows of {_name(info)}; they are dropped. Move them with RunPython instead?")
        lines.append(f"migrators.RemoveModel({_name(info)!r}),")
    for key, info in dumped.items():
        if key in renamed:
            lines += _field_operations(info, current[renamed[key]])
        elif key in current:
            lines += _field_operations(info, current[key])
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


def _name(info: ModelInfo) -> str:
    return info.label.split(".", 1)[1]


def _matching_model(info: ModelInfo, candidates: list[type[models.Model]]) -> type[models.Model] | None:
    """The one candidate whose fields have the same names and types, if exactly one."""
    dumped = sorted((f.name, f.type) for f in info.fields)
    matches = [
        model for model in candidates
        if sorted((f.name, f.get_internal_type()) for f in model._meta.local_concrete_fields) == dumped
    ]
    if len(matches) != 1:
        dumped_types = sorted(f.type for f in info.fields)
        matches = [
            model for model in candidates
            if sorted(f.get_internal_type() for f in model._meta.local_concrete_fields) == dumped_types
        ]
    return matches[0] if len(matches) == 1 else None


def _field_operations(info: ModelInfo, model: type[models.Model]) -> list[str]:
    model_name = _name(info)
    current = {f.name: f for f in model._meta.local_concrete_fields}
    dumped = {f.name: f for f in info.fields}
    removed = [name for name in dumped if name not in current]
    added = [name for name in current if name not in dumped]
    lines = []
    for name in list(removed):
        same_type = [a for a in added if current[a].get_internal_type() == dumped[name].type]
        if len(same_type) == 1:
            new = same_type[0]
            lines.append(f"# guess: {model_name}.{name} and {new} are both {dumped[name].type}; check that it is a rename.")
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
            f"# FILL IN: a value (or a function of the row) for the {info.rows} existing rows"
        )
    return lines

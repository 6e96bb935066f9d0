"""Match what a dump holds against the models of the current code.

Everything that can be found wrong without touching the database is found
here, all at once, so that one error message lists every problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from django.apps import apps
from django.db import models

from .codec import Codec, codec_by_name
from .manifest import FieldInfo, Manifest, ModelInfo
from .selection import dumpable_models


@dataclass
class ColumnPlan:
    """A dumped column and the field of the current model that takes it."""

    dumped: FieldInfo
    index: int
    field: models.Field
    codec: Codec


@dataclass
class ModelPlan:
    """How the rows of one dumped model go into one current model."""

    info: ModelInfo
    model: type[models.Model]
    columns: list[ColumnPlan]
    #: Current fields the dump has no value for: filled with their default.
    defaults: list[models.Field] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.info.label

    def describe(self) -> str:
        text = f"{self.label}: {self.info.rows} rows into table {self.model._meta.db_table}"
        if self.defaults:
            text += " (defaults for " + ", ".join(f.name for f in self.defaults) + ")"
        return text


@dataclass
class RestorePlan:
    models: list[ModelPlan]
    problems: list[str]
    left_out: list[str]

    def tables_to_clear(self, manifest: Manifest) -> list[type[models.Model]]:
        """The tables emptied before the rows are inserted.

        A complete dump replaces every managed table; a partial one (dumped with
        app labels or --exclude) only the tables of its own models.
        ContentType and Permission rows are never deleted (they are matched by
        natural key instead).
        """
        natural = {"contenttypes.ContentType", "auth.Permission"}
        if manifest.complete:
            chosen = dumpable_models()
        else:
            chosen = [plan.model for plan in self.models]
            chosen += [apps.get_model(label) for label in self.left_out if _model_or_none(label) is not None]
        return [model for model in chosen if model._meta.label not in natural]


def build_plan(manifest: Manifest, exclude: Sequence[str] = ()) -> RestorePlan:
    problems: list[str] = []
    plans: list[ModelPlan] = []
    left_out: list[str] = []
    for label in manifest.selected:
        if _excluded(label, exclude):
            left_out.append(label)
            continue
        if label in manifest.missing:
            problems.append(
                f"{label}: its table could not be read when the dump was made ({manifest.missing[label]}); "
                f"the dump has no rows for it. Leave it out with --exclude {label}."
            )
            continue
        info = manifest.models[label]
        model = _model_or_none(label)
        if model is None:
            problems.append(
                f"{label}: no such model in the current code (the dump has {info.rows} rows of it). "
                f"Leave it out with --exclude {label}, or write a migrator that renames or removes it."
            )
            continue
        plans.append(_model_plan(info, model, problems))
    return RestorePlan(plans, problems, left_out)


def _model_plan(info: ModelInfo, model: type[models.Model], problems: list[str]) -> ModelPlan:
    current = {f.name: f for f in model._meta.local_concrete_fields}
    columns = []
    for index, dumped in enumerate(info.fields):
        field = current.get(dumped.name)
        if field is None:
            problems.append(
                f"{info.label}.{dumped.name}: no such field in the current code (dumped as column "
                f"{dumped.column!r}, {dumped.type}). Write a migrator that renames or removes it."
            )
            continue
        try:
            codec = codec_by_name(dumped.codec, field)
        except ValueError as exc:
            problems.append(f"{info.label}.{dumped.name}: {exc}")
            continue
        columns.append(ColumnPlan(dumped, index, field, codec))
    dumped_names = {f.name for f in info.fields}
    defaults = []
    natural = info.natural_key
    for field in model._meta.local_concrete_fields:
        if field.name in dumped_names or (natural and field.primary_key):
            continue
        if field.has_default() or field.null or getattr(field, "db_default", models.NOT_PROVIDED) is not models.NOT_PROVIDED:
            defaults.append(field)
        else:
            problems.append(
                f"{info.label}.{field.name}: the dump has no value for this field, which is NOT NULL "
                f"and has no default. Give it a default, or write a migrator that adds it."
            )
    return ModelPlan(info, model, columns, defaults)


def _model_or_none(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _excluded(label: str, exclude: Sequence[str]) -> bool:
    app_label, _, model_name = label.partition(".")
    for spec in exclude:
        spec_app, _, spec_model = spec.partition(".")
        if spec_app == app_label and (not spec_model or spec_model.lower() == model_name.lower()):
            return True
    return False

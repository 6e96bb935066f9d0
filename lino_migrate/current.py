"""The current code's models and fields, looked up by the labels and names a dump uses.

A dump may name a model or field the current code has renamed or dropped:
these lookups answer ``None`` (or nothing) instead of raising, and the caller
says what to do about it.
"""

from __future__ import annotations

from django.apps import apps
from django.apps.registry import Apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

__all__ = ["current_columns", "current_field", "current_model"]


def current_model(label: str, schema: Apps | None = None) -> type[models.Model] | None:
    """The installed model of ``app_label.ModelName`` (or ``schema``'s, a historical registry), or None."""
    try:
        return (schema or apps).get_model(label)
    except (LookupError, ValueError):
        return None


def current_field(label: str, name: str, schema: Apps | None = None) -> models.Field | None:
    """The field ``name`` of the installed model ``label``, or None."""
    model = current_model(label, schema)
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def current_columns(label: str, schema: Apps | None = None) -> dict[str, models.Field]:
    """The fields with a column in the model's own table, by name; empty when there is no such model."""
    model = current_model(label, schema)
    if model is None:
        return {}
    return {f.name: f for f in model._meta.local_concrete_fields}

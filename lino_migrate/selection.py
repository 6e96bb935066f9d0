"""Which models a dump holds, and in which order.

Only concrete, managed tables are dumped: proxy models share their concrete
model's table (dumping them would dump rows twice) and unmanaged models are
someone else's tables. Models come in dependency order (a model after the
models it refers to), ties broken by label, so that two dumps of the same
database list the same files in the same order.
"""

from __future__ import annotations

from typing import Iterable

from django.apps import apps
from django.db import models

from .errors import LinoMigrateError

__all__ = [
    "DEFAULT_EXCLUDES",
    "dependency_order",
    "dumpable_models",
    "dumped_label_matches",
    "dumped_owner",
    "select_models",
]

#: Models left out unless named explicitly.
DEFAULT_EXCLUDES = ("sessions.Session",)


def dumpable_models() -> list[type[models.Model]]:
    """Every model of the installed apps that has a table of its own to dump."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def select_models(include: Iterable[str] = (), exclude: Iterable[str] = ()) -> tuple[list[type[models.Model]], list[str]]:
    """The models to dump, in order, and the labels left out by default or by ``exclude``.

    ``include`` and ``exclude`` hold ``app_label`` or ``app_label.ModelName``.
    An auto-created many-to-many table goes with the model that declares it.
    """
    candidates = dumpable_models()
    include = list(include)
    exclude = list(exclude)
    chosen = [m for m in candidates if not include or any(_matches(m, spec) for spec in include)]
    _check_specs(include + exclude)
    left_out = []
    for model in list(chosen):
        label = model._meta.label
        explicitly_named = any(spec.lower() in (label.lower(), model._meta.app_label) for spec in include)
        if any(_matches(model, spec) for spec in exclude) or (label in DEFAULT_EXCLUDES and not explicitly_named):
            chosen.remove(model)
            left_out.append(label)
    return dependency_order(chosen), sorted(left_out)


def dumped_label_matches(label: str, spec: str, owner: str | None = None) -> bool:
    """Whether ``app_label[.ModelName]`` names the model ``label`` of a dump, or the model declaring it.

    By label alone, unlike the selection of models to dump: a dump may hold
    models the current code no longer has. Names match exactly (the model
    name without regard to case): ``Item`` is not ``Item_1``. An auto-created
    many-to-many table goes with ``owner``, the label of the model that
    declares it (see ``dumped_owner``).
    """
    app_label, _, model_name = label.partition(".")
    spec_app, _, spec_model = spec.partition(".")
    if spec_app != app_label:
        return False
    names = {model_name.lower()}
    if owner:
        names.add(owner.partition(".")[2].lower())
    return not spec_model or spec_model.lower() in names


def dumped_owner(label: str, recorded: str | None) -> str | None:
    """The model that declares the dumped auto-created table ``label``, else None.

    The manifest records it (``"auto_created"``); a dump written before it did
    falls back to what the current code says about that model, never to a
    guess from the name.
    """
    if recorded:
        return recorded
    from .current import current_model

    model = current_model(label)
    if model is not None and model._meta.auto_created:
        return model._meta.auto_created._meta.label
    return None


def _owner(model: type[models.Model]) -> type[models.Model]:
    """The model that declares an auto-created many-to-many table, else the model itself."""
    if model._meta.auto_created:
        return model._meta.auto_created
    return model


def _matches(model: type[models.Model], spec: str) -> bool:
    owner = _owner(model)
    app_label, _, model_name = spec.partition(".")
    if app_label != owner._meta.app_label:
        return False
    return not model_name or model_name.lower() in (owner._meta.model_name, model._meta.model_name)


def _check_specs(specs: list[str]) -> None:
    for spec in specs:
        app_label, _, model_name = spec.partition(".")
        try:
            config = apps.get_app_config(app_label)
        except LookupError:
            raise LinoMigrateError(f"Unknown app label {app_label!r} in {spec!r}.") from None
        if model_name:
            try:
                apps.get_model(app_label, model_name)
            except LookupError:
                raise LinoMigrateError(f"Unknown model {spec!r}: app {config.label!r} has no model {model_name!r}.") from None


def dependency_order(chosen: list[type[models.Model]]) -> list[type[models.Model]]:
    """Sort models so that each comes after the models its foreign keys point to.

    Cycles (possible with nullable foreign keys) are broken at the smallest
    label on a cycle (a model outside it still comes after it); the restore does not depend on the order, but people reading the
    dump do.
    """
    by_label = {model._meta.label: model for model in chosen}
    depends_on: dict[str, set[str]] = {}
    for label, model in by_label.items():
        targets = {
            field.related_model._meta.concrete_model._meta.label
            for field in model._meta.local_concrete_fields
            if field.is_relation and field.related_model is not None
        }
        depends_on[label] = {target for target in targets if target in by_label and target != label}
    ordered: list[str] = []
    remaining = set(by_label)
    while remaining:
        ready = sorted(label for label in remaining if not depends_on[label] & remaining)
        label = ready[0] if ready else min(l for l in remaining if _on_cycle(l, depends_on, remaining))
        ordered.append(label)
        remaining.remove(label)
    return [by_label[label] for label in ordered]


def _on_cycle(start: str, depends_on: dict[str, set[str]], remaining: set[str]) -> bool:
    """Whether ``start`` depends, through the models in ``remaining``, on itself."""
    seen: set[str] = set()
    stack = list(depends_on[start] & remaining)
    while stack:
        label = stack.pop()
        if label == start:
            return True
        if label not in seen:
            seen.add(label)
            stack.extend(depends_on[label] & remaining)
    return False

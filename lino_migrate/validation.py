"""``restore --validate``: the model's own field rules, as well as the columns'.

Each row goes through ``clean_fields()`` of the current model: ``blank``,
``choices``, validators, ``max_length``. The instance is made without
``__init__``, so no ``pre_init``/``post_init`` signal fires, and an
``ImageField`` never opens its file to read its dimensions; file fields are
not cleaned either (that would look at the stored files, which the dump does
not hold). Relation fields and fields inherited from a parent model are left
out, as are fields the row has no value for.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.base import ModelState

from .codec import JSONDocument
from .problems import Problems

__all__ = ["RowValidator"]


class RowValidator:
    """Runs ``clean_fields()`` on the rows of one model; problems go to ``problems``."""

    def __init__(self, label: str, model: type[models.Model], fields: list[models.Field], problems: Problems) -> None:
        self.label = label
        self.model = model
        self.attnames = [f.attname for f in fields]
        self.problems = problems
        present = set(self.attnames)
        local = {f.name for f in model._meta.local_concrete_fields}
        self.exclude = {
            f.name for f in model._meta.concrete_fields
            if f.name not in local or f.is_relation or f.attname not in present or isinstance(f, models.FileField)
        }
        self.by_name = {f.name: f for f in model._meta.concrete_fields}
        self.pk_attname = model._meta.pk.attname

    def check(self, values: list, origin: str) -> bool:
        """True when the row passes; else its problems are collected."""
        instance = self.model.__new__(self.model)
        instance._state = ModelState()
        raw = {
            attname: value.value if isinstance(value, JSONDocument) else value
            for attname, value in zip(self.attnames, values)
        }
        instance.__dict__.update(raw)
        try:
            instance.clean_fields(exclude=self.exclude)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                value = raw.get(self.by_name[name].attname) if name in self.by_name else None
                self.problems.add(self.label, raw.get(self.pk_attname), origin, name, value, "is not valid: " + " ".join(messages))
            return False
        except Exception as exc:
            self.problems.add(
                self.label, raw.get(self.pk_attname), origin, "clean_fields()", "", f"failed: {type(exc).__name__}: {exc}"
            )
            return False
        return True

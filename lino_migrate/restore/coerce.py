"""A row out of the migrators becomes the values of its target's fields.

Migrators give rows as mappings of field names (or attnames) to plain Python
values: a reference to a ContentType or Permission may be its natural key, a
date may be a string. Each field's value goes through ``to_python()``, and
errors name the row's origin (file and line, and the migrator's operation).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from .. import references
from ..codec import JSONDocument
from ..errors import RestoreError
from ..problems import exception_reason, shorten
from ..migrators.row import Row
from ..naturalkeys import REFERENCE_KINDS, NaturalKeyResolver
from .insert import raw_attnames

__all__ = ["RowCoercer"]

class RowCoercer:
    """The values of ``model``'s ``fields`` from a migrator's ``Row``, checked field by field."""

    def __init__(
        self, model: type[models.Model], fields: list[models.Field], connection: Any, resolver: NaturalKeyResolver,
        raw: set[str] | None = None,
    ):
        self.model = model
        self.label = model._meta.label
        self.fields = fields
        self.connection = connection
        self.resolver = resolver
        self.known = {f.attname for f in fields} | {f.attname for f in model._meta.concrete_fields}
        #: ``raw_attnames(fields)``; given by the inserter of the same fields where there is one
        self.raw = raw_attnames(fields, connection) if raw is None else raw
        #: attname of each generic object id -> attname of its content type
        self.generic_ids = {fk.attname: ct.attname for ct, fk in references.generic_pairs(model)}

    def values(self, row: Row) -> list[Any]:
        """One value per field, in order: the row's, else the field's default."""
        unknown = [key for key in row if key not in self.known]
        if unknown:
            raise RestoreError(
                f"{row.describe_source()}: the row has fields that {self.label} does not have in the current "
                f"code: {', '.join(sorted(unknown))}. Nothing was restored."
            )
        values = []
        for f in self.fields:
            if f.attname in row:
                value = row[f.attname]
            elif f.name in row:
                value = row[f.name]
            elif f.has_default() or f.null:
                value = f.get_default()
            else:
                raise RestoreError(
                    f"{row.describe_source()}: the row has no value for {self.label}.{f.name}, which is NOT NULL "
                    f"and has no default. Nothing was restored."
                )
            values.append(self.value(f, value, row))
        return values

    def value(self, f: models.Field, value: Any, row: Row) -> Any:
        """The value of one field as the inserter takes it."""
        if value is None or isinstance(value, JSONDocument):
            return value
        related = f.related_model._meta.label if f.is_relation and f.related_model else None
        if related in REFERENCE_KINDS and not isinstance(value, int):
            return references.migrator_reference(f, value, row, self.label, self.resolver, REFERENCE_KINDS[related])
        if f.attname in self.generic_ids and isinstance(value, (tuple, list)):
            kind = references.generic_kind(row.get(self.generic_ids[f.attname]))
            kind = kind or ("contenttype" if len(value) == 2 else "permission")
            return f.to_python(references.migrator_reference(f, value, row, self.label, self.resolver, kind))
        if f.get_internal_type() == "JSONField":
            return value
        try:
            if f.attname in self.raw:
                return f.get_db_prep_save(f.to_python(value), self.connection)  # stored as it is
            return f.to_python(value)
        except ValidationError as exc:
            raise RestoreError(
                f"{row.describe_source()}: {self.label}.{f.name}: {' '.join(exc.messages)} Nothing was restored."
            ) from None
        except Exception as exc:  # a field's to_python() may raise anything on a value it does not expect
            raise RestoreError(
                f"{row.describe_source()}: {self.label}.{f.name} = {shorten(value)} cannot become a "
                f"{f.get_internal_type()}: {exception_reason(exc)}. Nothing was restored. "
                f"Make the migrator give this field a value of its type."
            ) from exc

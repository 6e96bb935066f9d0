"""Generated columns (Django 5.0+ ``GeneratedField``): dumped to be read, never inserted, checked after.

The database computes a generated column from the other columns of its row;
PostgreSQL, SQLite and MariaDB all refuse a value for it in an INSERT. A dump
still writes its values, so that the data files show what the application
saw, and records each generated field's definition in the manifest
(``DUMP['models'][label]['generated']``: name -> the field as a migration
writes it). The restore leaves these columns out of its INSERTs, and then
compares what the database computed with the dumped values:

- where the field's definition is the one recorded and the database is of the
  same vendor, the values must be equal: a difference means the data file was
  edited or the database computes the expression otherwise, and the restore is
  refused (and rolled back);
- where the definition changed since the dump (a new expression), or the
  database is of another vendor (whose functions, collations and number
  formats may differ), the database's value is the right one: nothing to
  compare.
"""

from __future__ import annotations

from typing import Sequence

from django.db import models

__all__ = ["is_generated", "definition", "generated_definitions"]


def is_generated(f: models.Field) -> bool:
    """Whether the database computes the field's column (``GeneratedField``; Django 5.0+)."""
    return bool(getattr(f, "generated", False))


def definition(f: models.Field) -> str:
    """The field as a migration writes it: two fields with the same definition compute the same value."""
    from django.db.migrations.serializer import serializer_factory

    text, _imports = serializer_factory(f).serialize()
    return text


def generated_definitions(fields: Sequence[models.Field]) -> dict[str, str]:
    """Name -> definition of the generated fields among ``fields`` (the manifest's ``generated``)."""
    return {f.name: definition(f) for f in fields if is_generated(f)}

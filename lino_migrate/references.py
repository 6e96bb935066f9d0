"""References to ContentType and Permission rows: by natural key, also in generic foreign keys.

ContentType and Permission ids differ from one database to the next, so a
dump names those rows by natural key (``naturalkeys``). A generic foreign key
(``content_type`` + ``object_id``) whose content type is ContentType or
Permission refers to such a row by id too: its object id is written as the
natural key of that row, and mapped back to the id it has here at restore.
Every reference that cannot be followed is an error naming the model, the
row and the field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from .errors import DumpError, RestoreError
from .naturalkeys import GENERIC_TARGETS, DanglingReference, NaturalKeyResolver

if TYPE_CHECKING:
    from .manifest import Manifest

__all__ = [
    "UNDECLARED_PAIRS",
    "dangling_error",
    "dumped_permission_names",
    "generic_decoder",
    "generic_kind",
    "generic_pairs",
    "migrator_reference",
    "natural_key",
    "resolve",
]

_FORMS = {
    "contenttype": "(app_label, model), e.g. ('library', 'book')",
    "permission": "(codename, app_label, model), e.g. ('change_book', 'library', 'book')",
}


#: Models that pair a content type with an object id without declaring a GenericForeignKey.
UNDECLARED_PAIRS = {"admin.LogEntry": [("content_type", "object_id")]}


def generic_pairs(model: type[models.Model]) -> list[tuple[models.Field, models.Field]]:
    """(content type field, object id field) of each generic foreign key stored in the model's own table."""
    if not apps.is_installed("django.contrib.contenttypes"):
        return []
    from django.contrib.contenttypes.fields import GenericForeignKey

    names = [(p.ct_field, p.fk_field) for p in model._meta.private_fields if isinstance(p, GenericForeignKey)]
    names += UNDECLARED_PAIRS.get(model._meta.label, [])
    local = model._meta.local_concrete_fields
    pairs = []
    for ct_name, fk_name in names:
        try:
            ct_field = model._meta.get_field(ct_name)
            fk_field = model._meta.get_field(fk_name)
        except FieldDoesNotExist:
            continue
        if (ct_field in local and fk_field in local and ct_field.is_relation
                and ct_field.related_model._meta.label == "contenttypes.ContentType"
                and (ct_field, fk_field) not in pairs):
            pairs.append((ct_field, fk_field))
    return pairs


def dangling_error(label: str, row_name: str, field_name: str, exc: DanglingReference) -> DumpError:
    what = "ContentType" if exc.kind == "contenttype" else "Permission"
    return DumpError(
        f"{label} {row_name}: {field_name} refers to {what} id {exc.pk!r}, which does not exist. "
        f"Fix or delete that row (or point it at an existing {what}), then dump again."
    )


def dumped_permission_names(manifest: Manifest) -> dict[tuple[str, str, str], str]:
    """The names of the dumped Permission rows (and of those the manifest lists), by natural key.

    Read before any row is restored: a row that refers to a Permission may
    come before the Permission rows (a generic foreign key, or MODELS
    reordered), and a Permission created for it must get its real name.
    """
    from .datafile import read_rows

    names = dict(manifest.permission_names)
    info = manifest.models.get("auth.Permission")
    if info is None or "auth.Permission" not in manifest.selected:
        return names
    fields = [f.name for f in info.fields]
    if not {"name", "codename", "content_type"} <= set(fields):
        return names
    name_at, codename_at, type_at = fields.index("name"), fields.index("codename"), fields.index("content_type")
    for file_name in info.files:
        for _, values in read_rows(manifest.directory / file_name, len(fields)):
            content_type = values[type_at]
            if isinstance(values[name_at], str) and isinstance(content_type, list) and len(content_type) == 2:
                names[(values[codename_at], *content_type)] = values[name_at]
    return names


def natural_key(data: Any) -> tuple[str, ...]:
    """A natural key as written in a dump: a list of 2 (ContentType) or 3 (Permission) strings."""
    if not (isinstance(data, (list, tuple)) and len(data) in (2, 3) and all(isinstance(p, str) for p in data)):
        raise ValueError("expected an id, or a natural key [app_label, model] or [codename, app_label, model]")
    return tuple(data)


def resolve(key: tuple[str, ...], resolver: NaturalKeyResolver) -> int:
    return resolver.content_type_id(key) if len(key) == 2 else resolver.permission_id(key)


def generic_decoder(decode: Callable[[Any], Any], codec_name: str, resolver: NaturalKeyResolver | None) -> Callable[[Any], Any]:
    """The decoder of a generic object id column: an id, or a natural key mapped to an id here.

    With ``resolver`` None (rows on their way to the migrators), a natural key stays a tuple.
    """

    def decode_generic(data: Any) -> Any:
        if not isinstance(data, list):
            return decode(data)
        key = natural_key(data)
        if resolver is None:
            return key
        pk = resolve(key, resolver)
        return str(pk) if codec_name == "text" else pk

    return decode_generic


def migrator_reference(f: models.Field, value: Any, row: Any, label: str, resolver: NaturalKeyResolver, kind: str) -> int:
    """The id here of a natural key that a migrator's row gives for a reference; a clear error if malformed."""
    size = 2 if kind == "contenttype" else 3
    if not (isinstance(value, (tuple, list)) and len(value) == size and all(isinstance(p, str) for p in value)):
        what = "ContentType" if kind == "contenttype" else "Permission"
        raise RestoreError(
            f"{row.describe_source()}: {label}.{f.name} is {value!r:.80}, which is not a reference to a {what}: "
            f"give its natural key as a tuple {_FORMS[kind]}. Nothing was restored."
        )
    return resolve(tuple(value), resolver)


def generic_kind(content_type: Any) -> str | None:
    """``"contenttype"`` or ``"permission"`` when a row's content type (a natural key) is one of those models."""
    if isinstance(content_type, (tuple, list)) and len(content_type) == 2:
        return GENERIC_TARGETS.get(tuple(str(p).lower() for p in content_type))
    return None

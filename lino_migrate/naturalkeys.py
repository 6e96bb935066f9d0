"""ContentType and Permission: every rule about rows named by natural key lives here.

Their ids differ from one database to the next (they are created by
``migrate``), so a dump never writes them by id: it names them by natural key
(``NaturalKeys``, read in the dump's snapshot), and the restore maps each
natural key to the id it has here, creating a row that is missing
(``NaturalKeyResolver``).

A model that the current code no longer has (removed by a release) gets no
rows from the dump: its dumped ContentType and Permission rows are not
created, and a row of an auto-created many-to-many table that links to one
of them (``auth.Group_permissions``: a right on a model that is gone) is
left out, as Django's ``remove_stale_contenttypes`` would delete it. Any
other row that refers to one (``admin.LogEntry``, a generic foreign key) is
data: it is kept, and the stale ContentType (or Permission) is created for
it, as ``migrate`` leaves it behind in a database upgraded in place; the
restore says so (``NaturalKeyResolver.notes()``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Sequence

from django.apps import apps
from django.db import DatabaseError, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from .errors import DumpError
from .text import plural

__all__ = [
    "CONTENT_TYPE",
    "DanglingReference",
    "GENERIC_TARGETS",
    "NATURAL_KEY_FIELDS",
    "NATURAL_KEY_MODELS",
    "NaturalKeyResolver",
    "NaturalKeys",
    "PERMISSION",
    "REFERENCE_KINDS",
    "drops_links_to_removed_models",
    "ensure_natural_row",
    "reference_kind",
    "sort_key",
]

CONTENT_TYPE = "contenttypes.ContentType"
PERMISSION = "auth.Permission"

#: Models whose rows are dumped and restored by natural key, never by id.
NATURAL_KEY_MODELS = (CONTENT_TYPE, PERMISSION)

#: Models referred to by natural key, and the kind (the codec name) of their keys.
REFERENCE_KINDS = {CONTENT_TYPE: "contenttype", PERMISSION: "permission"}

#: The fields of a row that make its natural key (a Permission's content type is itself a natural key).
NATURAL_KEY_FIELDS = {CONTENT_TYPE: ("app_label", "model"), PERMISSION: ("codename", "content_type")}

#: The content types whose rows a generic object id names by natural key, and the codec of that key.
GENERIC_TARGETS = {("contenttypes", "contenttype"): "contenttype", ("auth", "permission"): "permission"}


class DanglingReference(DumpError):
    """A ContentType or Permission id with no such row (re-raised naming the row at fault)."""

    def __init__(self, kind: str, pk: Any):
        super().__init__(f"A reference to {kind} id {pk!r}, which does not exist.")
        self.kind = kind
        self.pk = pk


def reference_kind(label: str) -> str | None:
    """``"contenttype"`` or ``"permission"`` for a reference to that model (by label), else None."""
    return REFERENCE_KINDS.get(label)


class NaturalKeys:
    """The dump side: natural keys of ContentType and Permission rows by id, read in the snapshot."""

    def __init__(self, connection: BaseDatabaseWrapper):
        self.contenttypes: dict[int, list[str]] = {}
        self.permissions: dict[int, list[str]] = {}
        #: the name of each Permission, by natural key
        self.names: dict[tuple[str, str, str], str] = {}
        if not apps.is_installed("django.contrib.contenttypes"):
            return
        from django.contrib.contenttypes.models import ContentType

        rows = _select(connection, ContentType._meta.db_table, ("id", "app_label", "model"))
        self.contenttypes = {pk: [app_label, model] for pk, app_label, model in rows}
        if not apps.is_installed("django.contrib.auth"):
            return
        from django.contrib.auth.models import Permission

        for pk, codename, content_type_id, name in _select(
            connection, Permission._meta.db_table, ("id", "codename", "content_type_id", "name"),
        ):
            app_label, model = self.contenttypes.get(content_type_id, ["?", "?"])
            self.permissions[pk] = [codename, app_label, model]
            self.names[(codename, app_label, model)] = name

    def encoder(self, kind: str) -> Callable[[Any], list[str]]:
        """The function writing a reference of ``kind`` (an id) as its natural key."""
        table = self.contenttypes if kind == "contenttype" else self.permissions

        def encode(pk: Any) -> list[str]:
            try:
                return table[pk]
            except KeyError:
                raise DanglingReference(kind, pk) from None

        return encode

    def generic_object(self, content_type_id: Any, object_id: Any, field_name: str, raw: Any) -> Any:
        """The object id of a generic foreign key: a natural key where it points at a ContentType or Permission."""
        kind = GENERIC_TARGETS.get(tuple(self.contenttypes.get(content_type_id, ())))
        if kind is None:
            return object_id
        table = self.contenttypes if kind == "contenttype" else self.permissions
        try:
            return table[int(object_id)]
        except (KeyError, ValueError, TypeError):
            exc = DanglingReference(kind, raw)
            exc.field_name = field_name
            raise exc from None


def _select(connection: BaseDatabaseWrapper, table: str, columns: tuple[str, ...]) -> list[tuple]:
    """All rows of a table, or none when it cannot be read (not migrated)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute(f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table)}")
                return list(cursor.fetchall())
        except DatabaseError:
            return []


def sort_key(label: str, field_names: Sequence[str], natural_keys: NaturalKeys) -> Callable[[tuple], Any]:
    """Order ContentType and Permission rows (raw, as read) by natural key, the same in every database."""
    names = list(field_names)
    first, second = (names.index(name) for name in NATURAL_KEY_FIELDS[label])
    if label == CONTENT_TYPE:  # (app_label, model)
        return lambda row: (row[first], row[second])
    # (codename, content_type): by content type first, then codename
    return lambda row: (natural_keys.contenttypes.get(row[second], ["", ""]), row[first])


def ensure_natural_row(resolver: NaturalKeyResolver, label: str, values_by_name: dict[str, Any], using: str) -> int | None:
    """The restore side of one dumped ContentType or Permission row: find it here, or create it; its id.

    None, and nothing created, for a row of a model that the current code does
    not have. A Permission row's ``content_type`` is its natural key as dumped,
    or an id of this database (from a migrator's row).
    """
    if label == CONTENT_TYPE:
        key = (values_by_name["app_label"], values_by_name["model"])
        if not resolver.is_current(key):
            resolver.not_created(CONTENT_TYPE, key)
            return None
        return resolver.content_type_id(key)
    content_type = values_by_name["content_type"]
    if isinstance(content_type, (tuple, list)):
        type_key = (str(content_type[0]), str(content_type[1]))
    else:
        from django.contrib.contenttypes.models import ContentType

        found = ContentType.objects.db_manager(using).get_for_id(content_type)
        type_key = (found.app_label, found.model)
    if not resolver.is_current(type_key):
        resolver.not_created(PERMISSION, type_key)
        return None
    return resolver.permission_id((values_by_name["codename"], *type_key), values_by_name.get("name"))


def drops_links_to_removed_models(model: Any) -> bool:
    """True for an auto-created many-to-many table: a row of it that links to a removed model's
    ContentType or Permission is left out (``NaturalKeyResolver.linked_id``)."""
    return bool(model._meta.auto_created)


class NaturalKeyResolver:
    """Maps natural keys to the ids of this database, creating missing rows."""

    def __init__(
        self,
        using: str,
        renames: dict[tuple[str, str], tuple[str, str]] | None = None,
        names: dict[tuple[str, str, str], str] | None = None,
    ):
        self.using = using
        #: names of Permissions the dump refers to without their rows, by (dumped) natural key
        self.names = names or {}
        #: (app_label, model) of models that migrators renamed, old -> new
        self.renames = renames or {}
        self._content_types: dict[tuple[str, str], int] | None = None
        self._permissions: dict[tuple[str, str, str], int] | None = None
        #: dumped rows not created, (kind, model) -> count; links left out, table label -> count
        self.skipped: Counter[tuple[str, tuple[str, str]]] = Counter()
        self.dropped: Counter[str] = Counter()
        #: ContentTypes of models the current code does not have, created for rows that refer to them
        self.stale: set[tuple[str, str]] = set()

    def is_current(self, key: tuple[str, str]) -> bool:
        """Whether the current code has the model of a ContentType's natural key (after the migrators' renames)."""
        app_label, model = self.renames.get(key, key)
        try:
            apps.get_model(app_label, model)
        except LookupError:
            return False
        return True

    def not_created(self, kind: str, key: tuple[str, str]) -> None:
        self.skipped[(kind, key)] += 1

    def linked_id(self, kind: str, key: tuple[str, ...], table: str) -> int | None:
        """The id here of what a row of the many-to-many table ``table`` links to; None (the row is
        left out) when that is a ContentType or Permission of a model the current code does not have."""
        if not self.is_current((key[0], key[1]) if kind == "contenttype" else (key[1], key[2])):
            self.dropped[table] += 1
            return None
        return self.content_type_id(key) if kind == "contenttype" else self.permission_id(key)

    def notes(self) -> list[str]:
        """What the restore did about models the current code does not have, one line each (none: nothing)."""
        lines = []
        if self.skipped:
            counts = Counter(kind.rpartition(".")[2] for kind, _ in self.skipped.elements())
            what = " and ".join(plural(counts[kind], kind) for kind in ("ContentType", "Permission") if counts[kind])
            models = ", ".join(sorted({".".join(key) for _, key in self.skipped}))
            lines.append(f"Notice: {what} of models the current code does not have ({models}) were not created.")
        for table, count in sorted(self.dropped.items()):
            verbs = ("links", "was") if count == 1 else ("link", "were")
            lines.append(
                f"Notice: {table}: {plural(count, 'row')} that {verbs[0]} to a model the current code does not have "
                f"{verbs[1]} left out."
            )
        if self.stale:
            models = ", ".join(sorted(".".join(key) for key in self.stale))
            lines.append(
                f"Notice: rows that refer to models the current code does not have ({models}) are kept, with "
                f"the ContentTypes they need; `manage.py remove_stale_contenttypes` deletes those and the rows "
                f"that depend on them."
            )
        return lines

    def content_type_id(self, key: tuple[str, str]) -> int:
        from django.contrib.contenttypes.models import ContentType

        key = self.renames.get(key, key)
        if self._content_types is None:
            self._content_types = {
                (app_label, model): pk
                for pk, app_label, model in ContentType.objects.using(self.using).values_list("pk", "app_label", "model")
            }
        pk = self._content_types.get(key)
        if pk is None:
            pk = ContentType.objects.using(self.using).create(app_label=key[0], model=key[1]).pk
            self._content_types[key] = pk
            ContentType.objects.clear_cache()
            if not self.is_current(key):
                self.stale.add(key)
        return pk

    def permission_id(self, key: tuple[str, str, str], name: str | None = None) -> int:
        from django.contrib.auth.models import Permission

        name = name or self.names.get(key)
        key = self._renamed_permission(key)
        if self._permissions is None:
            self._permissions = {
                (codename, app_label, model): pk
                for pk, codename, app_label, model in Permission.objects.using(self.using).values_list(
                    "pk", "codename", "content_type__app_label", "content_type__model"
                )
            }
        pk = self._permissions.get(key)
        if pk is None:
            codename, app_label, model = key
            pk = Permission.objects.using(self.using).create(
                codename=codename,
                content_type_id=self.content_type_id((app_label, model)),
                name=(name or codename)[: Permission._meta.get_field("name").max_length],
            ).pk
            self._permissions[key] = pk
        return pk

    def _renamed_permission(self, key: tuple[str, str, str]) -> tuple[str, str, str]:
        """A default permission of a renamed model becomes that of the new name."""
        codename, app_label, model = key
        new = self.renames.get((app_label, model))
        if new is None:
            return key
        try:
            actions = apps.get_model(*new)._meta.default_permissions
        except LookupError:
            actions = ("add", "change", "delete", "view")
        for action in actions:
            if codename == f"{action}_{model}":
                codename = f"{action}_{new[1]}"
                break
        return (codename, *new)

"""ContentType and Permission rows, found (or created) by natural key.

Their ids differ from one database to the next (they are created by
``migrate``), so a dump never restores them by id: it names them by natural
key, and the restore maps each natural key to the id it has here.
"""

from __future__ import annotations

from django.apps import apps


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

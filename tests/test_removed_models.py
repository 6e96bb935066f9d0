"""A release removed models: their ContentType and Permission rows are not restored (issue 11, point 5).

shelf 1.0 has Tag and Magazine; shelf 2.0 removes Tag (RemoveModel) and turns
Magazine rows into Books. A dump of 1.0 restored into a fresh 2.0 schema must
not bring back the ContentTypes and Permissions of Tag and Magazine, nor the
rights that groups and users held on them (rows of the auto-created
many-to-many tables). An admin log entry about a magazine is the user's data:
it is kept, and with it the one ContentType it needs.
"""

from __future__ import annotations

import pytest

from tests.shelf.helpers import apps_env, drop_test_app_tables, dump_store, shelf  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

MAKE_DUMP = """
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from tests.shelf.scenario import populate

call_command("migrate", verbosity=0)
populate()
def perms(*codenames):
    return [Permission.objects.get(codename=c, content_type__app_label="shelf") for c in codenames]
group = Group.objects.create(name="ux11 editors")
group.permissions.set(perms("add_tag", "change_tag", "add_book"))
user = User.objects.create(username="ux11-ed")
user.user_permissions.set(perms("view_magazine", "view_book"))
LogEntry.objects.create(
    user=user, content_type=ContentType.objects.get(app_label="shelf", model="magazine"),
    object_id="1", object_repr="Byte", action_flag=ADDITION,
)
call_command("dump2py", {target!r}, verbosity=0)
LogEntry.objects.filter(user=user).delete()
user.delete()
group.delete()
"""


def _shelf_types() -> set[str]:
    from django.contrib.contenttypes.models import ContentType

    return set(ContentType.objects.filter(app_label="shelf").values_list("model", flat=True))


def _shelf_permissions() -> set[str]:
    from django.contrib.auth.models import Permission

    return set(Permission.objects.filter(content_type__app_label="shelf").values_list("codename", flat=True))


def test_removed_models_get_no_content_types_permissions_or_rights(manage, shelf, tmp_path):  # noqa: F811
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth.models import Group, User

    target = tmp_path / "shelf-1.0"
    manage.ok("shell", "-c", MAKE_DUMP.format(target=str(target)), env=apps_env("1.0"))
    drop_test_app_tables()  # a fresh schema for shelf: restore migrates it to 2.0
    try:
        result = shelf.restore(target)
        assert result.returncode == 0, result.stderr
        rows = {line.split()[0]: line.split()[-1] for line in result.stdout.splitlines() if line.startswith("auth.")}
        assert rows["auth.Group_permissions"] == "1" and rows["auth.User_user_permissions"] == "1", result.stdout

        # Tag is gone, and with it its ContentType and Permissions; Writer became Author (a rename, not a removal)
        types = _shelf_types()
        assert "tag" not in types and "writer" not in types and {"author", "book"} <= types
        codenames = _shelf_permissions()
        assert not {c for c in codenames if c.endswith(("_tag", "_magazine", "_writer"))}, codenames
        assert {"add_author", "add_book", "view_book"} <= codenames

        # the rights on removed models are left out, those on current ones kept
        group = Group.objects.get(name="ux11 editors")
        assert sorted(group.permissions.values_list("codename", flat=True)) == ["add_book"]
        user = User.objects.get(username="ux11-ed")
        assert sorted(user.user_permissions.values_list("codename", flat=True)) == ["view_book"]

        # the log entry about a magazine is kept, with the (stale) ContentType it refers to
        [entry] = LogEntry.objects.filter(user=user)
        assert (entry.content_type.app_label, entry.content_type.model, entry.object_repr) == ("shelf", "magazine", "Byte")
        assert entry.content_type.model_class() is None
        assert "magazine" in types
    finally:
        LogEntry.objects.filter(user__username="ux11-ed").delete()
        User.objects.filter(username="ux11-ed").delete()
        Group.objects.filter(name="ux11 editors").delete()

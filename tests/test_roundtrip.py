"""Round trips through ``dump2py`` and ``restore`` run as real subprocesses.

Every test fills the zoo with nasty values (``tests.zoo.data.populate``),
takes an exact ``snapshot()``, dumps, damages the database, restores and
compares snapshots.
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import math
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connections

from lino_migrate.testing import assert_same_dump
from tests.zoo import data
from tests.zoo import models as z

pytestmark = pytest.mark.django_db(transaction=True)

CREATED = re.compile(r"^CREATED = ", re.M)


# --- helpers -------------------------------------------------------------------


def read_dump(target: Path) -> dict:
    """The ``DUMP = {...}`` dict literal of ``TARGET/restore.py``."""
    source = (target / "restore.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "DUMP" for t in node.targets):
            dump = ast.literal_eval(node.value)
            assert isinstance(dump, dict), dump
            return dump
    raise AssertionError(f"no DUMP = {{...}} in {target / 'restore.py'}")


def models_of(dump: dict) -> dict:
    """DUMP["models"] with lower-cased labels."""
    return {label.lower(): info for label, info in dump["models"].items()}


def files_of(dump: dict) -> dict[str, dict]:
    """DUMP["files"] as name -> {"model", "rows", "sha256"} (a list of dicts with "name" is accepted too)."""
    files = dump["files"]
    if isinstance(files, dict):
        return {name: {"name": name, **entry} for name, entry in files.items()}
    result = {entry["name"]: entry for entry in files}
    assert len(result) == len(files), "a file is listed twice"
    return result


def tree(target: Path) -> dict[str, bytes]:
    """relative path -> content of every file below target (no bytecode caches)."""
    return {
        str(p.relative_to(target)): p.read_bytes()
        for p in sorted(target.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def assert_snapshots_equal(before: dict, after: dict) -> None:
    assert before == after, "snapshots differ:\n" + data.diff(before, after)


def zoo_models():
    return [m for m in apps.get_app_config("zoo").get_models() if not m._meta.proxy]


def wipe() -> None:
    """Delete all data that populate() created."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth.models import Group, User

    LogEntry.objects.all().delete()
    for model in zoo_models():
        model._base_manager.all().delete()
    if apps.is_installed("tests.pgzoo"):
        for model in apps.get_app_config("pgzoo").get_models():
            model._base_manager.all().delete()
    User.objects.all().delete()
    Group.objects.all().delete()


def damage() -> None:
    """Change, add and delete rows so that a restore has to replace them."""
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.contrib.auth.models import Group, Permission, User

    z.Texts.objects.filter(pk__in=list(z.Texts.objects.values_list("pk", flat=True)[:3])).update(char="changed", text="changed")
    z.Floats.objects.update(float_value=42.0)
    z.Book.objects.order_by("pk").first().delete()
    z.Node.objects.create(id=999999, name="extra node")
    z.Tag.objects.create(name="extra tag")
    z.Person.objects.update(name="renamed")
    z.Stamped.objects.create(name="extra stamped")
    user = User.objects.create(username="intruder", password="x")
    user.user_permissions.set(Permission.objects.filter(codename__startswith="delete_")[:5])
    Group.objects.get(name="readers").permissions.clear()
    z.Place.objects.filter(name="Just a place").delete()
    z.ItalianRestaurant.objects.create(name="Extra", address="x", serves_gnocchi=True)
    z.AutoPk.objects.create(id=5000000, name="extra")
    LogEntry.objects.create(user=user, action_flag=ADDITION, object_repr="extra log")
    z.CycleA.objects.update(b=None)
    z.TaggedItem.objects.create(label="extra", content_object=user)


def fresh_start() -> None:
    from django.contrib.contenttypes.models import ContentType

    connections.close_all()
    ContentType.objects.clear_cache()


def dump(manage, target: Path, *extra: str, env: dict | None = None) -> dict:
    manage.ok("dump2py", str(target), "--noinput", *extra, env=env)
    fresh_start()
    assert (target / "restore.py").is_file()
    return read_dump(target)


def restore(manage, target: Path, *extra: str, env: dict | None = None) -> None:
    manage.ok("restore", str(target), "--noinput", *extra, env=env)
    fresh_start()


def populated() -> dict:
    fresh_start()
    data.populate()
    before = data.snapshot()
    assert sum(len(rows) for label, rows in before.items() if label.startswith("zoo.")) > 200
    return before


# --- tests -----------------------------------------------------------------------


def test_roundtrip_into_emptied_database(manage, tmp_path):
    before = populated()
    dump(manage, tmp_path / "dump")
    wipe()
    assert data.snapshot() != before
    restore(manage, tmp_path / "dump")
    assert_snapshots_equal(before, data.snapshot())


def test_roundtrip_replaces_changed_data(manage, tmp_path):
    before = populated()
    dump(manage, tmp_path / "dump")
    damage()
    assert data.snapshot() != before
    restore(manage, tmp_path / "dump")
    assert_snapshots_equal(before, data.snapshot())


def test_restore_twice_is_idempotent(manage, tmp_path):
    before = populated()
    dump(manage, tmp_path / "dump")
    restore(manage, tmp_path / "dump")
    assert_snapshots_equal(before, data.snapshot())
    restore(manage, tmp_path / "dump")
    assert_snapshots_equal(before, data.snapshot())


def test_restore_by_running_restore_py(manage, tmp_path):
    before = populated()
    target = tmp_path / "dump"
    dump(manage, target)
    damage()
    manage.ok("run", str(target / "restore.py"), "--noinput")
    fresh_start()
    assert_snapshots_equal(before, data.snapshot())


def test_dump_metadata_matches_files_and_database(manage, tmp_path):
    before = populated()
    target = tmp_path / "dump"
    meta = dump(manage, target)
    assert {"format", "models", "files", "apps"} <= set(meta)
    files = tree(target)
    # every data file is listed with the right checksum and model, and nothing else is there
    listed = files_of(meta)
    for name, entry in listed.items():
        assert name in files, f"{name} listed but not written"
        assert hashlib.sha256(files[name]).hexdigest() == entry["sha256"], name
    unlisted = set(files) - set(listed) - {"restore.py"}
    assert not {n for n in unlisted if n.endswith(".py") and n != "__init__.py"}, f"unlisted data files {unlisted}"
    # row counts agree with the database and with the files
    models = models_of(meta)
    for label, rows in before.items():
        if label in ("contenttypes.contenttype", "auth.permission"):
            continue
        if not rows:
            continue
        assert label in models, f"{label} has {len(rows)} rows but is not in DUMP['models']"
        info = models[label]
        assert info["rows"] == len(rows), label
        assert sum(listed[name]["rows"] for name in info["files"]) == len(rows), label
        for name in info["files"]:
            assert listed[name]["model"].lower() == label
        app_label, model_name = label.split(".")
        assert info["files"] == [f"{app_label}_{model_name}.py"], (label, info["files"])
        concrete = apps.get_model(label)._meta.local_concrete_fields
        assert len(info["fields"]) == len(concrete), (label, info["fields"])
    # auto-created through tables get their own files
    assert models["zoo.book_tags"]["files"] == ["zoo_book_tags.py"]
    assert models["zoo.role_permissions"]["rows"] == len(before["zoo.role_permissions"])
    assert models["auth.user_user_permissions"]["files"] == ["auth_user_user_permissions.py"]
    # data files are valid Python source
    for name in listed:
        compile(files[name], name, "exec")
    compile(files["restore.py"], "restore.py", "exec")


def test_dump_is_deterministic(manage, tmp_path):
    populated()
    first = tmp_path / "first"
    second = tmp_path / "second"
    dump(manage, first)
    dump(manage, second)
    assert_same_dump(first, second)


def test_double_dump_after_restore_is_identical(manage, tmp_path):
    before = populated()
    first = tmp_path / "first"
    second = tmp_path / "second"
    dump(manage, first)
    wipe()
    restore(manage, first)
    assert_snapshots_equal(before, data.snapshot())
    dump(manage, second)
    assert_same_dump(first, second)


def test_chunked_dump(manage, tmp_path):
    before = populated()
    target = tmp_path / "dump"
    meta = dump(manage, target, "-m", "2")
    files = tree(target)
    listed = files_of(meta)
    models = models_of(meta)
    assert all(entry["rows"] <= 2 for entry in listed.values()), [e for e in listed.values() if e["rows"] > 2]
    for label, rows in before.items():
        if label in ("contenttypes.contenttype", "auth.permission") or not rows:
            continue
        info = models[label]
        base = label.replace(".", "_")
        expected = [f"{base}_{i}.py" for i in range(1, math.ceil(len(rows) / 2) + 1)]
        if len(rows) <= 2:
            assert info["files"] in (expected, [f"{base}.py"]), (label, info["files"])
        else:
            assert info["files"] == expected, (label, info["files"])
        assert sum(listed[name]["rows"] for name in info["files"]) == len(rows) == info["rows"], label
        for name in info["files"]:
            assert name in files
            assert hashlib.sha256(files[name]).hexdigest() == listed[name]["sha256"]
    assert len(models["zoo.texts"]["files"]) == math.ceil(len(before["zoo.texts"]) / 2) >= 8
    damage()
    restore(manage, target)
    assert_snapshots_equal(before, data.snapshot())


def test_auto_now_values_and_sequences_after_restore(manage, tmp_path):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.auth.models import Group, User

    before = populated()
    stamped = list(z.Stamped.objects.order_by("pk").values_list("created", "modified", "created_day", "modified_time"))
    assert stamped[0][0] == data.nasty_datetimes()[0]
    target = tmp_path / "dump"
    dump(manage, target)
    wipe()
    restore(manage, target)
    assert_snapshots_equal(before, data.snapshot())
    assert list(z.Stamped.objects.order_by("pk").values_list("created", "modified", "created_day", "modified_time")) == stamped

    def max_pk(model):
        return max(model._base_manager.values_list("pk", flat=True))

    maxima = {
        model: max_pk(model)
        for model in (z.AutoPk, z.BigAutoPk, z.SmallAutoPk, z.Node, z.Book, z.Place, z.Tag, z.TaggedItem, z.Authorship, z.Stamped,
                      z.Book.tags.through, z.Role.permissions.through, User, Group, User.user_permissions.through, LogEntry)
    }
    assert maxima[z.AutoPk] > 1000000 and maxima[z.BigAutoPk] == 2**40 and maxima[z.SmallAutoPk] == 30000
    user = User.objects.create(username="after restore")
    group = Group.objects.create(name="after restore")
    book = z.Book.objects.create(title="after restore")
    tag = z.Tag.objects.create(name="after restore")
    book.tags.add(tag)
    role = z.Role.objects.get(name="clerk")
    from django.contrib.auth.models import Permission

    role.permissions.add(Permission.objects.get(codename="add_node"))
    user.user_permissions.add(Permission.objects.get(codename="add_node"))
    stamp = z.Stamped.objects.create(name="after restore")
    created = {
        z.AutoPk: z.AutoPk.objects.create(name="after").pk,
        z.BigAutoPk: z.BigAutoPk.objects.create(name="after").pk,
        z.SmallAutoPk: z.SmallAutoPk.objects.create(name="after").pk,
        z.Node: z.Node.objects.create(name="after").pk,
        z.Book: book.pk,
        z.Place: z.ItalianRestaurant.objects.create(name="after", address="").pk,
        z.Tag: tag.pk,
        z.TaggedItem: z.TaggedItem.objects.create(label="after", content_object=book).pk,
        z.Authorship: z.Authorship.objects.create(book=book, author=z.Author.objects.first(), role="x", position=1).pk,
        z.Stamped: stamp.pk,
        z.Book.tags.through: z.Book.tags.through.objects.get(book=book, tag=tag).pk,
        z.Role.permissions.through: z.Role.permissions.through.objects.get(role=role, permission__codename="add_node").pk,
        User: user.pk,
        Group: group.pk,
        User.user_permissions.through: User.user_permissions.through.objects.get(user=user).pk,
        LogEntry: LogEntry.objects.create(user=user, action_flag=CHANGE, object_repr="after").pk,
    }
    too_small = {m._meta.label: (pk, maxima[m]) for m, pk in created.items() if pk <= maxima[m]}
    assert not too_small, f"new rows got pks not above the restored ones: {too_small}"
    # auto_now fields work again for new rows
    assert stamp.created is not None and stamp.created > dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize(
    ("dump_zone", "restore_zone"),
    [("Europe/Brussels", "America/New_York"), ("America/New_York", "Asia/Kolkata")],
)
def test_restore_in_other_time_zone_keeps_instants(manage, tmp_path, dump_zone, restore_zone):
    before = populated()
    target = tmp_path / "dump"
    dump(manage, target, env={"LM_TIME_ZONE": dump_zone})
    wipe()
    restore(manage, target, env={"LM_TIME_ZONE": restore_zone})
    assert_snapshots_equal(before, data.snapshot())


def test_use_tz_change_keeps_instants(manage, tmp_path):
    """Aware dump -> naive site -> naive dump -> aware site: the same instants.

    Values that do not survive naive local time (the repeated DST hour, the
    ends of the calendar) are left out: they cannot exist in a USE_TZ=False site.
    """
    fresh_start()
    data.populate(local_time_safe=True)
    before = data.snapshot()
    aware_dump = tmp_path / "aware"
    naive_dump = tmp_path / "naive"
    dump(manage, aware_dump)
    wipe()
    naive = {"LM_USE_TZ": "0"}
    restore(manage, aware_dump, env=naive)
    dump(manage, naive_dump, env=naive)
    wipe()
    restore(manage, naive_dump)
    assert_snapshots_equal(before, data.snapshot())


def test_use_tz_change_naive_dump_in_other_zone(manage, tmp_path):
    """A naive dump made in New York, restored in an aware Brussels site."""
    fresh_start()
    data.populate(local_time_safe=True)
    before = data.snapshot()
    aware_dump = tmp_path / "aware"
    naive_dump = tmp_path / "naive"
    dump(manage, aware_dump)
    wipe()
    new_york_naive = {"LM_USE_TZ": "0", "LM_TIME_ZONE": "America/New_York"}
    restore(manage, aware_dump, env=new_york_naive)
    # the naive site really holds New York wall clock times
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT name, created FROM zoo_stamped ORDER BY id")
        raw = cursor.fetchall()
    if connections["default"].vendor != "postgresql":
        first = raw[0][1]
        if isinstance(first, str):
            first = dt.datetime.fromisoformat(first)
        expected = data.nasty_datetimes(True)[0].astimezone(data.NEW_YORK).replace(tzinfo=None)
        assert first.replace(tzinfo=None) == expected
    dump(manage, naive_dump, env=new_york_naive)
    wipe()
    restore(manage, naive_dump)
    assert_snapshots_equal(before, data.snapshot())


def test_contenttype_and_permission_ids_are_remapped(manage, tmp_path):
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission, User
    from django.contrib.contenttypes.models import ContentType

    before = populated()
    old_ct_ids = dict(ContentType.objects.filter(app_label="zoo").values_list("model", "pk"))
    old_perm_ids = dict(Permission.objects.filter(content_type__app_label="zoo").values_list("codename", "pk"))
    target = tmp_path / "dump"
    dump(manage, target)
    wipe()
    # recreate the zoo content types and permissions with other ids, in another order
    ContentType.objects.filter(app_label="zoo").delete()
    ContentType.objects.clear_cache()
    for model in reversed(list(apps.get_app_config("zoo").get_models())):
        ContentType.objects.create(app_label="zoo", model=model._meta.model_name)
    for model in apps.get_app_config("zoo").get_models():
        if model._meta.proxy:
            ContentType.objects.get_or_create(app_label="zoo", model=model._meta.model_name)
    create_permissions(apps.get_app_config("zoo"), verbosity=0)
    new_ct_ids = dict(ContentType.objects.filter(app_label="zoo").values_list("model", "pk"))
    new_perm_ids = dict(Permission.objects.filter(content_type__app_label="zoo").values_list("codename", "pk"))
    assert set(new_ct_ids) == set(old_ct_ids) and set(new_perm_ids) == set(old_perm_ids)
    assert not set(new_ct_ids.values()) & set(old_ct_ids.values())
    assert not set(new_perm_ids.values()) & set(old_perm_ids.values())

    restore(manage, target)
    assert_snapshots_equal(before, data.snapshot())
    # the ids in the database are the new ones, and the references resolve
    assert dict(ContentType.objects.filter(app_label="zoo").values_list("model", "pk")) == new_ct_ids
    book = z.Book.objects.get(title=z.Book.objects.order_by("pk").first().title)
    items = {item.label: item.content_object for item in z.TaggedItem.objects.order_by("pk")}
    assert all(obj is not None for obj in items.values()), items
    assert list(items.values())[0] == book
    assert isinstance(list(items.values())[-1], z.PlaceProxy)
    assert {type(obj).__name__ for obj in items.values()} >= {"Book", "Person", "Node", "ItalianRestaurant", "Restaurant", "User", "Group"}
    brien = User.objects.get(username="o.brien")
    assert brien.has_perm("zoo.delete_book") and brien.has_perm("zoo.add_tag") and brien.has_perm("zoo.view_book")
    assert not brien.has_perm("zoo.add_book")
    boss = z.Role.objects.get(name="boss")
    assert boss.main_permission.codename == "delete_book" and boss.main_permission.pk == new_perm_ids["delete_book"]
    assert boss.scope.model_class() is z.Book
    assert sorted(boss.permissions.values_list("codename", flat=True)) == ["add_book", "delete_user", "view_contenttype"]


def test_sessions_are_not_dumped_by_default(manage, tmp_path):
    from django.contrib.sessions.backends.db import SessionStore

    populated()
    session = SessionStore()
    session["secret"] = "do not dump me"
    session.create()
    target = tmp_path / "dump"
    meta = dump(manage, target)
    assert "sessions.session" not in models_of(meta) or not models_of(meta)["sessions.session"]["rows"]
    assert not [name for name in tree(target) if name.startswith("sessions_")]
    assert not any(session.session_key.encode() in content for content in tree(target).values())
    assert "zoo.book" in models_of(meta)

"""References come back right: --exclude by exact label, natural keys (also in generic
foreign keys), multi-table inheritance and new rows made by migrators.

Every command runs as a subprocess against the test database (app ``tests.refs``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from tests.refs import models as r

pytestmark = pytest.mark.django_db(transaction=True)

MIGRATED = {"REFS_VERSION": "2.0"}


def migrators(name: str) -> dict[str, str]:
    """The environment of a restore by refs 2.0 with the migrators of tests/refs/alt/<name>."""
    return {**MIGRATED, "REFS_MIGRATORS": f"tests.refs.alt.{name}"}


def dump_dict(target: Path) -> dict:
    source = (target / "restore.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "DUMP":
            return ast.literal_eval(node.value)
    raise AssertionError("no DUMP")


def table(name: str, columns: str) -> list[tuple]:
    """Rows of a table by raw SQL, ordered by the first column."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {quote(name)} ORDER BY 1")
        result = [tuple(row) for row in cursor.fetchall()]
    connection.close()
    return result


def assert_fails(result, *needles: str) -> None:
    where = f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.returncode != 0, where
    assert "Traceback" not in result.stderr, where
    for needle in needles:
        assert needle in result.stderr, f"{needle!r} not in stderr\n{where}"


# --- 7. --exclude matches labels exactly -------------------------------------------


def _items() -> None:
    label = r.Label.objects.create(name="red")
    item = r.Item.objects.create(name="item")
    item.labels.add(label)
    r.Item_1.objects.create(name="item one")
    r.Item_tags.objects.create(name="item tags")


def test_restore_exclude_leaves_out_the_model_and_its_m2m_table_not_models_named_alike(manage, tmp_path):
    _items()
    target = tmp_path / "dump"
    manage.ok("dump2py", target, "--noinput")
    for model in (r.Item, r.Item_1, r.Item_tags, r.Label):
        model.objects.all().delete()

    result = manage.ok("restore", target, "--noinput", "-e", "refs.Item")
    assert table("refs_item_1", "name") == [("item one",)]
    assert table("refs_item_tags", "name") == [("item tags",)]
    assert table("refs_label", "name") == [("red",)]
    assert table("refs_item", "name") == [] and table("refs_item_labels", "id") == []
    assert "refs.Item_1 " in result.stdout and "refs.Item_labels" not in result.stdout
    assert dump_dict(target)["models"]["refs.Item_labels"]["auto_created"] == "refs.Item"


def test_restore_exclude_of_an_old_dump_finds_the_owner_in_the_current_code(manage, tmp_path):
    """A dump written before the manifest recorded "auto_created": the owner comes from the current code."""
    _items()
    target = tmp_path / "dump"
    manage.ok("dump2py", target, "--noinput")
    script = target / "restore.py"
    text = script.read_text(encoding="utf-8")
    assert text.count("'auto_created': 'refs.Item'") == 1
    script.write_text(text.replace("'auto_created': 'refs.Item',", ""), encoding="utf-8")
    r.Item_1.objects.all().delete()

    manage.ok("restore", target, "--noinput", "-e", "refs.Item")
    assert table("refs_item_1", "name") == [("item one",)]
    assert table("refs_item_labels", "id") == []


def test_dump_exclude_leaves_out_the_model_and_its_m2m_table_not_models_named_alike(manage, tmp_path):
    _items()
    target = tmp_path / "dump"
    manage.ok("dump2py", target, "refs", "--noinput", "-e", "refs.Item")
    assert sorted(dump_dict(target)["models"]) == ["refs.Book", "refs.Copy", "refs.Edition", "refs.Grant",
                                                  "refs.Item_1", "refs.Item_tags", "refs.Label", "refs.Mark",
                                                  "refs.Place", "refs.Restaurant"]


# --- 9. natural keys ---------------------------------------------------------------


def _references() -> dict:
    """A custom Permission and ContentType, and rows that refer to them (also generically)."""
    grant_type = ContentType.objects.get_for_model(r.Grant)
    ghost = ContentType.objects.create(app_label="refs", model="ghost")
    fly = Permission.objects.create(codename="fly_grant", name="Can fly a grant", content_type=grant_type)
    r.Grant.objects.create(id=1, name="g", permission=fly, scope=ghost)
    permission_type = ContentType.objects.get_for_model(Permission)
    r.Mark.objects.create(id=1, note="a permission", content_type=permission_type, object_id=fly.pk)
    r.Mark.objects.create(id=2, note="a content type", content_type=ContentType.objects.get_for_model(ContentType), object_id=ghost.pk)
    r.Mark.objects.create(id=3, note="a grant", content_type=grant_type, object_id=1)
    user = User.objects.create(username="admin", password="x")
    LogEntry.objects.create(user=user, content_type=permission_type, object_id=str(fly.pk), object_repr="fly", action_flag=CHANGE)
    return {"fly": fly.pk, "ghost": ghost.pk}


def _shift_ids(old: dict) -> None:
    """Delete the custom rows and take their ids with others: at restore they get new ids."""
    r.Grant.objects.all().delete()
    r.Mark.objects.all().delete()
    LogEntry.objects.all().delete()
    Permission.objects.filter(codename="fly_grant").delete()
    ContentType.objects.filter(model="ghost").delete()
    grant_type = ContentType.objects.get_for_model(r.Grant)
    Permission.objects.create(codename="filler", name="filler", content_type=grant_type)
    ContentType.objects.create(app_label="refs", model="filler")


def _assert_references_follow() -> None:
    fly = Permission.objects.get(codename="fly_grant")
    ghost = ContentType.objects.get(app_label="refs", model="ghost")
    assert fly.name == "Can fly a grant"
    grant = r.Grant.objects.get()
    assert (grant.permission_id, grant.scope_id) == (fly.pk, ghost.pk)
    marks = {mark.id: mark.object_id for mark in r.Mark.objects.all()}
    assert marks == {1: fly.pk, 2: ghost.pk, 3: 1}
    assert LogEntry.objects.get().object_id == str(fly.pk)


@pytest.mark.parametrize("env", [{}, migrators("touch")], ids=["direct", "through-migrators"])
def test_generic_references_to_permissions_and_content_types_follow_their_new_ids(manage, tmp_path, env):
    old = _references()
    target = tmp_path / "dump"
    manage.ok("dump2py", target, "--noinput")
    marks = (target / "refs_mark.py").read_text(encoding="utf-8")
    assert '["fly_grant", "refs", "grant"]' in marks and '["refs", "ghost"]' in marks
    _shift_ids(old)
    manage.ok("restore", target, "--noinput", env=env)
    assert Permission.objects.get(codename="fly_grant").pk != old["fly"]
    assert ContentType.objects.get(model="ghost").pk != old["ghost"]
    _assert_references_follow()


def test_a_permission_whose_row_is_not_in_the_dump_is_created_with_its_real_name(manage, tmp_path):
    old = _references()
    target = tmp_path / "dump"
    manage.ok("dump2py", target, "refs", "admin", "auth.User", "--noinput")  # no auth.Permission rows
    _shift_ids(old)
    manage.ok("restore", target, "--noinput")
    _assert_references_follow()


def test_a_migrator_giving_a_permission_as_a_pair_is_a_clear_error(manage, tmp_path):
    _references()
    target = tmp_path / "dump"
    manage.ok("dump2py", target, "--noinput")
    result = manage("restore", target, "--noinput", env=migrators("badperm"))
    assert_fails(result, "refs.Grant pk=1", "refs.Grant.permission", "('fly_grant', 'refs')",
                 "(codename, app_label, model)")
    assert r.Grant.objects.count() == 1


@pytest.mark.parametrize("model, field, kind", [
    ("Grant", "scope", "ContentType"), ("Grant", "permission", "Permission"), ("Mark", "object_id", "Permission"),
])
def test_a_dangling_reference_at_dump_names_model_row_and_field(manage, tmp_path, model, field, kind):
    _references()
    if model == "Grant":
        r.Grant.objects.filter(pk=1).update(**{f"{field}_id": 99999})
    else:
        r.Mark.objects.filter(pk=1).update(object_id=99999)
    result = manage("dump2py", tmp_path / "dump", "--noinput")
    assert_fails(result, f"refs.{model} pk=1: {field} refers to {kind} id 99999, which does not exist")
    assert not (tmp_path / "dump").exists()


# --- 10. multi-table inheritance in migrators ----------------------------------------


def test_a_child_row_writes_its_parents_fields_and_a_new_child_row_its_parent_row(manage, tmp_path):
    r.Restaurant.objects.create(id=1, name="Luigi's", city="Naples", serves_pizza=True)
    r.Place.objects.create(id=7, name="A park", city="Ghent")
    r.Book.objects.create(id=1, title="Dune")
    r.Book.objects.create(id=2, title="Emma")
    target = tmp_path / "dump"
    manage.ok("dump2py", target, "--noinput")

    manage.ok("restore", target, "--noinput", env=migrators("inherit"))
    assert table("refs_place", "id, name, city") == [
        (1, "Pizza Palace", "Rome"),  # set on the Restaurant row by the migrator
        (7, "A park", "Ghent"),
        (20, "Twenty", ""),  # a new restaurant with its key: a Place row with the same one
        (21, "Café Dune", ""),  # new restaurants without a key: fresh ids above the dumped ones and 20
        (22, "Café Emma", ""),
    ]
    assert [(pk, bool(pizza)) for pk, pizza in table("refs_restaurant", "place_ptr_id, serves_pizza")] == [
        (1, True), (20, False), (21, True), (22, True),
    ]
    assert sorted(r.Restaurant.objects.values_list("name", flat=True)) == ["Café Dune", "Café Emma", "Pizza Palace", "Twenty"]


def test_a_parent_field_set_on_a_child_row_is_written_to_the_parent_row(manage, tmp_path):
    r.Restaurant.objects.create(id=1, name="Luigi's", city="Naples", serves_pizza=True)
    r.Restaurant.objects.create(id=2, name="Mario's", city="Turin")
    target = tmp_path / "dump"
    manage.ok("dump2py", target, "--noinput")
    manage.ok("restore", target, "--noinput", env=migrators("parentfield"))
    assert table("refs_place", "id, name, city") == [(1, "Pizza Palace", "Rome"), (2, "Mario's", "Turin")]
    assert table("refs_restaurant", "place_ptr_id") == [(1,), (2,)]


# --- 11. new rows without a primary key ------------------------------------------------


def test_new_rows_without_a_primary_key_get_fresh_ids_after_the_dumped_rows(manage, tmp_path):
    for pk, title in [(1, "Dune"), (2, "Emma")]:
        r.Book.objects.create(id=pk, title=title)
    r.Edition.objects.create(id=5, book_id=1, isbn="dumped")
    r.Copy.objects.create(id=3, edition_id=5, shelf="dumped")
    target = tmp_path / "dump"
    manage.ok("dump2py", target, "--noinput")

    result = manage.ok("restore", target, "--noinput", env=migrators("newrows"))
    assert table("refs_edition", "id, book_id, isbn") == [(5, 1, "dumped"), (6, 1, "isbn-1"), (7, 2, "isbn-2")]
    assert table("refs_copy", "id, edition_id, shelf") == [(3, 5, "dumped"), (4, 6, "new-1"), (5, 7, "new-2")]
    assert "refs.Edition" in result.stdout
    # the sequences know the new ids: the next row made by the application does not collide
    assert r.Edition.objects.create(book_id=2, isbn="later").pk == 8

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

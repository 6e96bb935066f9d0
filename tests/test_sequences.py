"""Primary-key sequences across dump and restore (issue 13, points 2.1 and 2.2).

- A restore that fails, or a dry run, leaves every sequence (PostgreSQL) or
  auto-increment counter (MariaDB, SQLite) exactly as it was, so that the next
  ``create()`` does not hit a duplicate key.
- A restore sets each sequence to the position the dump recorded, so that ids
  of rows deleted before the dump are never given out again.
"""

from __future__ import annotations

import ast
import re

import pytest
from django.db import connection

from lino_migrate.datafile import file_sha256
from lino_migrate.manifest import SCRIPT_NAME
from tests.conftest import DB
from tests.zoo.models import Node, Tag

pytestmark = pytest.mark.django_db(transaction=True)


def counters() -> dict[str, tuple]:
    """Every counter of the database, read the way the database keeps it."""
    with connection.cursor() as cursor:
        if DB == "postgresql":
            cursor.execute(
                "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = 'public'"
            )
            state = {}
            for (name,) in cursor.fetchall():
                cursor.execute(f"SELECT last_value, is_called FROM {name}")
                state[name] = tuple(cursor.fetchone())
            return state
        if DB == "mariadb":
            cursor.execute(
                "SELECT TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES "
                "WHERE TABLE_SCHEMA = DATABASE() AND AUTO_INCREMENT IS NOT NULL"
            )
            return {name: (value,) for name, value in cursor.fetchall()}
        cursor.execute("SELECT name, seq FROM sqlite_sequence")
        return {name: (seq,) for name, seq in cursor.fetchall()}


def restart_counter(model) -> None:
    """Empty the model's table and restart its counter at 1, as in a freshly migrated database."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if DB == "postgresql":
            cursor.execute(f"TRUNCATE {table} RESTART IDENTITY CASCADE")
        elif DB == "mariadb":
            model.objects.all().delete()
            cursor.execute(f"ALTER TABLE {table} AUTO_INCREMENT = 1")
        else:
            model.objects.all().delete()
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [model._meta.db_table])


def accept_edit(dump, name: str, old: str, new: str) -> None:
    """Change a data file of the dump and set its sha256 to None (an edit by hand)."""
    path = dump / name
    digest = file_sha256(path)
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    script = dump / SCRIPT_NAME
    script.write_text(script.read_text().replace(repr(digest), "None"))


def rewrite_manifest(dump, change) -> None:
    """Read DUMP from restore.py, let ``change`` edit it (a dict), write it back in its place."""
    script = dump / SCRIPT_NAME
    text = script.read_text()
    node = next(node for node in ast.parse(text).body
                if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "DUMP")
    values = ast.literal_eval(node.value)
    change(values)
    lines = text.splitlines(keepends=True)
    lines[node.lineno - 1:node.end_lineno] = [f"DUMP = {values!r}\n"]
    script.write_text("".join(lines))


# -- 2.1: a failed restore, a dry run ---------------------------------------------------------


def test_failed_restore_leaves_every_sequence_as_it_was(manage, tmp_path):
    [Tag.objects.create(name=f"tag {i}") for i in range(3)]
    root = Node.objects.create(name="root")
    Node.objects.create(name="leaf", parent=root)
    dump = tmp_path / "dump"
    manage.ok("dump2py", dump, "--noinput")
    # The database moves on: more tags (its sequence is now past the dump's rows) ...
    [Tag.objects.create(name=f"later {i}") for i in range(5)]
    # ... and the nodes' counter restarts below the dump's ids (a restore of them would raise it).
    restart_counter(Node)
    Node.objects.create(name="fresh")
    accept_edit(dump, "zoo_node.py", f', {root.pk}],', ", 999999],")  # a dangling parent: the restore fails at the end
    before = counters()
    tags = list(Tag.objects.values_list("pk", "name"))

    result = manage("restore", dump, "--noinput")
    assert result.returncode == 1, result.stderr
    assert "A foreign key points nowhere" in result.stderr
    assert "Warning" not in result.stderr
    assert counters() == before
    assert list(Tag.objects.values_list("pk", "name")) == tags
    Tag.objects.create(name="after the failed restore")  # no duplicate key
    Node.objects.create(name="after the failed restore")


def test_dry_run_leaves_every_sequence_as_it_was(manage, tmp_path):
    from django.contrib.contenttypes.models import ContentType

    ghost = ContentType.objects.create(app_label="ghost", model="thing")
    [Tag.objects.create(name=f"tag {i}") for i in range(3)]
    dump = tmp_path / "dump"
    manage.ok("dump2py", dump, "--noinput")
    ghost.delete()  # the dry run creates it again (by natural key), which takes an id
    [Tag.objects.create(name=f"later {i}") for i in range(2)]
    before = counters()

    result = manage.ok("restore", dump, "--noinput", "--dry-run")
    assert "dry run: rolled back" in result.stdout
    assert "Warning" not in result.stderr
    assert counters() == before
    assert not ContentType.objects.filter(app_label="ghost").exists()
    Tag.objects.create(name="after the dry run")
    ContentType.objects.create(app_label="ghost", model="again")


# -- 2.2: the next id recorded in the dump ----------------------------------------------------


def _tags_with_deleted_tail() -> tuple[list[Tag], int]:
    tags = [Tag.objects.create(name=f"tag {i}") for i in range(5)]
    Tag.objects.filter(pk__in=[t.pk for t in tags[2:]]).delete()
    return tags[:2], tags[-1].pk + 1


def test_restore_does_not_reuse_the_ids_of_rows_deleted_before_the_dump(manage, tmp_path):
    kept, source_next = _tags_with_deleted_tail()
    dump = tmp_path / "dump"
    manage.ok("dump2py", dump, "--noinput")
    shown = manage.ok("showdump", dump).stdout
    assert re.search(rf"zoo\.Tag +2 rows  next id {source_next}  zoo_tag\.py", shown), shown

    restart_counter(Tag)  # restore as into a new database
    manage.ok("restore", dump, "--noinput")
    assert list(Tag.objects.values_list("pk", flat=True)) == [t.pk for t in kept]
    assert Tag.objects.create(name="new").pk == source_next


def test_recorded_next_id_never_goes_below_the_rows(manage, tmp_path):
    kept, _ = _tags_with_deleted_tail()
    dump = tmp_path / "dump"
    manage.ok("dump2py", dump, "--noinput")
    rewrite_manifest(dump, lambda d: d["next_ids"].update({"zoo.Tag": 1}))  # below the dumped rows
    restart_counter(Tag)
    manage.ok("restore", dump, "--noinput")
    assert Tag.objects.create(name="new").pk == kept[-1].pk + 1


def test_a_dump_without_next_ids_restores_as_before(manage, tmp_path):
    kept, _ = _tags_with_deleted_tail()
    dump = tmp_path / "dump"
    manage.ok("dump2py", dump, "--noinput")
    rewrite_manifest(dump, lambda d: d.pop("next_ids"))  # as written by an older lino-migrate
    assert "next id" not in manage.ok("showdump", dump).stdout
    restart_counter(Tag)
    manage.ok("restore", dump, "--noinput")
    assert Tag.objects.create(name="new").pk == kept[-1].pk + 1


def test_next_id_recorded_on_sqlite_is_restored_here(manage, tmp_path):
    """Cross-engine: a dump written from SQLite sets this database's sequence from its recorded position."""
    source = {"LM_DB": "sqlite", "LM_DB_NAME": str(tmp_path / "source.sqlite3")}
    manage.ok("migrate", "--noinput", "-v", "0", env=source)
    manage.ok("shell", "-c", (
        "from tests.zoo.models import Tag\n"
        "tags = [Tag.objects.create(name=f't{i}') for i in range(6)]\n"
        "Tag.objects.filter(pk__gt=2).delete()\n"
    ), env=source)
    dump = tmp_path / "dump"
    manage.ok("dump2py", dump, "--noinput", env=source)
    assert "next id 7" in manage.ok("showdump", dump, env=source).stdout

    Tag.objects.create(name="here")
    restart_counter(Tag)
    manage.ok("restore", dump, "--noinput")
    assert list(Tag.objects.values_list("pk", flat=True)) == [1, 2]
    assert Tag.objects.create(name="new").pk == 7

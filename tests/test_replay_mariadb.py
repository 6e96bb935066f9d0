"""Replay on MariaDB: built in a scratch database beside the target, swapped in with one RENAME TABLE.

MariaDB commits each schema change, so the restore cannot replay Django's
migrations inside its transaction as on PostgreSQL and SQLite. It builds the
restored database in ``<name>__lm_replay`` and swaps it in whole
(lino_migrate/restore/scratch.py). These tests run the real commands on a
database of their own (tests/replaydb.py) with the test app ``tests.replayed``,
dumped at its squashed 0002 and replayed through 0003 (a field and a RunPython):

- the rows are the dump's, the RunPython ran on them, the next ids are the
  dump's; the tables outside the dump, a view and the migration records of the
  other apps are as they were; what a stopped run left is dropped; nothing is
  left behind; a dry run changes nothing;
- a partial dump replaces its tables only: the other rows stay, foreign keys hold;
- a table with a trigger (which MariaDB cannot move to another database) is refused up front;
- a RunPython that fails, or a missing privilege, leaves the database exactly
  as it was (definitions, rows, django_migrations), with one clear message.
"""

from __future__ import annotations

import pytest

from tests.conftest import DB
from tests.replaydb import PrivateDatabase, dump, items, server, write_items

pytestmark = pytest.mark.skipif(DB != "mariadb", reason="replay through a scratch database is MariaDB's")

REPLAYED = "Replayed 1 Django migration after loading the rows: replayed.0003_item_label."


@pytest.fixture
def database(request):
    db = PrivateDatabase(request.node.name.removeprefix("test_")[:20])
    yield db
    db.close()


def item_rows(db: PrivateDatabase) -> list[tuple]:
    return db.sql(f"SELECT id, name, size, label FROM `{db.name}`.replayed_item ORDER BY id")


def next_id(db: PrivateDatabase, table: str) -> int:
    return db.sql("SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s AND TABLE_NAME = %s",
                  [db.name, table])[0][0]


def migrations_of_others(db: PrivateDatabase) -> list[tuple]:
    return db.sql(f"SELECT id, app, name, applied FROM `{db.name}`.django_migrations WHERE app <> 'replayed' ORDER BY id")


def test_a_dump_replays_into_mariadb(database, tmp_path):
    db = database
    db.old_state()
    write_items(db, items(300))
    db.sql(f"DELETE FROM `{db.name}`.replayed_item WHERE id > 290")  # ids 291-300 are given out: the next is 301
    db.many(f"INSERT INTO `{db.name}`.zoo_tag (id, name) VALUES (%s, %s)", [(i, f"tag {i}") for i in range(1, 21)])
    old = dump(db, tmp_path / "old")
    partial = dump(db, tmp_path / "partial", "replayed")
    dumped = [(i, f"item {i}", i % 97, f"ITEM {i}") for i in range(1, 291)]

    db.ok("migrate", "--noinput", "-v0")  # the code's state: label filled by 0003's RunPython
    db.sql(f"UPDATE `{db.name}`.replayed_item SET name = 'changed', label = 'CHANGED' WHERE id <= 10")
    write_items(db, items(5, start=1000, prefix="new"), labelled=True)
    db.sql(f"UPDATE `{db.name}`.zoo_tag SET name = 'renamed' WHERE id <= 5")
    db.sql(f"CREATE TABLE `{db.name}`.extra_notes (id INT PRIMARY KEY, note VARCHAR(20)) ENGINE=InnoDB")
    db.sql(f"INSERT INTO `{db.name}`.extra_notes VALUES (1, 'not Django''s'), (2, 'kept')")
    db.sql(f"CREATE VIEW `{db.name}`.item_names AS SELECT id, name FROM `{db.name}`.replayed_item")
    before = db.fingerprint()
    others = migrations_of_others(db)

    # A dry run builds and checks it all, and swaps nothing in.
    result = db.ok("restore", old, "--dry-run")
    assert "Would restore" in result.stdout and REPLAYED in result.stdout, result.stdout
    assert db.fingerprint() == before
    assert db.databases() == []

    # A run stopped earlier left its scratch database: dropped first.
    db.sql(f"CREATE DATABASE `{db.name}__lm_replay`")
    db.sql(f"CREATE TABLE `{db.name}__lm_replay`.half_built (id INT PRIMARY KEY)")
    result = db.ok("restore", old, "--noinput")
    assert REPLAYED in result.stdout, result.stdout
    assert f"Notice: dropped '{db.name}__lm_replay', left by a replay restore that was stopped." in result.stderr
    assert f"Building the restore in the database '{db.name}__lm_replay' beside '{db.name}'" in result.stderr
    assert db.databases() == []

    assert item_rows(db) == dumped  # the dump's rows, carried forward by the RunPython
    assert next_id(db, "replayed_item") == 301  # the dump's next id: 291-300 stay retired
    assert db.sql(f"SELECT id, name FROM `{db.name}`.zoo_tag ORDER BY id") == [(i, f"tag {i}") for i in range(1, 21)]
    assert db.sql(f"SELECT * FROM `{db.name}`.extra_notes ORDER BY id") == [(1, "not Django's"), (2, "kept")]
    assert db.sql(f"SELECT id, name FROM `{db.name}`.item_names ORDER BY id") == [row[:2] for row in dumped]
    assert migrations_of_others(db) == others  # matched by (app, name): never deleted, never made again
    assert db.sql(f"SELECT name FROM `{db.name}`.django_migrations WHERE app = 'replayed' ORDER BY name") == [
        ("0001_initial",), ("0001_squashed_0002_item_size",), ("0002_item_size",), ("0003_item_label",)]
    db.ok("migrate", "--check", "--noinput")
    assert before.keys() == db.fingerprint().keys()  # the same tables and views, no more

    # A partial dump replaces its own tables; the others keep their rows, and their foreign keys hold.
    db.sql(f"UPDATE `{db.name}`.zoo_tag SET name = 'kept' WHERE id <= 3")
    db.sql(f"INSERT INTO `{db.name}`.zoo_book (id, title) VALUES (1, 'a book')")
    db.sql(f"INSERT INTO `{db.name}`.zoo_book_tags (book_id, tag_id) VALUES (1, 2)")
    db.sql(f"UPDATE `{db.name}`.replayed_item SET label = 'changed again'")
    tags = db.sql(f"SELECT id, name FROM `{db.name}`.zoo_tag ORDER BY id")
    result = db.ok("restore", partial, "--noinput")
    assert REPLAYED in result.stdout, result.stdout
    assert item_rows(db) == dumped
    assert db.sql(f"SELECT id, name FROM `{db.name}`.zoo_tag ORDER BY id") == tags
    assert db.sql(f"SELECT book_id, tag_id FROM `{db.name}`.zoo_book_tags") == [(1, 2)]
    with pytest.raises(Exception, match="foreign key constraint fails"):
        db.sql(f"INSERT INTO `{db.name}`.zoo_book_tags (book_id, tag_id) VALUES (1, 999)")
    assert db.databases() == []

    # A table with a trigger cannot move to another database: refused, nothing changed.
    db.sql(f"CREATE TRIGGER `{db.name}`.extra_notes_upper BEFORE INSERT ON `{db.name}`.extra_notes "
           f"FOR EACH ROW SET NEW.note = UPPER(NEW.note)")
    before = db.fingerprint()
    result = db.command("restore", old, "--noinput")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "these tables cannot be swapped: extra_notes (triggers: MariaDB cannot move them to another database)" \
        in result.stderr, result.stderr
    assert "The database is unchanged. Restore with --no-replay" in result.stderr, result.stderr
    assert db.fingerprint() == before
    assert db.databases() == []


def test_a_failed_replay_leaves_the_database_exactly_as_it_was(database, tmp_path):
    db = database
    db.old_state()
    write_items(db, items(50))
    # 0003's RunPython writes name.upper() into label (50 characters): "ß" * 30 becomes "SS" * 30, too long.
    write_items(db, [(51, "ß" * 30, 1)])
    failing = dump(db, tmp_path / "failing")
    db.sql(f"DELETE FROM `{db.name}`.replayed_item WHERE id = 51")
    sound = dump(db, tmp_path / "sound")
    db.ok("migrate", "--noinput", "-v0")
    db.sql(f"UPDATE `{db.name}`.replayed_item SET name = 'as it was' WHERE id <= 25")
    before = db.fingerprint()

    result = db.command("restore", failing, "--noinput")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    message = result.stderr
    assert "CommandError: Migration replayed.0003_item_label failed while replaying the dump" in message, message
    assert "Data too long for column 'label'" in message, message
    assert "the database is unchanged" in message, message
    assert db.fingerprint() == before  # definitions, rows, next ids, django_migrations: all as they were
    assert db.databases() == []

    # A database user without CREATE DATABASE: one message that says what to grant; nothing changed.
    user = f"lmr_{db.name[-20:]}"
    conn = server()
    cursor = conn.cursor()
    cursor.execute(f"DROP USER IF EXISTS '{user}'@'127.0.0.1', '{user}'@'localhost'")
    for host in ("127.0.0.1", "localhost"):
        cursor.execute(f"CREATE USER '{user}'@'{host}' IDENTIFIED BY 'secret'")
        cursor.execute(f"GRANT ALL PRIVILEGES ON `{db.name}`.* TO '{user}'@'{host}'")
    try:
        as_user = {"LM_MARIADB_USER": user, "LM_MARIADB_PASSWORD": "secret"}
        result = db.command("restore", sound, "--noinput", env=as_user)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr, result.stderr
        message = result.stderr
        assert f"the database user '{user}'@" in message and "lacks a privilege" in message, message
        assert f"It needs CREATE and DROP on the databases '{db.name}__lm_replay' and '{db.name}__lm_trash'" in message
        assert "The database is unchanged." in message, message
        assert db.fingerprint() == before
        assert db.databases() == []

        # What the message says to grant is enough.
        grant = message.split("for example ", 1)[1].split(";", 1)[0]
        assert grant.startswith("GRANT ALL PRIVILEGES ON `"), message
        cursor.execute(grant)
        result = db.command("restore", sound, "--noinput", env=as_user)
        assert result.returncode == 0, result.stderr
        assert REPLAYED in result.stdout
        assert item_rows(db) == [(i, f"item {i}", i % 97, f"ITEM {i}") for i in range(1, 51)]
        assert db.databases() == []
    finally:
        cursor.execute(f"DROP USER IF EXISTS '{user}'@'127.0.0.1', '{user}'@'localhost'")
        conn.close()

"""Replay equals ``migrate`` in place: the library example's stored 1.0 dump, taken to release 2.0 both ways.

- in place: restore the dump with the code of 1.0, then ``migrate`` with the code of 2.0 (Django's
  own upgrade of a live database);
- replay: the same 1.0 database, the code of 2.0 with its migrators switched off
  (tests/project/library_replay_settings.py), ``restore`` the dump: the rows go in at 0001_initial
  and 2.0's migrations (RunPython included) carry them forward. That is the README's upgrade: dump
  with the old code, ``pip install -U``, restore with the new.

Every table must then hold the same rows, the schema (columns, indexes, constraints) and the
sequences must be the same, and django_migrations must name the same migrations (the ids and
times of the rows the replay recorded again differ, as times do). The example is a project of its
own, run from examples/library with ``LIBRARY_RELEASE``, on fresh databases of this run's engine.
"""

from __future__ import annotations

import os
import subprocess
import sys


from tests.conftest import DB, REPO
from tests.dbstate import State, database_state, differences, fresh_database

EXAMPLE = REPO / "examples" / "library"
DUMP = EXAMPLE / "tests" / "dumps" / "1.0"
NO_MIGRATORS = "tests.project.library_replay_settings"


def library(db_name: str, release: str, *args: str, settings: str = "library_site.settings") -> str:
    """Run the example's manage.py with ``release``'s code on the database ``db_name``; its output."""
    env = {k: v for k, v in os.environ.items() if k not in ("LIBRARY_DB", "LM_EXTRA_APPS")}
    env.update(
        LM_DB=DB, LM_DB_NAME=db_name, LIBRARY_RELEASE=release, DJANGO_SETTINGS_MODULE=settings,
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")])),
    )
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=EXAMPLE, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, f"{release}: {args} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout


#: django_migrations by the names it holds: its ids and times are those of each run (the replay records
#: the replayed app's migrations again), and so is its own sequence.
NAMES = {"django_migrations": "app, name"}


def comparable(state: State) -> State:
    return {**state, "sequences": [s for s in state["sequences"] if not s[0].startswith("django_migrations")]}


def test_replay_gives_every_table_as_migrate_in_place(tmp_path):
    with fresh_database(tmp_path, "inplace") as in_place, fresh_database(tmp_path, "replay") as replayed:
        for name in (in_place, replayed):  # the site at 1.0, with the dump's rows
            assert "Restored 146 rows of 6 models" in library(name, "1.0", "restore", str(DUMP), "--noinput")

        migrated = library(in_place, "2.0", "migrate", "--noinput")
        assert "Applying library.0003_return_drop_tags... OK" in migrated

        out = library(replayed, "2.0", "restore", str(DUMP), "--noinput", settings=NO_MIGRATORS)
        assert "Replayed 2 Django migrations after loading the rows: library.0002_reader_author_names, " \
               "library.0003_return_drop_tags." in out, out
        expected, got = database_state(in_place, columns=NAMES), database_state(replayed, columns=NAMES)

    assert {"library_reader", "library_return"} <= set(expected["rows"]) and "library_member" not in expected["rows"]
    assert len(expected["rows"]["library_return"]) == 40
    assert "('library', '0003_return_drop_tags')" in expected["rows"]["django_migrations"]
    assert differences(comparable(expected), comparable(got)) == []


def test_replay_into_a_fresh_2_0_database_gives_the_rows_of_migrate_in_place(tmp_path):
    """Into a new database made by 2.0 the app's tables are the same too; Django's own tables differ only
    by what ``migrate`` in place leaves behind (the content types and permissions of Member and Tag)."""
    with fresh_database(tmp_path, "inplace") as in_place, fresh_database(tmp_path, "fresh") as fresh:
        library(in_place, "1.0", "restore", str(DUMP), "--noinput")
        library(in_place, "2.0", "migrate", "--noinput")
        library(fresh, "2.0", "restore", str(DUMP), "--noinput", settings=NO_MIGRATORS)
        expected, got = database_state(in_place, columns=NAMES), database_state(fresh, columns=NAMES)
    django_own = ("django_content_type", "auth_permission")
    for state in (expected, got):
        for table in django_own:
            assert state["rows"].pop(table)
        state["sequences"] = [s for s in state["sequences"] if not s[0].startswith(django_own)]
    assert differences(comparable(expected), comparable(got)) == []

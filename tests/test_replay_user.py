"""Replay of the app that holds the project's own user model (``AUTH_USER_MODEL``), which other apps point at.

The project tests/replayuser (settings.py there) has ``AUTH_USER_MODEL = "accounts.User"``; its
notes, Django's admin log and the users' groups and permissions point at the users. A site at
accounts 1.0 is dumped whole; with accounts 2.0 installed (0002_user_display_name adds a field
that its RunPython fills) the dump is restored into the same database, as the README's upgrade
goes: the user table is dropped and made again at 0001, the rows go in, 0002 runs, and the
foreign keys of the other tables into it hold again (on PostgreSQL they are made again under
their names). The result must be what ``migrate`` in place makes of the same rows: every table,
the schema, the sequences, the applied migrations by name.
"""

from __future__ import annotations

import os
import subprocess
import sys


from tests.conftest import DB, REPO
from tests.dbstate import database_state, differences, fresh_database
from tests.planlines import route_of


FILL = """
import datetime
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.auth import get_user_model; User = get_user_model()
from tests.replayuser.notes.models import Note

joined = datetime.datetime(2023, 3, 4, 5, 6, 7, 890123, tzinfo=datetime.timezone.utc)
ada = User.objects.create_user("ada", "ada@example.org", "secret-ada", first_name="Ada", last_name="Lovelace", date_joined=joined)
bob = User.objects.create_user("bob", "bob@example.org", "secret-bob", date_joined=joined)
gone = User.objects.create_user("gone", date_joined=joined)
gone.delete()  # the next user id is above a gap
editors = Group.objects.create(name="editors")
editors.permissions.add(Permission.objects.get(codename="change_note"))
ada.groups.add(editors)
bob.user_permissions.add(Permission.objects.get(codename="view_user"))
Note.objects.create(owner=ada, text="on engines")
Note.objects.create(owner=bob, text="on bobbins")
LogEntry.objects.create(user=ada, content_type=ContentType.objects.get_for_model(Note), object_id="1",
                        object_repr="on engines", action_flag=ADDITION, action_time=joined)
"""
CHECK = """
from django.contrib.auth import get_user_model; User = get_user_model()
ada, bob = User.objects.get(username="ada"), User.objects.get(username="bob")
assert ada.check_password("secret-ada") and bob.check_password("secret-bob")
assert ada.has_perm("notes.change_note") and bob.has_perm("accounts.view_user") and not bob.has_perm("notes.change_note")
print(sorted((u.username, u.display_name, [n.text for n in u.notes.all()]) for u in User.objects.all()))
print(User.objects.create_user("carol").pk)
"""
NAMES = {"django_migrations": "app, name"}


def project(db_name: str, accounts: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "LM_EXTRA_APPS"}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.replayuser.settings", LM_DB=DB, LM_DB_NAME=db_name, LM_ACCOUNTS=accounts,
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")])),
    )
    result = subprocess.run([sys.executable, "-m", "django", *args], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, f"accounts {accounts}: {args[:2]} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout


def comparable(state: dict) -> dict:
    return {**state, "sequences": [s for s in state["sequences"] if not s[0].startswith("django_migrations")]}


def test_the_user_model_app_replays_and_the_tables_pointing_at_it_hold(tmp_path):
    dump = str(tmp_path / "dump")
    with fresh_database(tmp_path, "site") as site, fresh_database(tmp_path, "inplace") as in_place:
        project(site, "1.0", "migrate", "--noinput", "-v0")
        project(site, "1.0", "shell", "-c", FILL)
        project(site, "1.0", "dump2py", dump, "--noinput", "-v0")

        shown = project(site, "2.0", "showdump", dump)
        assert route_of(shown, "accounts") == "replay 0002_user_display_name (1 migration, 1 RunPython)"
        assert [route_of(shown, app) for app in ("notes", "admin", "auth")] == ["as is"] * 3
        out = project(site, "2.0", "restore", dump, "--noinput")
        assert "Replayed 1 Django migration after loading the rows: accounts.0002_user_display_name." in out, out
        project(site, "2.0", "migrate", "--check", "--noinput")

        # The same rows taken to 2.0 by `migrate` in place.
        project(in_place, "1.0", "restore", dump, "--noinput", "-v0")
        project(in_place, "2.0", "migrate", "--noinput", "-v0")
        expected = database_state(in_place, columns=NAMES)
        got = database_state(site, columns=NAMES)
        if DB == "sqlite":
            # Django's SQLite AddField remakes the table, and the copy's counter is max(id): `migrate` in
            # place gives the deleted user's id 3 out again; the replay keeps it retired, as the dump recorded.
            assert ("accounts_user", 2) in expected["sequences"] and ("accounts_user", 3) in got["sequences"]
            expected["sequences"].remove(("accounts_user", 2))
            got["sequences"].remove(("accounts_user", 3))
        assert differences(comparable(expected), comparable(got)) == []
        if DB == "postgresql":
            foreign_keys = {row[0] for row in got["schema"][2] if "REFERENCES accounts_user(id)" in row[2]}
            assert {"notes_note", "django_admin_log", "accounts_user_groups", "accounts_user_user_permissions"} <= foreign_keys

        users, next_id = project(site, "2.0", "shell", "-c", CHECK).splitlines()[-2:]
        assert users == "[('ada', 'Ada Lovelace', ['on engines']), ('bob', 'bob', ['on bobbins'])]"
        assert next_id == "4"  # above the deleted user 3, as the dump recorded


def test_a_row_left_pointing_at_a_user_the_dump_lacks_fails_the_replay_and_changes_nothing(tmp_path):
    """The schema editors' own checks wait while the users' table is rebuilt; the restore's check still comes."""
    dump = str(tmp_path / "accounts-only")
    with fresh_database(tmp_path, "dangling") as site:
        project(site, "1.0", "migrate", "--noinput", "-v0")
        project(site, "1.0", "shell", "-c", FILL)
        project(site, "1.0", "dump2py", dump, "accounts", "--noinput", "-v0")  # the users, not their notes
        project(site, "1.0", "shell", "-c", "from django.contrib.auth import get_user_model; "
                "from tests.replayuser.notes.models import Note; "
                "Note.objects.create(owner=get_user_model().objects.create_user('carol'), text='after the dump')")
        before = database_state(site)
        env = {k: v for k, v in os.environ.items() if k != "LM_EXTRA_APPS"}
        env.update(DJANGO_SETTINGS_MODULE="tests.replayuser.settings", LM_DB=DB, LM_DB_NAME=site, LM_ACCOUNTS="2.0",
                   PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")])))
        result = subprocess.run([sys.executable, "-m", "django", "restore", dump, "--noinput"], cwd=REPO, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert "rolled back" in result.stderr or "nothing was restored" in result.stderr, result.stderr
        assert "notes_note" in result.stderr, result.stderr
        after = database_state(site)
        assert differences(before, after) == []

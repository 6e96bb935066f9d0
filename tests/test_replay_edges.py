"""Replay (issue 10) at its edges, end to end: dumps of old releases of the app ``replayed`` restored
under another release, with the real commands in subprocesses on the test database.

The releases (tests/replayed_releases/__init__.py says what each has) are switched with
``LM_EXTRA_APPS``. Every dump holds the apps ``replayed`` and ``auth`` (the rows of
tests/replayed_releases/fill.py); ``auth`` has the same migrations everywhere, so it loads as is
beside the replayed app. Replay needs transactional DDL: on MariaDB the plan refuses it today, and
the tests that need it prove that refusal instead (the route tests run everywhere).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import DB, REPO
from tests.dbstate import database_state, differences
from tests.planlines import route_of
from tests.replayed_releases.fill import NAMES

pytestmark = pytest.mark.django_db(transaction=True)

RELEASES = {
    "1.0": "tests.replayed_releases.v1",
    "2.0": "tests.replayed_releases.v2",
    "3.0": "tests.replayed",
    "3.0.dev1": "tests.replayed_releases.gone",
    "3.2": "tests.replayed_releases.broken",
    "3.0-next": "tests.replayed_releases.v4",
}
PLAIN = "tests.replayed_releases.plain"
#: Replay rebuilds tables inside the restore's transaction: only where DDL rolls back.
REPLAYS = DB in ("sqlite", "postgresql", "mariadb")  # MariaDB through a scratch database (restore/scratch.py)
WAYS_OUT = ("manage.py makemigrator replayed --dump", "--exclude replayed", "--no-replay")


def forget_test_apps() -> None:
    """Drop what the releases made in the shared test database: tables, applied migrations, users."""
    from django.contrib.auth.models import User
    from django.db import connection

    with connection.cursor() as cursor:
        quote = connection.ops.quote_name
        for table in connection.introspection.table_names(cursor):
            if table.startswith(("replayed_", "plainapp_")):
                cursor.execute(f"DROP TABLE {quote(table)}" + (" CASCADE" if DB == "postgresql" else ""))
        cursor.execute("DELETE FROM django_migrations WHERE app IN ('replayed', 'plainapp')")
        cursor.execute("DELETE FROM auth_permission WHERE content_type_id IN "
                       "(SELECT id FROM django_content_type WHERE app_label IN ('replayed', 'plainapp'))")
        cursor.execute("DELETE FROM django_content_type WHERE app_label IN ('replayed', 'plainapp')")
    User.objects.all().delete()
    connection.close()


class Releases:
    """Runs the commands of the test project with one release of ``replayed`` installed."""

    def __init__(self, manage, store: Path):
        self.manage = manage
        self.store = store
        self.db_name = manage.env["LM_DB_NAME"]

    def env(self, release: str, plain: bool = False) -> dict[str, str]:
        return {"LM_EXTRA_APPS": ",".join([RELEASES[release]] + ([PLAIN] if plain else []))}

    def run(self, release: str, *args, plain: bool = False) -> subprocess.CompletedProcess:
        return self.manage(*args, env=self.env(release, plain))

    def ok(self, release: str, *args, plain: bool = False) -> subprocess.CompletedProcess:
        return self.manage.ok(*args, env=self.env(release, plain))

    def migrate(self, release: str, plain: bool = False) -> None:
        self.ok(release, "migrate", "--noinput", "-v0", *(["--run-syncdb"] if plain else []), plain=plain)

    def dump(self, release: str, plain: bool = False) -> Path:
        """A dump written by ``release`` (apps replayed, auth, and plainapp with ``plain``) of fill()'s rows.

        Kept for the session: the first test that needs one writes it.
        """
        target = self.store / f"dump-{release}{'-plain' if plain else ''}"
        if (target / "restore.py").exists():
            return target
        forget_test_apps()
        self.migrate(release, plain)
        self.ok(release, "shell", "-c", "from tests.replayed_releases.fill import fill; fill()", plain=plain)
        self.ok(release, "dump2py", target, "replayed", "auth", *(["plainapp"] if plain else []), "--noinput", "-v0",
                plain=plain)
        forget_test_apps()
        return target

    def showdump(self, release: str, dump: Path, plain: bool = False) -> str:
        """The plan showdump prints; it exits 1 where replay is refused (the plan names why)."""
        result = self.run(release, "showdump", dump, plain=plain)
        assert result.returncode == (0 if REPLAYS else 1), f"{result.stdout}\n{result.stderr}"
        return result.stdout

    def restore(self, release: str, dump: Path, *args, plain: bool = False) -> subprocess.CompletedProcess:
        return self.run(release, "restore", dump, "--noinput", *args, plain=plain)

    def items(self, columns: str = "id, name, size, label") -> list[tuple]:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns} FROM replayed_item ORDER BY id")
            found = [tuple(row) for row in cursor.fetchall()]
        connection.close()
        return found

    def applied(self, app: str = "replayed") -> set[str]:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM django_migrations WHERE app = %s", [app])
            found = {row[0] for row in cursor.fetchall()}
        connection.close()
        return found

    def next_item_id(self, release: str = "3.0") -> int:
        """The id the application's next Item gets."""
        code = "from django.apps import apps; print(apps.get_model('replayed', 'Item').objects.create(name='new').pk)"
        return int(self.ok(release, "shell", "-c", code).stdout.split()[-1])

    def state(self):
        return database_state(self.db_name)


@pytest.fixture(scope="session")
def replay_dumps(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("replayed-dumps")


@pytest.fixture
def releases(manage, replay_dumps):
    forget_test_apps()
    yield Releases(manage, replay_dumps)
    forget_test_apps()


def assert_refused(result: subprocess.CompletedProcess, *needles: str) -> str:
    """Exit 1, no traceback, one message holding every needle."""
    where = f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.returncode == 1, where
    assert "Traceback" not in result.stderr, where
    message = result.stderr.partition("CommandError: ")[2]
    assert message, where
    for needle in needles:
        assert needle in message, f"{needle!r} not in the message\n{where}"
    return message


def replay_refused_here(result: subprocess.CompletedProcess) -> bool:
    """On a database without transactional DDL the plan refuses replay, saying so: True then."""
    if REPLAYS:
        return False
    assert_refused(result, "replaying their migrations needs a database that rolls back schema changes", "--no-replay")
    return True


def test_released_migrations_are_the_same_files_in_every_release():
    """A release's copy of a migration is the file of the release that made it (as a real app keeps them)."""
    current = REPO / "tests" / "replayed" / "migrations"
    for package in sorted(set(RELEASES.values()) - {"tests.replayed"}):
        folder = REPO.joinpath(*package.split(".")) / "migrations"
        for path in folder.glob("0*.py"):
            if (current / path.name).exists():
                assert path.read_bytes() == (current / path.name).read_bytes(), f"{package}: {path.name} differs"


def test_a_dump_whose_squashed_migrations_were_all_applied_replays_through_the_squash(releases):
    dump = releases.dump("2.0")  # records 0001_initial and 0002_item_size, squashed in 3.0
    releases.migrate("3.0")
    expected_applied = releases.applied()
    assert {"0001_squashed_0002_item_size", "0003_item_label"} <= expected_applied
    shown = releases.showdump("3.0", dump)
    assert route_of(shown, "replayed") == "replay 0003_item_label (1 migration, 1 RunPython)"
    assert route_of(shown, "auth") == "as is"
    before = releases.state()
    dry = releases.restore("3.0", dump, "--dry-run")
    if replay_refused_here(dry):
        return
    assert dry.returncode == 0, dry.stderr
    assert "Replayed 1 Django migration after loading the rows: replayed.0003_item_label." in dry.stdout, dry.stdout
    assert "(dry run: rolled back)" in dry.stdout
    assert differences(before, releases.state()) == []
    result = releases.restore("3.0", dump)
    assert result.returncode == 0, result.stderr
    assert "Replayed 1 Django migration after loading the rows: replayed.0003_item_label." in result.stdout
    kept = {pk: name for pk, name in NAMES.items() if pk != 3}
    # 0003's RunPython filled every label from the dumped name, as `migrate` would have in place.
    assert releases.items() == [(pk, name, pk * 10, name.upper()) for pk, name in kept.items()]
    assert releases.applied() == expected_applied
    assert releases.next_item_id() == 7  # the dump's next id, above the deleted 3 and the last 6
    releases.ok("3.0", "migrate", "--check", "--noinput")


def test_a_dump_with_only_some_squashed_migrations_is_refused_naming_the_squash(releases):
    dump = releases.dump("1.0")  # records 0001_initial only: half of the squash
    releases.migrate("3.0")
    before = releases.state()
    message = assert_refused(releases.restore("3.0", dump), "App 'replayed'", "0001_squashed_0002_item_size",
                             "only some of the migrations squashed", *WAYS_OUT)
    assert "0001_initial of 2" in message
    assert differences(before, releases.state()) == []
    shown = releases.run("3.0", "showdump", dump).stdout
    assert route_of(shown, "replayed").startswith(
        "refused (the dump records only some of the migrations squashed into 0001_squashed_0002_item_size"), shown


def test_a_migration_removed_from_the_code_is_refused_and_no_replay_loads_as_is(releases):
    dump = releases.dump("3.0.dev1")  # records 0004_item_name_index, which 3.0 no longer has
    releases.migrate("3.0")
    before = releases.state()
    assert_refused(releases.restore("3.0", dump),
                   "the dump records migrations the current code does not have: 0004_item_name_index", *WAYS_OUT)
    assert differences(before, releases.state()) == []
    # Its fields are those of 3.0: with replay off, the rows go in as they are.
    result = releases.restore("3.0", dump, "--no-replay")
    assert result.returncode == 0, result.stderr
    assert "Replayed" not in result.stdout
    kept = {pk: name for pk, name in NAMES.items() if pk != 3}
    assert releases.items() == [(pk, name, pk * 10, f"{name} as dumped") for pk, name in kept.items()]
    assert "0004_item_name_index" not in releases.applied()
    assert releases.next_item_id() == 7


def test_a_dump_newer_than_the_code_is_refused_naming_the_migration(releases):
    dump = releases.dump("3.0-next")  # a checkout of 3.0 with an unreleased 0004_item_note
    releases.migrate("3.0")
    before = releases.state()
    assert_refused(releases.restore("3.0", dump),
                   "the dump records migrations the current code does not have: 0004_item_note", *WAYS_OUT)
    # Replay off does not help: 3.0 has no field for the dumped column.
    assert_refused(releases.restore("3.0", dump, "--no-replay"), "replayed.Item", "note")
    assert differences(before, releases.state()) == []


def test_a_failing_runpython_leaves_the_database_exactly_as_it_was(releases):
    dump = releases.dump("2.0")  # "Öl" is not ASCII: 3.2's 0004_item_ascii raises on it
    releases.migrate("3.2")
    releases.ok("3.2", "shell", "-c",
                "from tests.replayed_releases.fill import fill; fill({1: 'oak', 2: 'yew', 3: 'gone', 8: 'pine'}, ('bob',))")
    releases.next_item_id("3.2")  # the sequence moved past an id of its own (9)
    before = releases.state()
    assert before["rows"]["replayed_item"] and before["rows"]["auth_user"]
    result = releases.restore("3.2", dump)
    if replay_refused_here(result):
        return
    message = assert_refused(result, "Migration replayed.0004_item_ascii failed while replaying the dump",
                             "ValueError: item 4: the name 'Öl' is not ASCII", "the database is unchanged",
                             "--no-replay")
    assert "replayed.0003_item_label" not in message.partition("failed")[0]
    assert differences(before, releases.state()) == []
    assert releases.next_item_id("3.2") == 10


def test_a_pending_migration_failing_on_the_rows_here_leaves_the_database_as_it_was(releases):
    """The README's upgrade: the site at 2.0 holds the rows, 3.2 is installed, the 2.0 dump restored. The
    restore's migrate runs 3.2's pending migrations on the rows here first, inside the same transaction.

    MariaDB builds the restore in a scratch database, which gets copies of the rows the restore keeps
    only: the rows here that the dump replaces never meet the migration; the dump's own do, when the
    replay carries them forward, and fail it the same way."""
    dump = releases.dump("2.0")
    releases.migrate("2.0")
    releases.ok("2.0", "shell", "-c", "from tests.replayed_releases.fill import fill; fill({1: 'Öl here'}, ())")
    before = releases.state()
    result = releases.restore("3.2", dump)
    if replay_refused_here(result):
        return
    if DB == "mariadb":
        assert_refused(result, "Migration replayed.0004_item_ascii failed while replaying the dump",
                       "ValueError: item 4: the name 'Öl' is not ASCII", "the database is unchanged")
    else:
        assert_refused(result, "migrate failed on the rows this database holds now, before the dump's rows were loaded",
                       "Restore into an empty database",
                       "ValueError: item 1: the name 'Öl here' is not ASCII", "the database is unchanged")
    assert differences(before, releases.state()) == []
    assert releases.applied() == {"0001_initial", "0002_item_size"}


def test_an_app_without_migrations_loads_as_is_beside_a_replayed_app(releases):
    dump = releases.dump("2.0", plain=True)
    releases.migrate("3.0", plain=True)
    shown = releases.showdump("3.0", dump, plain=True)
    assert route_of(shown, "plainapp") == "as is"
    assert route_of(shown, "replayed").startswith("replay 0003_item_label"), shown
    result = releases.restore("3.0", dump, plain=True)
    if replay_refused_here(result):
        return
    assert result.returncode == 0, result.stderr
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id, text FROM plainapp_note ORDER BY id")
        notes = [tuple(row) for row in cursor.fetchall()]
    connection.close()
    assert notes == [(5, "plain"), (9, "no migrations")]
    assert [row[3] for row in releases.items()] == [name.upper() for pk, name in NAMES.items() if pk != 3]
    assert releases.applied("plainapp") == set()

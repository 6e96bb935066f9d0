"""restore --jobs N: the rows of a serial restore, its error messages, and nothing changed on a failure.

Every command runs as a subprocess against the test database. On PostgreSQL the
workers stage rows beside the target; elsewhere --jobs says so and one process
restores.
"""

from __future__ import annotations

import pytest
from django.db import connection

from tests.conftest import DB
from tests.dbstate import database_state, differences
from tests.test_commands import fresh, read_dump, replace_in_file, row_lines, unseal
from tests.zoo import models as z
from tests.shelf.helpers import dump_store, shelf  # noqa: F401 (fixtures)
from tests.zoo.data import populate

pytestmark = pytest.mark.django_db(transaction=True)

only_postgresql = pytest.mark.skipif(DB != "postgresql", reason="--jobs stages rows in workers on PostgreSQL only")


def _state() -> dict:
    fresh()
    return database_state(str(connection.settings_dict["NAME"]))


def _staging_schemas() -> list[str]:
    fresh()
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, 'lm_restore_') ORDER BY 1")
        return [row[0] for row in cursor.fetchall()]


def _error(result) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr[result.stderr.index("CommandError: "):]


@pytest.fixture
def tag_dump(manage, tmp_path):
    """A dump of many tags and books (files of 500 rows), and the database changed since."""
    z.Tag.objects.bulk_create(z.Tag(id=i, name=f"tag {i}") for i in range(1, 3001))
    authors = z.Author.objects.bulk_create(z.Author(id=i, name=f"author {i}") for i in range(1, 401))
    z.Book.objects.bulk_create(z.Book(id=i, title=f"book {i}") for i in range(1, 1201))
    z.Authorship.objects.bulk_create(
        z.Authorship(book_id=i, author_id=authors[i % 400].id, role="writer", position=1) for i in range(1, 1201)
    )
    target = tmp_path / "dump"
    manage.ok("dump2py", target, "zoo", "--noinput", "-m", "500")
    z.Tag.objects.filter(id__lte=100).delete()
    z.Tag.objects.create(id=5000, name="added after the dump")
    return target


@only_postgresql
def test_jobs_restore_gives_exactly_the_rows_of_a_serial_restore(manage, tmp_path):
    populate()
    target = tmp_path / "dump"
    manage.ok("dump2py", target, "--noinput", "-m", "3")
    manage.ok("restore", target, "--noinput")
    serial = _state()
    result = manage.ok("restore", target, "--noinput", "--jobs", "2", "-v", "2")
    assert "worker processes" in result.stderr, result.stderr
    assert differences(serial, _state()) == []
    assert _staging_schemas() == []


@only_postgresql
def test_a_value_that_does_not_fit_in_a_worker_fails_as_without_jobs(manage, tag_dump):
    name = read_dump(tag_dump)["models"]["zoo.Tag"]["files"][-1]
    line_no, line = row_lines(tag_dump / name)[-1]
    replace_in_file(tag_dump / name, line, line.replace('"tag ', '"' + "x" * 200, 1))
    unseal(tag_dump, name)
    before = _state()
    serial = _error(manage("restore", tag_dump, "--noinput"))
    assert f"{name}, line {line_no}" in serial and "zoo.Tag" in serial, serial
    assert _error(manage("restore", tag_dump, "--noinput", "--jobs", "2")) == serial
    assert differences(before, _state()) == []
    assert _staging_schemas() == []


@only_postgresql
def test_a_damaged_file_in_a_worker_fails_as_without_jobs(manage, tag_dump):
    name = read_dump(tag_dump)["models"]["zoo.Book"]["files"][1]
    _, line = row_lines(tag_dump / name)[3]
    replace_in_file(tag_dump / name, line, line.replace(", ", ", [", 1))
    unseal(tag_dump, name)
    before = _state()
    serial = _error(manage("restore", tag_dump, "--noinput"))
    assert name in serial, serial
    assert _error(manage("restore", tag_dump, "--noinput", "--jobs", "2")) == serial
    assert differences(before, _state()) == []
    assert _staging_schemas() == []


@only_postgresql
def test_a_row_the_target_refuses_is_named_as_without_jobs(manage, tag_dump):
    """A duplicate key passes the staging table (no constraints); the INSERT ... SELECT fails, and the row is named."""
    name = read_dump(tag_dump)["models"]["zoo.Tag"]["files"][2]
    (_, first), (_, second) = row_lines(tag_dump / name)[:2]
    replace_in_file(tag_dump / name, second, first)
    unseal(tag_dump, name)
    before = _state()
    serial = _error(manage("restore", tag_dump, "--noinput"))
    assert "zoo.Tag" in serial and name in serial, serial
    assert _error(manage("restore", tag_dump, "--noinput", "--jobs", "2")) == serial
    assert differences(before, _state()) == []


@only_postgresql
def test_kill_leftovers_of_dead_runs_only_are_dropped(manage, tag_dump):
    """A schema whose restore is gone is dropped by the next restore --jobs; one whose restore lives is kept."""
    import psycopg

    from tests.dbstate import server_settings

    name = str(connection.settings_dict["NAME"])
    with psycopg.connect(dbname=name, autocommit=True, **server_settings()) as alive:
        alive.execute("SELECT pg_advisory_lock(%s)", [0x1234])
        alive.execute('CREATE SCHEMA "lm_restore_0000000000001234"')  # a restore that is running
        with psycopg.connect(dbname=name, autocommit=True, **server_settings()) as dead:
            dead.execute("SELECT pg_advisory_lock(%s)", [0x5678])
            dead.execute('CREATE SCHEMA "lm_restore_0000000000005678"')
            dead.execute('CREATE TABLE "lm_restore_0000000000005678".s1 (id integer)')
        manage.ok("restore", tag_dump, "--noinput", "--jobs", "2")
        assert _staging_schemas() == ["lm_restore_0000000000001234"]
    manage.ok("restore", tag_dump, "--noinput", "--jobs", "2")
    assert _staging_schemas() == []


@only_postgresql
def test_run_restore_py_takes_jobs(manage, tag_dump):
    manage.ok("restore", tag_dump, "--noinput")
    restored = _state()
    z.Tag.objects.filter(id__lte=50).delete()
    result = manage.ok("run", tag_dump / "restore.py", "--noinput", "--jobs", "2", "-v", "2")
    assert "worker processes" in result.stderr, result.stderr
    assert differences(restored, _state()) == []


@pytest.mark.skipif(DB == "postgresql", reason="PostgreSQL stages rows in workers")
def test_jobs_elsewhere_says_it_needs_postgresql_and_restores(manage, tag_dump):
    result = manage.ok("restore", tag_dump, "--noinput", "--jobs", "2")
    assert "Notice: --jobs 2 needs PostgreSQL" in result.stderr
    fresh()
    assert z.Tag.objects.count() == 3000


def test_jobs_must_be_positive(manage, tag_dump):
    result = manage("restore", tag_dump, "--noinput", "--jobs", "0")
    assert result.returncode == 2
    assert "must be at least 1" in result.stderr


@only_postgresql
def test_models_through_the_migrators_load_beside_staged_ones(shelf):
    from tests.test_migrators import assert_upgraded_rows

    from tests.shelf.helpers import rows

    result = shelf.restore(shelf.dump("1.0", desk="1.0"), "--jobs", "2", "-v", "2", desk="1.0")
    assert result.returncode == 0, result.stderr
    assert "read and checked in 2 worker processes (desk.Desk, desk.Lamp)" in result.stderr, result.stderr
    assert_upgraded_rows()  # shelf's rows, through its migrators in the main process
    assert rows("desk_desk", "id, name") == [(1, "oak")]
    assert rows("desk_lamp", "id, desk_id, color") == [(1, 1, "green")]

"""A dump of each engine restores into each engine: the 3 x 3 matrix.

One pytest run uses all three servers: the test creates its own databases
(SQLite files in a temporary directory; PostgreSQL and MariaDB databases named
``lm_<LM_DB_NAME or matrix>_<pid>_<n>``, dropped afterwards) and runs
``migrate``, the zoo loader (``tests/cross_engine_tool.py``), ``dump2py`` and
``restore`` as subprocesses with ``LM_DB`` / ``LM_DB_NAME`` set per engine.

It runs once per CI run: in the MariaDB run of ``dev.py test`` (Django 5.2),
the one run whose environment has every driver (dev.py installs mysqlclient
for it). In every other run it is skipped. Under ``CI=true`` a missing server
fails the tests instead of skipping them.

What "equal" means
------------------

The source and the target are compared with ``tests.zoo.data.snapshot()``:
every row (ordered by primary key) of every concrete model of the zoo, auth,
admin and contenttypes, each value as Django reads it back on that engine, made
comparable by ``data.normalize()``:

===============  ==========================================================
field            equal when
===============  ==========================================================
integers         the same int (64-bit everywhere; SQLite's INTEGER is 64-bit
                 too, so no integer a zoo field holds is beyond its range)
FloatField       the same IEEE double, bit for bit (``struct.pack('>d')``)
DecimalField     the same digits and exponent (``str(Decimal)``): every engine
                 reads a value quantized to ``decimal_places``; SQLite keeps 15
                 significant digits, so the data holds no more
BooleanField     the same bool (MariaDB stores TINYINT, Django converts)
text             the same code points (no U+0000: PostgreSQL refuses it)
DateTimeField    the same instant, to the microsecond (PostgreSQL timestamptz,
                 MariaDB DATETIME(6) holding UTC, SQLite text holding UTC)
Date/Time        the same value, to the microsecond
DurationField    the same timedelta, to the microsecond
UUIDField        the same UUID (PostgreSQL uuid, char(32) elsewhere)
BinaryField      the same bytes (memoryview or bytes)
JSONField        the same document: dicts compared as sets of items (jsonb
                 reorders keys), lists in order, numbers by type and value
                 (``1`` is not ``1.0``), floats bit for bit
FK to CT/Perm    the same natural key (the ids are remapped by restore)
===============  ==========================================================

The values that some engine cannot hold are left out of the matrix data (see
``tests/cross_engine_tool.py``); moving them to such an engine must be refused
(the tests after the matrix).
"""

from __future__ import annotations

import itertools
import os
import pickle
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.zoo import data

REPO = Path(__file__).resolve().parent.parent
DB = os.environ.get("LM_DB", "sqlite")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ENGINES = ("sqlite", "postgresql", "mariadb")

pytestmark = pytest.mark.skipif(
    DB != "mariadb",
    reason="the cross-engine matrix runs once, in the MariaDB run (the one with every driver): "
    "python3 dev.py test --db mariadb -- tests/test_cross_engine.py",
)


# --- servers and databases -----------------------------------------------------


def _pg_connect(dbname: str = "postgres"):
    import psycopg

    return psycopg.connect(
        host=os.environ.get("LM_PG_HOST", "127.0.0.1"), port=os.environ.get("LM_PG_PORT", "5432"),
        user=os.environ.get("LM_PG_USER", "postgres"), password=os.environ.get("LM_PG_PASSWORD", ""),
        dbname=dbname, connect_timeout=5, autocommit=True,
    )


def _mariadb_connect():
    import MySQLdb

    return MySQLdb.connect(
        host=os.environ.get("LM_MARIADB_HOST", "127.0.0.1"), port=int(os.environ.get("LM_MARIADB_PORT", "3306")),
        user=os.environ.get("LM_MARIADB_USER", "root"), password=os.environ.get("LM_MARIADB_PASSWORD", ""),
        connect_timeout=5,
    )


class Databases:
    """Creates databases on the three engines, and drops them all at the end."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.prefix = f"lm_{os.environ.get('LM_DB_NAME', 'matrix').removeprefix('lm_')}_{os.getpid()}"
        self.created: list[tuple[str, str]] = []

    def create(self, engine: str) -> str:
        """A new, empty database on ``engine``; its ``LM_DB_NAME``."""
        name = f"{self.prefix}_{len(self.created) + 1}"
        if engine == "sqlite":
            name = str(self.directory / f"{name}.sqlite3")
        elif engine == "postgresql":
            with _pg_connect() as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
                connection.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
        else:
            connection = _mariadb_connect()
            try:
                cursor = connection.cursor()
                cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
                cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin")
            finally:
                connection.close()
        self.created.append((engine, name))
        return name

    def drop_all(self) -> None:
        for engine, name in self.created:
            if engine == "sqlite":
                Path(name).unlink(missing_ok=True)
            elif engine == "postgresql":
                with _pg_connect() as connection:
                    connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            else:
                connection = _mariadb_connect()
                try:
                    connection.cursor().execute(f"DROP DATABASE IF EXISTS `{name}`")
                finally:
                    connection.close()
        self.created.clear()


def _server_problems() -> list[str]:
    problems = []
    for engine, connect in (("postgresql", _pg_connect), ("mariadb", _mariadb_connect)):
        try:
            connect().close()
        except Exception as exc:  # driver missing or no server answering
            problems.append(f"{engine} not available ({type(exc).__name__}: {exc})")
    return problems


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    problems = _server_problems()
    if problems:
        message = "the cross-engine tests need all three servers: " + "; ".join(problems)
        if IN_CI:
            pytest.fail(f"CI=true and {message}")
        pytest.skip(message)
    databases = Databases(tmp_path_factory.mktemp("cross_engine"))
    yield databases
    databases.drop_all()


# --- commands, run as subprocesses on one engine each ----------------------------


def run(engine: str, name: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """``python -m ARGS`` with Django set up for ``engine`` / database ``name``."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.project.settings",
        LM_DB=engine,
        LM_DB_NAME=name,
        LM_PGZOO="0",  # pgzoo's PostgreSQL-only fields cannot go to other engines
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")])),
        PYTHONUNBUFFERED="1",
    )
    result = subprocess.run([sys.executable, "-m", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    if check:
        assert result.returncode == 0, (
            f"{engine} {name}: {args} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
    return result


def manage(engine: str, name: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return run(engine, name, "django", *args, check=check)


def tool(engine: str, name: str, *args: str) -> subprocess.CompletedProcess:
    return run(engine, name, "tests.cross_engine_tool", *args)


def snapshot(engine: str, name: str, directory: Path) -> dict:
    out = directory / f"snapshot-{engine}-{time.monotonic_ns()}.pickle"
    tool(engine, name, "snapshot", str(out))
    with out.open("rb") as file:
        return pickle.load(file)


def assert_same(before: dict, after: dict, what: str) -> None:
    assert before == after, f"{what}: snapshots differ:\n" + data.diff(before, after)


@dataclass
class Source:
    engine: str
    database: str
    dump: Path
    snapshot: dict
    seconds: float


@pytest.fixture(scope="module")
def sources(databases, tmp_path_factory):
    """engine -> its zoo, dumped; made when first asked for (each xdist worker makes its own)."""
    made: dict[str, Source] = {}
    directory = tmp_path_factory.mktemp("sources")

    def get(engine: str) -> Source:
        if engine not in made:
            started = time.monotonic()
            name = databases.create(engine)
            manage(engine, name, "migrate", "--noinput", "-v0")
            tool(engine, name, "populate")
            target = directory / f"{engine}-dump"
            manage(engine, name, "dump2py", str(target), "--noinput", "-v0")
            made[engine] = Source(engine, name, target, snapshot(engine, name, directory), time.monotonic() - started)
        return made[engine]

    return get


# --- the matrix ---------------------------------------------------------------------


@pytest.mark.parametrize(("source", "target"), list(itertools.product(ENGINES, ENGINES)))
def test_dump_restores_into_each_engine(databases, sources, tmp_path, source, target):
    """Every value of every row of the zoo arrives as the source held it, in a fresh database."""
    dumped = sources(source)
    name = databases.create(target)
    started = time.monotonic()
    manage(target, name, "restore", str(dumped.dump), "--noinput")
    seconds = time.monotonic() - started
    assert_same(dumped.snapshot, snapshot(target, name, tmp_path), f"{source} -> {target}")
    print(f"{source} -> {target}: source made in {dumped.seconds:.1f} s, restored in {seconds:.1f} s")

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

A nullable JSONField's SQL NULL and JSON ``null`` both read as None, so the
snapshot also lists, per nullable JSONField, the pks where it IS NULL.

The values that some engine cannot hold are left out of the matrix data (see
``tests/cross_engine_tool.py``); moving them to such an engine must be refused
(the tests after the matrix).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import pickle
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

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


def run(engine: str, name: str, *args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m ARGS`` with Django set up for ``engine`` / database ``name`` (and ``env``)."""
    env = {**os.environ, **(env or {})}
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


def manage(engine: str, name: str, *args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    return run(engine, name, "django", *args, check=check, env=env)


def tool(engine: str, name: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return run(engine, name, "tests.cross_engine_tool", *args, env=env)


def snapshot(engine: str, name: str, directory: Path, env: dict | None = None) -> dict:
    out = directory / f"snapshot-{engine}-{time.monotonic_ns()}.pickle"
    tool(engine, name, "snapshot", str(out), env=env)
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
            tool(engine, name, "reorder-content-types")  # ids other than a fresh target has: remapped
            tool(engine, name, "populate")
            target = directory / f"{engine}-dump"
            manage(engine, name, "dump2py", str(target), "--noinput", "-v0")
            made[engine] = Source(engine, name, target, snapshot(engine, name, directory), time.monotonic() - started)
        return made[engine]

    return get


# --- the matrix ---------------------------------------------------------------------


@pytest.mark.parametrize(("source", "target"), list(itertools.product(ENGINES, ENGINES)))
def test_dump_restores_into_each_engine(databases, sources, tmp_path, source, target):
    """Every value of every row of the zoo arrives as the source held it.

    Into a fresh database (the restore migrates it), and, from another engine,
    also into the target engine's own zoo (whose rows the restore replaces).
    """
    dumped = sources(source)
    name = databases.create(target)
    started = time.monotonic()
    manage(target, name, "restore", str(dumped.dump), "--noinput")
    seconds = time.monotonic() - started
    assert_same(dumped.snapshot, snapshot(target, name, tmp_path), f"{source} -> {target}")
    tool(target, name, "new-rows")  # the sequences were set past the restored keys
    if source != target:
        # Into the target engine's own zoo: the restore replaces every row of it.
        occupied = sources(target)
        manage(target, occupied.database, "restore", str(dumped.dump), "--noinput", "-v0")
        assert_same(dumped.snapshot, snapshot(target, occupied.database, tmp_path), f"{source} -> {target}'s zoo")
    print(f"{source} -> {target}: source made in {dumped.seconds:.1f} s, restored in {seconds:.1f} s")


# --- time zones across engines ---------------------------------------------------

#: Each hop: the engine, and the site's USE_TZ / TIME_ZONE. Every engine is once
#: an aware and once a naive site; every hop changes the engine and the zone.
RING = [
    ("sqlite", {"LM_USE_TZ": "1", "LM_TIME_ZONE": "Europe/Brussels"}),
    ("mariadb", {"LM_USE_TZ": "0", "LM_TIME_ZONE": "America/New_York"}),
    ("postgresql", {"LM_USE_TZ": "0", "LM_TIME_ZONE": "Asia/Kolkata"}),
    ("sqlite", {"LM_USE_TZ": "0", "LM_TIME_ZONE": "America/St_Johns"}),
    ("postgresql", {"LM_USE_TZ": "1", "LM_TIME_ZONE": "Pacific/Chatham"}),
    ("mariadb", {"LM_USE_TZ": "1", "LM_TIME_ZONE": "UTC"}),
    ("sqlite", {"LM_USE_TZ": "1", "LM_TIME_ZONE": "Europe/Brussels"}),
]


def test_instants_survive_naive_and_aware_sites_on_every_engine(databases, tmp_path):
    """Aware and naive sites in five zones, on the three engines, in a ring: the same instants at the end.

    A naive site holds local wall-clock time on every engine (PostgreSQL's
    timestamptz read in the connection's zone, MariaDB's DATETIME and SQLite's
    text as they are), so the values that naive local time cannot hold (the
    repeated DST hour, the ends of the calendar) are left out.
    """
    engine, env = RING[0]
    name = databases.create(engine)
    manage(engine, name, "migrate", "--noinput", "-v0", env=env)
    tool(engine, name, "populate", "--local-time-safe", env=env)
    first = snapshot(engine, name, tmp_path, env=env)
    for hop, (engine, env) in enumerate(RING[1:], 1):
        dump = tmp_path / f"hop-{hop}"
        previous_engine, previous_env = RING[hop - 1]
        manage(previous_engine, name, "dump2py", str(dump), "--noinput", "-v0", env=previous_env)
        name = databases.create(engine)
        manage(engine, name, "restore", str(dump), "--noinput", "-v0", env=env)
        expected = first if env["LM_USE_TZ"] == "1" else wall_clock(first, env["LM_TIME_ZONE"])
        assert_same(expected, snapshot(engine, name, tmp_path, env=env), f"hop {hop}: {previous_engine} -> {engine}")


def wall_clock(snap, zone: str):
    """The snapshot of an aware site as a naive site in ``zone`` holds it: local wall-clock times."""
    if isinstance(snap, dict):
        return {label: wall_clock(rows, zone) for label, rows in snap.items()}
    if isinstance(snap, list):
        return [wall_clock(row, zone) for row in snap]
    if isinstance(snap, tuple):
        if len(snap) == 2 and snap[0] == "datetime":
            local = dt.datetime.fromisoformat(snap[1]).astimezone(ZoneInfo(zone)).replace(tzinfo=None)
            return ("naive datetime", local.isoformat())
        return tuple(wall_clock(value, zone) for value in snap)
    return snap


# --- values a target cannot hold: one refusal, naming them all, nothing changed ---------

@dataclass
class Unfit:
    """Rows that ``source`` holds and ``target`` cannot: ``code`` makes them (run by ``shell -c``).

    ``named``: for each unfit value, the words the refusal must name (model, field, pk).
    """

    source: str
    target: str
    code: str
    named: list[tuple[str, ...]]
    source_env: dict | None = None
    target_env: dict | None = None


UNFIT = {
    # PostgreSQL text and jsonb refuse U+0000, which SQLite and MariaDB hold.
    "nul in text and json, sqlite -> postgresql": Unfit(
        "sqlite", "postgresql",
        "Texts.objects.create(pk=901, char='a\\x00b'); JsonDoc.objects.create(pk=902, document={'k': 'v\\x00'})",
        [("zoo.Texts", "char", "901"), ("zoo.JsonDoc", "document", "902")],
    ),
    "nul in text, mariadb -> postgresql": Unfit(
        "mariadb", "postgresql", "Texts.objects.create(pk=903, text='nul\\x00')", [("zoo.Texts", "text", "903")],
    ),
    # SQLite keeps 15 significant digits of a decimal: more would be rounded, silently (today).
    "decimal digits beyond 15, postgresql -> sqlite": Unfit(
        "postgresql", "sqlite",
        "Decimals.objects.create(pk=904, wide_decimal=D('12345678901234567890.1234567890'), money=D('1.00'))",
        [("zoo.Decimals", "wide_decimal", "904")],
    ),
    "decimal digits beyond 15, mariadb -> sqlite": Unfit(
        "mariadb", "sqlite",
        "Decimals.objects.create(pk=905, wide_decimal=D('0.1234567890'), money=D('1.00'), nullable_decimal=D('12345678.1234'))"
        "; Decimals.objects.create(pk=906, wide_decimal=D('1234567890123456.1'), money=D('1.00'))",
        [("zoo.Decimals", "wide_decimal", "906")],  # 905's values (12 digits at most) fit, and are not named
    ),
    # SQLite turns NaN into NULL (silently, today, in a nullable column); MariaDB has no NaN or infinity.
    "nan, postgresql -> sqlite": Unfit(
        "postgresql", "sqlite", "Floats.objects.create(pk=907, float_value=1.0, nullable_float=float('nan'))",
        [("zoo.Floats", "nullable_float", "907")],
    ),
    "nan and infinity, postgresql -> mariadb": Unfit(
        "postgresql", "mariadb",
        "Floats.objects.create(pk=908, float_value=float('-inf')); Floats.objects.create(pk=909, float_value=0.0, nullable_float=float('nan'))",
        [("zoo.Floats", "float_value", "908"), ("zoo.Floats", "nullable_float", "909")],
    ),
    "infinity, sqlite -> mariadb": Unfit(
        "sqlite", "mariadb", "Floats.objects.create(pk=910, float_value=float('inf'))", [("zoo.Floats", "float_value", "910")],
    ),
    # SQLite does not enforce the range of integer types nor max_length; the others do.
    "smallint range and max_length, sqlite -> postgresql": Unfit(
        "sqlite", "postgresql",
        "Numbers.objects.create(pk=911, small_integer=40000, positive_integer=0, positive_small_integer=0, "
        "positive_big_integer=0, big_integer=0, integer=0); AutoPk.objects.create(pk=912, name='x' * 51)",
        [("zoo.Numbers", "small_integer", "911"), ("zoo.AutoPk", "name", "912")],
    ),
}

#: Cases that the restore refuses as required without the column-fit check (one value each).
REFUSED = {
    "integer range, sqlite -> mariadb": Unfit(
        "sqlite", "mariadb",
        "Numbers.objects.create(pk=913, small_integer=0, positive_integer=0, positive_small_integer=0, "
        "positive_big_integer=0, big_integer=0, integer=2**31)",
        [("zoo.Numbers", "integer", "913")],
    ),
    # MariaDB's collations pad with spaces: 'BE' and 'BE ' are one value for a unique index.
    "unique values equal under MariaDB's PAD SPACE, sqlite -> mariadb": Unfit(
        "sqlite", "mariadb",
        "Country.objects.create(pk=914, code='BE', name='x'); Country.objects.create(pk=915, code='BE ', name='y')",
        [("zoo.Country", "code")],
    ),
    # A naive site holds local time: an instant at an end of the calendar may have none.
    "datetime beyond 9999 in local time, sqlite aware -> postgresql naive": Unfit(
        "sqlite", "postgresql",
        "Moments.objects.create(pk=916, date=dt.date(1, 1, 1), time=dt.time(1), duration=dt.timedelta(0), "
        "date_time=dt.datetime(9999, 12, 31, 22, 0, tzinfo=dt.timezone.utc))",
        [("date_time", "9999-12-31T22:00:00+00:00", "Asia/Kolkata")],
        target_env={"LM_USE_TZ": "0", "LM_TIME_ZONE": "Asia/Kolkata"},
    ),
    "datetime before year 1 in UTC, mariadb naive -> sqlite aware": Unfit(
        "mariadb", "sqlite",
        "Moments.objects.create(pk=917, date=dt.date(1, 1, 1), time=dt.time(1), duration=dt.timedelta(0), "
        "date_time=dt.datetime(1, 1, 1, 0, 30))",
        [("date_time", "0001-01-01T00:30:00", "Asia/Kolkata")],
        source_env={"LM_USE_TZ": "0", "LM_TIME_ZONE": "Asia/Kolkata"},
    ),
}

SHELL_PRELUDE = "import datetime as dt\nfrom decimal import Decimal as D\nfrom tests.zoo.models import *\n"


def check_refusal(databases, tmp_path, case: Unfit) -> None:
    source, source_env, target_env = databases.create(case.source), case.source_env, case.target_env
    manage(case.source, source, "migrate", "--noinput", "-v0", env=source_env)
    manage(case.source, source, "shell", "-c", SHELL_PRELUDE + case.code, env=source_env)
    dump = tmp_path / "dump"
    manage(case.source, source, "dump2py", str(dump), "--noinput", "-v0", env=source_env)
    target = databases.create(case.target)
    manage(case.target, target, "migrate", "--noinput", "-v0", env=target_env)
    tool(case.target, target, "populate", "--local-time-safe", env=target_env)
    before = snapshot(case.target, target, tmp_path, env=target_env)
    result = manage(case.target, target, "restore", str(dump), "--noinput", check=False, env=target_env)
    assert result.returncode == 1, f"the restore did not refuse:\n{result.stdout}\n{result.stderr}"
    assert result.stderr.count("CommandError") == 1 and "Traceback" not in result.stderr, result.stderr
    for words in case.named:
        missing = [word for word in words if word not in result.stderr]
        assert not missing, f"the refusal does not name {missing} of {words}:\n{result.stderr}"
    assert_same(before, snapshot(case.target, target, tmp_path, env=target_env), "the refused restore changed the target")


@pytest.mark.parametrize("case", list(UNFIT))
def test_values_the_target_cannot_hold_are_refused(databases, tmp_path, case):
    check_refusal(databases, tmp_path, UNFIT[case])


@pytest.mark.parametrize("case", list(REFUSED))
def test_values_the_target_cannot_hold_are_refused_already(databases, tmp_path, case):
    check_refusal(databases, tmp_path, REFUSED[case])

"""The databases' own tools as steps of the benchmark (issue 12, "Close to the database's own tools").

A user who backs up a PostgreSQL site compares lino-migrate with ``pg_dump`` and
``pg_restore``, a SQLite user with the ``sqlite3`` shell, a MariaDB user with
``mariadb-dump`` and the ``mariadb`` client. ``run.py`` times them in the same
run, on the same source data, and checks their restore exact like the others:

- **native dump**: the data, no schema, of the tables whose rows the dump2py
  dump holds (the shop tables, contenttypes and auth), and the tables' next
  ids (PostgreSQL: their own sequences; SQLite: ``sqlite_sequence``);
- **native restore**: a new database, ``migrate`` (timed, its own step), the
  rows that ``migrate`` created in those tables (content types, permissions)
  deleted (untimed, as ``run.py`` empties the shop tables before the other
  restores), then the dump loaded in one transaction (timed). Its time is
  migrate + load, as in the issue's table.

A tool that is not installed (for PostgreSQL: none of a version that can read
the server) is reported as missing, and the ratios against it as n/a.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import dbutil

__all__ = ["MIGRATE", "Native", "NativeSteps", "dumped_tables", "find_native", "print_targets"]

REPO = Path(__file__).resolve().parent.parent
MIGRATE = "migrate (new database, before the native restore)"
DUMP2PY, RESTORE, QUICK = "lino-migrate dump2py", "lino-migrate restore", "lino-migrate restore --quick"


@dataclass
class Native:
    """One database's own dump and restore commands; ``missing`` says why they cannot run."""

    dump_tool: str
    restore_tool: str
    #: (dump file, tables) -> argv of the dump
    dump: Callable[[Path, list[str]], list[str]] | None = None
    #: dump file -> argv of the load
    restore: Callable[[Path], list[str]] | None = None
    version: str = ""
    missing: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    #: tables dumped and emptied besides the dumped models' (SQLite: sqlite_sequence)
    extra: list[str] = field(default_factory=list)
    suffix: str = ".sql"


def _first_line(path: str) -> str | None:
    try:
        done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip().splitlines()[0] if done.returncode == 0 and done.stdout.strip() else None


def _postgresql() -> Native:
    tools = ("native dump: pg_dump -Fc -Z0 --data-only",
             "native restore: pg_restore --data-only --single-transaction --disable-triggers")
    conn = dbutil.connect("postgres")
    try:
        server = int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000
    finally:
        conn.close()
    found: dict[int, str] = {}
    for path in [shutil.which("pg_dump"), *sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))]:
        line = _first_line(path) if path else None
        match = re.search(r"\(PostgreSQL\) (\d+)", line or "")
        if match:
            found.setdefault(int(match.group(1)), path)
    # pg_dump reads servers of its own and older versions: the server's own version first.
    usable = sorted(major for major in found if major >= server)
    if not usable:
        seen = ", ".join(f"{m} ({p})" for m, p in sorted(found.items())) or "none"
        return Native(*tools, missing=f"missing: no pg_dump of version {server} or later (the server's) in PATH "
                                      f"or /usr/lib/postgresql/*/bin; found: {seen}")
    major = server if server in found else usable[0]
    pg_dump = found[major]
    pg_restore = str(Path(pg_dump).with_name("pg_restore"))
    if not os.access(pg_restore, os.X_OK):
        return Native(*tools, missing=f"missing: {pg_restore} (beside {pg_dump})")
    login = ["-h", os.environ.get("BENCH_PG_HOST", "127.0.0.1"), "-p", os.environ.get("BENCH_PG_PORT", "5432"),
             "-U", os.environ.get("BENCH_PG_USER", "postgres")]
    password = os.environ.get("BENCH_PG_PASSWORD", "")
    return Native(
        *tools,
        dump=lambda file, tables: [pg_dump, *login, "-Fc", "-Z0", "--data-only", "-f", str(file),
                                   *[arg for table in tables for arg in ("-t", f'"{table}"')], dbutil.db_name()],
        restore=lambda file: [pg_restore, *login, "--data-only", "--single-transaction", "--disable-triggers",
                              "-d", dbutil.db_name(), str(file)],
        version=f"{pg_dump}: PostgreSQL {major}, server {server}", env={"PGPASSWORD": password} if password else {},
        suffix=".pgdump")


def _sqlite() -> Native:
    tools = ("native dump: sqlite3 .dump --data-only", "native restore: sqlite3, the INSERTs in one transaction")
    shell = shutil.which("sqlite3")
    if not shell:
        return Native(*tools, missing="missing: no sqlite3 shell in PATH")
    name = dbutil.db_name()
    return Native(
        *tools,
        # -bail: stop at the first error with a non-zero exit (the transaction is then not committed).
        dump=lambda file, tables: [shell, "-bail", name, f'.output "{file}"', ".dump --data-only " + " ".join(tables)],
        restore=lambda file: [shell, "-bail", name, "BEGIN", f'.read "{file}"', "COMMIT"],
        version=f"{shell}: SQLite {(_first_line(shell) or '?').split()[0]}", extra=["sqlite_sequence"])


def _mariadb() -> Native:
    tools = ("native dump: mariadb-dump --no-create-info --single-transaction",
             "native restore: mariadb, the dump in one transaction")
    dump, client = shutil.which("mariadb-dump") or shutil.which("mysqldump"), shutil.which("mariadb") or shutil.which("mysql")
    if not dump or not client:
        return Native(*tools, missing="missing: " + " and ".join(
            what for what, path in (("mariadb-dump (or mysqldump)", dump), ("mariadb (or mysql)", client)) if not path)
            + " not in PATH")
    login = ["-h", os.environ.get("BENCH_MARIADB_HOST", "127.0.0.1"), "-P", os.environ.get("BENCH_MARIADB_PORT", "3306"),
             "-u", os.environ.get("BENCH_MARIADB_USER", "root"), "--default-character-set=utf8mb4"]
    password = os.environ.get("BENCH_MARIADB_PASSWORD", "")
    name = dbutil.db_name()
    return Native(
        *tools,
        # --skip-add-locks: LOCK TABLES would commit the load table by table.
        dump=lambda file, tables: [dump, *login, "--no-create-info", "--single-transaction", "--skip-add-locks",
                                   f"--result-file={file}", name, *tables],
        # --abort-source-on-error: a failing statement stops the load with a non-zero exit, before the COMMIT.
        restore=lambda file: [client, *login, "--abort-source-on-error", name, "-e",
                              f"SET autocommit = 0; source {file}; COMMIT;"],
        version=f"{dump}: {_first_line(dump) or '?'}", env={"MYSQL_PWD": password} if password else {})


def find_native(kind: str) -> Native:
    """The native tools of database ``kind`` found on this machine."""
    return {"postgresql": _postgresql, "sqlite": _sqlite, "mariadb": _mariadb}[kind]()


def dumped_tables(dump_dir: Path) -> list[str]:
    """The tables of the models whose rows the dump2py dump holds, in its order (the shop tables without it)."""
    sys.path.insert(0, str(REPO))
    from lino_migrate.errors import LinoMigrateError
    from lino_migrate.manifest import read_manifest

    try:
        return [info.table for info in read_manifest(dump_dir).models.values()]
    except (OSError, LinoMigrateError):
        return list(dbutil.TABLES)


def _cpu(step: dict) -> float | None:
    """The CPU seconds of a step, the database's included: None where the server's cannot be measured.

    SQLite works in the child; a PostgreSQL server's backends are sampled
    (``servercpu.py``; on this machine only); MariaDB's are not.
    """
    if step.get("server_cpu_s") is not None:
        return step["cpu_s"] + step["server_cpu_s"]
    return step["cpu_s"] if dbutil.db_kind() == "sqlite" else None


def _best(repeat: int, run: Callable[[], dict]) -> dict:
    """The fastest of ``repeat`` runs (stopping at a failed one), with every run's wall time."""
    runs = []
    for _ in range(repeat):
        runs.append(run())
        if runs[-1]["rc"]:
            break
    best = runs[-1] if runs[-1]["rc"] else min(runs, key=lambda r: r["wall_s"])
    return {**best, "runs_wall_s": [r["wall_s"] for r in runs]}


class NativeSteps:
    """The native dump (with the other dumps) and the native restore (after the other restores) of one N.

    ``record(name, kind, result, output=None, exact="-", details=None)`` and
    ``skip(name, kind, reason)`` are ``run.py``'s: they add a line to the table.
    """

    def __init__(self, runner: Any, workdir: Path, logs: Path, record: Callable[..., dict],
                 skip: Callable[[str, str, str], None], dump2py_dir: Path):
        self.runner, self.logs, self.record, self.skip = runner, logs, record, skip
        self.native = find_native(runner.db)
        self.tables = dumped_tables(dump2py_dir)
        self.file = workdir / f"native{self.native.suffix}"
        self.dumped = False

    def dump(self) -> None:
        native = self.native
        if native.missing:
            self.skip(native.dump_tool, "dump", native.missing)
            return

        def once() -> dict:
            self.file.unlink(missing_ok=True)
            return self.runner.process(native.dump(self.file, self.tables + native.extra), self.logs / "native_dump.log",
                                       native.env)

        self.dumped = self.record(native.dump_tool, "dump", _best(self.runner.repeat, once), self.file)["ok"]

    def restore(self, source: dict) -> None:
        """Into a new database, migrated (timed apart); then check every shop row against ``source``."""
        native = self.native
        if native.missing or not self.dumped:
            self.skip(native.restore_tool, "restore", native.missing or "skipped: the native dump failed")
            return
        runs: list[tuple[dict, dict | None]] = []
        for _ in range(self.runner.repeat):
            dbutil.recreate_database()
            migrate = self.runner.django("migrate", "--noinput", log=self.logs / "native_migrate.log")
            if migrate["rc"]:
                runs.append((migrate, None))
                break
            dbutil.empty_tables(tables=self.tables + native.extra)
            load = self.runner.process(native.restore(self.file), self.logs / "native_restore.log", native.env)
            runs.append((migrate, load))
            if load["rc"]:
                break
        failed = runs[-1][1] is None or runs[-1][1]["rc"]
        migrate, load = runs[-1] if failed else min(runs, key=lambda r: r[0]["wall_s"] + r[1]["wall_s"])
        self.record(MIGRATE, "step", {**migrate, "runs_wall_s": [m["wall_s"] for m, _ in runs]})
        if load is None:
            self.skip(native.restore_tool, "restore", "skipped: migrate failed")
            return
        load = {**load, "runs_wall_s": [r["wall_s"] for _, r in runs if r]}
        if load["rc"]:
            self.record(native.restore_tool, "restore", load)
            return
        _, exact, details = dbutil.compare(source, dbutil.snapshot(source))
        entry = self.record(native.restore_tool, "restore", load, exact=exact, details=details)
        entry["with_migrate_s"] = round(migrate["wall_s"] + load["wall_s"], 3)
        if _cpu(migrate) is not None and _cpu(load) is not None:
            entry["with_migrate_cpu_s"] = round(_cpu(migrate) + _cpu(load), 3)

    def report(self, by_name: dict[str, dict]) -> dict:
        """The JSON's ``native`` (tools, tables) and ``targets`` (issue 12's ratios and peak RSS)."""
        native = self.native

        def wall(name: str, key: str = "wall_s") -> float | None:
            entry = by_name.get(name)
            return entry.get(key) if entry and entry.get("ok") else None

        def ratio(a: float | None, b: float | None) -> float | None:
            return round(a / b, 2) if a is not None and b else None

        def rss(name: str) -> float | None:
            return wall(name, "peak_rss_mb")

        def cpu(name: str) -> float | None:
            entry = by_name.get(name)
            return _cpu(entry) if entry and entry.get("ok") else None

        native_restore = wall(native.restore_tool, "with_migrate_s")
        native_cpu = wall(native.restore_tool, "with_migrate_cpu_s")
        rows = [
            ("dump2py time / native dump time", ratio(wall(DUMP2PY), wall(native.dump_tool)), "<=", 3.0,
             ratio(cpu(DUMP2PY), cpu(native.dump_tool))),
            ("restore (default) time / native restore time (migrate included)", ratio(wall(RESTORE), native_restore),
             "<=", 1.5, ratio(cpu(RESTORE), native_cpu)),
            ("restore --quick time / native restore time (migrate included)", ratio(wall(QUICK), native_restore),
             "<=", 1.2, ratio(cpu(QUICK), native_cpu)),
            ("peak RSS dump2py (MB)", rss(DUMP2PY), "<", 100, None),
            ("peak RSS restore (MB)", rss(RESTORE), "<", 100, None),
            ("peak RSS restore --quick (MB)", rss(QUICK), "<", 100, None),
        ]
        targets = [{"target": name, "value": value, "limit": f"{op} {limit:g}",
                    "holds": None if value is None else (value <= limit if op == "<=" else value < limit),
                    "cpu_ratio": cpu_ratio}
                   for name, value, op, limit, cpu_ratio in rows]
        return {
            "native": {"dump": native.dump_tool, "restore": native.restore_tool, "version": native.version,
                       "missing": native.missing, "tables": self.tables + native.extra,
                       "restore_with_migrate_s": native_restore, "migrate_s": wall(MIGRATE),
                       "restore_with_migrate_cpu_s": native_cpu},
            "targets": targets,
        }


def print_targets(result: dict) -> None:
    """The table of issue 12's targets, after the run's table."""
    native = result["native"]
    if native["missing"]:
        print(f"\nnative tools: {native['missing']}")
    else:
        print(f"\nnative tools: {native['version']}; tables: {', '.join(native['tables'])}")
    if native["restore_with_migrate_s"] is not None:
        print(f"native restore, migrate included: {native['restore_with_migrate_s']:.1f} s "
              f"(migrate {native['migrate_s']:.1f} s + load {native['restore_with_migrate_s'] - native['migrate_s']:.1f} s)")
    # Wall times swing with the load of a shared machine; CPU times (the server's included) much less.
    cpu = "CPU ratio (client + server)" if result["db"] == "postgresql" else "CPU ratio"
    print(f"\n| target (issue 12) | value | target | holds? | {cpu} |\n|---|---:|---|---|---:|")
    for t in result["targets"]:
        value = "n/a" if t["value"] is None else f"{t['value']:.2f}" if "/" in t["target"] else f"{t['value']:.0f}"
        holds = "n/a" if t["holds"] is None else "yes" if t["holds"] else "no"
        ratio = "-" if "/" not in t["target"] else "n/a" if t["cpu_ratio"] is None else f"{t['cpu_ratio']:.2f}"
        print(f"| {t['target']} | {value} | {t['limit']} | {holds} | {ratio} |")

#!/usr/bin/env python
"""Benchmark lino-migrate's dump2py/restore against Django dumpdata/loaddata, a raw driver baseline
and the database's own tools (pg_dump/pg_restore, the sqlite3 shell, mariadb-dump/mariadb).

    python benchmarks/run.py --db sqlite -n 10000 -n 100000
    python benchmarks/run.py --replay --db sqlite -n 100000 -r 2   # an upgrade: replay vs. restore + migrate

See benchmarks/README.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import dbutil  # noqa: E402
from native import NativeSteps  # noqa: E402
from tables import print_table  # noqa: E402
from replay_case import bench_replay  # noqa: E402
from servercpu import ServerCPU  # noqa: E402

SETTINGS = "benchmarks.bench_site.settings"
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


class Runner:
    def __init__(self, db: str, db_name: str | None, python: str, verbose: bool, repeat: int = 1):
        self.db = db
        self.repeat = repeat
        self.python = python
        self.verbose = verbose
        self.env = dict(os.environ)
        self.env.update(
            BENCH_DB=db,
            DJANGO_SETTINGS_MODULE=SETTINGS,
            PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")])),
            PYTHONUNBUFFERED="1",
        )
        if db_name:
            self.env["BENCH_DB_NAME"] = db_name
        # dbutil (used in this process) reads the same variables.
        os.environ.update(BENCH_DB=db, **({"BENCH_DB_NAME": db_name} if db_name else {}))

    def child(self, args: list[str], log: Path, env: dict[str, str] | None = None) -> dict:
        """Run ``python ARGS`` as a child process (see ``process``)."""
        return self.process([self.python, *args], log, env, shown=args)

    def process(self, cmd: list[str], log: Path, env: dict[str, str] | None = None, shown: list[str] | None = None) -> dict:
        """Run one child process; return rc, wall seconds and the child's own peak RSS.

        The peak RSS comes from GNU ``/usr/bin/time -f %M`` when present: the child is
        forked from the small ``time`` process. Without it, it comes from ``os.wait4``,
        which on Linux also counts what the child inherited from this (big) process at
        fork time, so small figures are overstated. ``env`` adds to the children's
        environment (``BENCH_RELEASE``, a server password). ``server_cpu_s``: what a
        PostgreSQL server on this machine spent for the child's connections (else None).
        """
        args = shown if shown is not None else cmd
        if self.verbose:
            print("  $", " ".join(args), flush=True)
        rss_file = log.with_suffix(".rss")
        if TIME:
            cmd = [TIME, "-f", "%M", "-o", str(rss_file), *cmd]
        with open(log, "w") as out, ServerCPU() as server:
            started = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=REPO, env={**self.env, **(env or {})}, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak_kib = usage.ru_maxrss
        if TIME:
            lines = rss_file.read_text().split() if rss_file.exists() else []
            if lines and lines[-1].isdigit():
                peak_kib = int(lines[-1])
        text = log.read_text(errors="replace")
        return {
            "cmd": " ".join(args),
            "rc": proc.returncode,
            "wall_s": round(wall, 3),
            "peak_rss_mb": round(peak_kib / 1024, 1),  # Linux: KiB
            "rss_source": "/usr/bin/time" if TIME else "wait4",
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
            "server_cpu_s": server.seconds,
            "output_tail": text[-3000:],
        }

    def django(self, *args: str, log: Path, env: dict[str, str] | None = None) -> dict:
        return self.child(["-m", "django", *args], log, env)

    def best_of(self, args: list[str], log: Path, before=None) -> dict:
        """Run ``repeat`` times (calling ``before()`` first each time); keep the fastest successful run."""
        runs = []
        for i in range(self.repeat):
            if before is not None:
                before()
            result = self.child(args, log)
            runs.append(result)
            if result["rc"]:
                return {**result, "runs_wall_s": [r["wall_s"] for r in runs]}
        best = min(runs, key=lambda r: r["wall_s"])
        return {**best, "runs_wall_s": [r["wall_s"] for r in runs]}


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return 0


def error_of(result: dict) -> str:
    lines = [line for line in result["output_tail"].splitlines() if line.strip()]
    # The last line of a traceback or a CommandError message.
    return lines[-1] if lines else f"exit status {result['rc']}"


def same_dump(one: Path, other: Path) -> str:
    """Whether two dumps hold the same bytes (but for the CREATED line of restore.py)."""
    sys.path.insert(0, str(REPO))
    from lino_migrate.verify import dump_differences

    differ = dump_differences(one, other)
    return "same bytes as one process" if not differ else f"no: {len(differ)} files differ ({'; '.join(d.splitlines()[0] for d in differ[:3])})"


def bench(runner: Runner, n: int, workdir: Path, results_dir: Path, peers: bool = True, jobs: int = 1,
          native: bool = True, restore_jobs: int = 1) -> dict:
    print(f"\n=== {runner.db}, N = {n:,} ===", flush=True)
    logs = workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    load_before = list(os.getloadavg())
    dbutil.recreate_database()
    step = runner.django("migrate", "--noinput", log=logs / "migrate.log")
    if step["rc"]:
        raise SystemExit(f"migrate failed:\n{step['output_tail']}")
    gen = runner.child([str(HERE / "generate.py"), str(n)], log=logs / "generate.log")
    if gen["rc"]:
        raise SystemExit(f"generate failed:\n{gen['output_tail']}")
    print(f"generated in {gen['wall_s']:.1f} s: {gen['output_tail'].strip()}", flush=True)
    source = dbutil.snapshot()
    rows = sum(s.count for s in source.values())
    print(f"source snapshot: {rows:,} rows " + ", ".join(f"{t} {s.count:,}" for t, s in source.items()), flush=True)

    d2p_dir, raw_dir, json_file = workdir / "dump2py", workdir / "raw", workdir / "dumpdata.json"
    tools: list[dict] = []

    def record(name: str, kind: str, result: dict, output: Path | None = None, exact: str = "-", details=None):
        entry = {"tool": name, "kind": kind, **result, "rows": rows}
        entry["ok"] = result["rc"] == 0
        entry["rows_per_s"] = round(rows / result["wall_s"]) if entry["ok"] else None
        if output is not None:
            entry["output_bytes"] = size_of(output)
        if not entry["ok"]:
            entry["error"] = error_of(result)
            exact = "failed" if kind == "restore" else "-"
        entry["exact"] = exact
        if details is not None:
            entry["exact_details"] = details
        tools.append(entry)
        status = f"{result['wall_s']:.1f} s, {result['peak_rss_mb']:.0f} MB" + ("" if entry["ok"] else f", FAILED: {entry['error']}")
        shown = f", exact: {exact}" if (kind == "restore" and entry["ok"]) or exact != "-" else ""
        print(f"  {name}: {status}{shown}", flush=True)
        return entry

    def skip(name: str, kind: str, reason: str) -> None:
        tools.append({"tool": name, "kind": kind, "ok": False, "rc": None, "skipped": True, "error": reason,
                      "exact": "-", "rows": rows, "wall_s": None, "peak_rss_mb": None, "rows_per_s": None})
        print(f"  {name}: {reason}", flush=True)

    # --- dumps, all from the same source ---------------------------------
    def remove(path: Path):
        return lambda: shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)

    record("lino-migrate dump2py", "dump", runner.best_of(
        ["-m", "django", "dump2py", str(d2p_dir), "--noinput"], logs / "dump2py.log", remove(d2p_dir)), d2p_dir)
    # The database's own tools: the data of the tables the dump2py dump holds (see native.py).
    steps = NativeSteps(runner, workdir, logs, record, skip, d2p_dir) if native else None
    if jobs > 1:
        jobs_dir = workdir / "dump2py-jobs"
        result = runner.best_of(
            ["-m", "django", "dump2py", str(jobs_dir), "--noinput", "--jobs", str(jobs)], logs / "dump2py_jobs.log",
            remove(jobs_dir))
        same = same_dump(d2p_dir, jobs_dir) if result["rc"] == 0 and d2p_dir.exists() else "-"
        record(f"lino-migrate dump2py --jobs {jobs}", "dump", result, jobs_dir, exact=same)
        shutil.rmtree(jobs_dir, ignore_errors=True)
    if peers:
        record("Django dumpdata shop (JSON)", "dump", runner.best_of(
            ["-m", "django", "dumpdata", "shop", "-o", str(json_file)], logs / "dumpdata.log", remove(json_file)), json_file)
    record("raw driver: SELECT, repr() lines", "dump", runner.best_of(
        [str(HERE / "raw_dump.py"), str(raw_dir)], logs / "raw_dump.log", remove(raw_dir)), raw_dir)
    if steps:
        steps.dump()

    # --- restores, each into emptied shop tables --------------------------
    def restore(name: str, args: list[str], log: str, needs: Path):
        if not needs.exists():
            skip(name, "restore", f"skipped: {needs.name} was not written")
            return
        result = runner.best_of(args, logs / log, dbutil.empty_tables)
        if result["rc"] == 0:
            _, exact, details = dbutil.compare(source, dbutil.snapshot(source))
            record(name, "restore", result, exact=exact, details=details)
        else:
            record(name, "restore", result)

    restore("lino-migrate restore", ["-m", "django", "restore", str(d2p_dir), "--noinput"], "restore.log", d2p_dir)
    restore("lino-migrate restore --quick", ["-m", "django", "restore", str(d2p_dir), "--noinput", "--quick"], "restore_quick.log", d2p_dir)
    if restore_jobs > 1:
        restore(f"lino-migrate restore --jobs {restore_jobs}", ["-m", "django", "restore", str(d2p_dir), "--noinput", "--jobs",
                                                             str(restore_jobs)], "restore_jobs.log", d2p_dir)
    if peers:
        restore("Django loaddata", ["-m", "django", "loaddata", str(json_file)], "loaddata.log", json_file)
    restore("raw driver: literal_eval, executemany", [str(HERE / "raw_restore.py"), str(raw_dir)], "raw_restore.log", raw_dir)
    if steps:
        steps.restore(source)  # last: into a new database, migrated first

    by_name = {t["tool"]: t for t in tools}

    def ratio(a: str, b: str) -> float | None:
        ta, tb = by_name.get(a), by_name.get(b)
        if not ta or not tb or not ta.get("ok") or not tb.get("ok"):
            return None
        return round(ta["wall_s"] / tb["wall_s"], 2)

    ratios = {
        "dump2py vs dumpdata throughput (x)": ratio("Django dumpdata shop (JSON)", "lino-migrate dump2py"),
        "dump2py time / raw dump time": ratio("lino-migrate dump2py", "raw driver: SELECT, repr() lines"),
        "restore --quick vs loaddata throughput (x)": ratio("Django loaddata", "lino-migrate restore --quick"),
        "restore --quick time / raw restore time": ratio("lino-migrate restore --quick", "raw driver: literal_eval, executemany"),
        "restore (default) time / raw restore time": ratio("lino-migrate restore", "raw driver: literal_eval, executemany"),
    }
    if jobs > 1:
        ratios[f"dump2py --jobs {jobs} speed-up (x)"] = ratio("lino-migrate dump2py", f"lino-migrate dump2py --jobs {jobs}")
    if restore_jobs > 1:
        ratios[f"restore --jobs {restore_jobs} speed-up (x)"] = ratio("lino-migrate restore", f"lino-migrate restore --jobs {restore_jobs}")
    result = {
        "db": runner.db,
        "server": dbutil.server_version(),
        "n": n,
        "rows": rows,
        "tables": {t: {"rows": s.count, "sha256": s.sha256} for t, s in source.items()},
        "generate": {k: gen[k] for k in ("wall_s", "peak_rss_mb")},
        "tools": [{k: v for k, v in t.items() if k != "output_tail" or not t.get("ok")} for t in tools],
        "ratios": ratios,
        **(steps.report(by_name) if steps else {}),
        "python": sys.version.split()[0],
        "django": _django_version(runner),
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
        "repeat": runner.repeat,
        "load_average_before_after": [load_before, list(os.getloadavg())],
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }
    results_dir.mkdir(parents=True, exist_ok=True)
    out = results_dir / f"{runner.db}-{n}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print_table(result)
    print(f"results: {out}", flush=True)
    return result


def _django_version(runner: Runner) -> str:
    try:
        return subprocess.run([runner.python, "-c", "import django; print(django.get_version())"], env=runner.env,
                              capture_output=True, text=True, check=True).stdout.strip()
    except Exception:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "mariadb"], default="sqlite")
    parser.add_argument("-n", type=int, action="append", dest="sizes", metavar="N", help="Books (repeatable; default 10000).")
    parser.add_argument("--db-name", help="SQLite file or server database to create and drop (default: a temp file / lm_bench).")
    parser.add_argument("--python", default=sys.executable, help="Python for the child processes (default: this one).")
    parser.add_argument("--results", default=str(HERE / "results"), help="Where to write <db>-<N>.json.")
    parser.add_argument("--keep", action="store_true", help="Keep the work directory (dumps and logs) and the database.")
    parser.add_argument("-r", "--repeat", type=int, default=1, help="Run each tool R times, report the fastest (default 1).")
    parser.add_argument("-v", "--verbose", action="store_true", help="Show each child command.")
    parser.add_argument("--no-peers-above", type=int, default=None, metavar="N",
                        help="Skip dumpdata/loaddata for sizes above N (they take an hour at N = 1,000,000).")
    parser.add_argument("--jobs", type=int, default=1, help="Also time `dump2py --jobs J` (PostgreSQL: parallel workers).")
    parser.add_argument("--no-native", action="store_true",
                        help="Leave out the database's own dump and restore tools (pg_dump/pg_restore, sqlite3, mariadb-dump).")
    parser.add_argument("--restore-jobs", type=int, default=1, metavar="J",
                        help="Also time `restore --jobs J` (PostgreSQL: parallel workers), checked exact.")
    parser.add_argument("--replay", action="store_true",
                        help="Time an upgrade instead: restore a 1.0 dump into 2.0 (replay) against restore into 1.0 + "
                             "migrate to 2.0; each of the R runs (-r) is reported.")
    args = parser.parse_args()
    sizes = args.sizes or [10_000]

    workroot = Path(tempfile.mkdtemp(prefix=f"lm_bench_{args.db}_"))
    db_name = args.db_name or (str(workroot / "bench.sqlite3") if args.db == "sqlite" else "lm_bench")
    runner = Runner(args.db, db_name, args.python, args.verbose, max(1, args.repeat))
    try:
        for n in sizes:
            workdir = workroot / f"n{n}"
            workdir.mkdir()
            if args.replay:
                bench_replay(runner, n, workdir, Path(args.results), _django_version(runner))
            else:
                bench(runner, n, workdir, Path(args.results), peers=args.no_peers_above is None or n <= args.no_peers_above,
                      jobs=args.jobs, native=not args.no_native, restore_jobs=args.restore_jobs)
            if not args.keep:
                shutil.rmtree(workdir, ignore_errors=True)
    finally:
        if args.keep:
            print(f"kept: {workroot} and database {db_name}")
        else:
            try:
                dbutil.drop_database()
            finally:
                shutil.rmtree(workroot, ignore_errors=True)


if __name__ == "__main__":
    main()

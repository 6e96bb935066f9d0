"""The replay case of the benchmark (``run.py --replay``): an upgrade through Django's migrations.

A site runs release 1.0 of the app ``shop`` (``BENCH_RELEASE=1.0``), is dumped,
and its new code is release 2.0, whose migration ``0002_release_2_0`` renames
``Book.pages``, adds ``Book.price_cents`` (NOT NULL, default 0), moves every
book's price into it with a ``RunPython`` and drops ``price``. Two ways to get
the dump into 2.0, timed as whole processes:

(a) **replay**: ``restore`` with the code of 2.0, into a database migrated by
    2.0: the rows go in at the dump's state (``0001``), then ``0002`` runs,
    all in the restore's one transaction;
(b) **in place**: ``restore`` with the code of 1.0, into a database migrated by
    1.0, then ``migrate`` with the code of 2.0: the same restore, then the
    same migration.

Each run starts from a new database (migrated, untimed, by the release the
code runs); the runs alternate which way goes first. Both ways must end with
the same rows (count and sha256 of every shop table); the ratio is (a) / (b).
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

import dbutil

__all__ = ["TARGET", "bench_replay", "print_replay_table"]

OLD, NEW = "1.0", "2.0"
#: the issue's target: a replay takes at most this many times the restore plus migrate in place
TARGET = 1.2


def _digest() -> dict[str, dict]:
    """Count and sha256 of every shop table, read with the driver (nothing kept in memory)."""
    conn = dbutil.connect()
    try:
        dbutil.begin(conn)
        result = {}
        for table in dbutil.TABLES:
            columns, rows = dbutil.stream_rows(conn, table)
            snap = dbutil.TableSnapshot(table, columns)
            for row in rows:
                snap.add(row)
            result[table] = {"columns": columns, "rows": snap.count, "sha256": snap.sha256}
        conn.rollback() if dbutil.db_kind() != "sqlite" else conn.execute("ROLLBACK")
        return result
    finally:
        conn.close()


def _must(step: dict, what: str) -> dict:
    if step["rc"]:
        raise SystemExit(f"{what} failed (exit {step['rc']}):\n{step['output_tail']}")
    return step


def _fresh_database(runner: Any, release: str, logs: Path) -> None:
    dbutil.recreate_database()
    _must(runner.django("migrate", "--noinput", log=logs / f"migrate-{release}.log", env={"BENCH_RELEASE": release}),
          f"migrate with release {release}")


def _keep(step: dict) -> dict:
    return {k: step[k] for k in ("cmd", "rc", "wall_s", "peak_rss_mb", "cpu_s", "server_cpu_s")}


def _timed(runner: Any, *args: str, log: Path, env: dict[str, str]) -> dict:
    """A child ``python -m django ARGS``, with the CPU time the database server spent for it (PostgreSQL, ``ServerCPU``)."""
    return runner.django(*args, log=log, env=env)


def _cpu(*steps: dict) -> float:
    """Client and server CPU seconds of ``steps`` (the server's only where measured)."""
    return round(sum(s["cpu_s"] + (s["server_cpu_s"] or 0) for s in steps), 2)


def _in_place(runner: Any, dump: Path, logs: Path) -> dict:
    _fresh_database(runner, OLD, logs)
    restore = _must(_timed(runner, "restore", str(dump), "--noinput", log=logs / "inplace-restore.log",
                           env={"BENCH_RELEASE": OLD}), "restore with release 1.0")
    if "Replayed" in restore["output_tail"]:
        raise SystemExit(f"the restore into release {OLD} replayed migrations; it should not:\n{restore['output_tail']}")
    migrate = _must(_timed(runner, "migrate", "--noinput", log=logs / "inplace-migrate.log", env={"BENCH_RELEASE": NEW}),
                    "migrate with release 2.0")
    if "Applying shop.0002_release_2_0... OK" not in migrate["output_tail"]:
        raise SystemExit(f"migrate with release {NEW} did not apply shop.0002_release_2_0:\n{migrate['output_tail']}")
    return {"restore": _keep(restore), "migrate": _keep(migrate),
            "wall_s": round(restore["wall_s"] + migrate["wall_s"], 3), "cpu_s": _cpu(restore, migrate), "tables": _digest()}


def _replay(runner: Any, dump: Path, logs: Path) -> dict:
    _fresh_database(runner, NEW, logs)
    restore = _must(_timed(runner, "restore", str(dump), "--noinput", log=logs / "replay-restore.log",
                           env={"BENCH_RELEASE": NEW}), "restore with release 2.0")
    if "Replayed 1 Django migration after loading the rows: shop.0002_release_2_0." not in restore["output_tail"]:
        raise SystemExit(f"the restore into release {NEW} did not replay shop.0002_release_2_0:\n{restore['output_tail']}")
    return {"restore": _keep(restore), "wall_s": restore["wall_s"], "cpu_s": _cpu(restore), "tables": _digest()}


def bench_replay(runner: Any, n: int, workdir: Path, results_dir: Path, django_version: str) -> dict:
    """Dump N books with release 1.0; time (a) replay and (b) restore + migrate in place, ``runner.repeat`` times each."""
    print(f"\n=== replay, {runner.db}, N = {n:,} ===", flush=True)
    logs = workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    load_before = list(os.getloadavg())
    old = {"BENCH_RELEASE": OLD}
    _fresh_database(runner, OLD, logs)
    gen = _must(runner.child([str(Path(__file__).parent / "generate.py"), str(n)], log=logs / "generate.log", env=old),
                "generate")
    print(f"generated in {gen['wall_s']:.1f} s: {gen['output_tail'].strip()}", flush=True)
    dump = workdir / "dump"
    dumped = _must(runner.django("dump2py", str(dump), "--noinput", log=logs / "dump2py.log", env=old), "dump2py")
    print(f"dump2py with release {OLD}: {dumped['wall_s']:.1f} s", flush=True)

    runs: list[dict] = []
    reference: dict | None = None
    for i in range(runner.repeat):
        ways = ("in place", "replay") if i % 2 == 0 else ("replay", "in place")
        run: dict = {"order": list(ways)}
        for way in ways:
            result = _in_place(runner, dump, logs) if way == "in place" else _replay(runner, dump, logs)
            tables = result.pop("tables")
            reference = reference or tables
            result["same_rows"] = tables == reference
            run[way] = result
            print(f"  run {i + 1}, {way}: {result['wall_s']:.1f} s" + ("" if result["same_rows"] else ", ROWS DIFFER"),
                  flush=True)
        run["ratio"] = round(run["replay"]["wall_s"] / run["in place"]["wall_s"], 2)
        run["cpu_ratio"] = round(run["replay"]["cpu_s"] / run["in place"]["cpu_s"], 2)
        runs.append(run)

    best = {way: min(r[way]["wall_s"] for r in runs) for way in ("replay", "in place")}
    result = {
        "case": "replay",
        "db": runner.db,
        "server": dbutil.server_version(),
        "n": n,
        "tables": {t: {"rows": v["rows"], "sha256": v["sha256"]} for t, v in (reference or {}).items()},
        "generate_s": gen["wall_s"],
        "dump2py_s": dumped["wall_s"],
        "runs": runs,
        "same_rows": all(r[w]["same_rows"] for r in runs for w in ("replay", "in place")),
        "ratio_best": round(best["replay"] / best["in place"], 2),
        "target": TARGET,
        "python": sys.version.split()[0],
        "django": django_version,
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
        "load_average_before_after": [load_before, list(os.getloadavg())],
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }
    results_dir.mkdir(parents=True, exist_ok=True)
    out = results_dir / f"{runner.db}-replay-{n}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print_replay_table(result)
    print(f"results: {out}", flush=True)
    if not result["same_rows"]:
        raise SystemExit("replay and restore + migrate in place ended with different rows (see the results file)")
    return result


def print_replay_table(result: dict) -> None:
    rows = sum(t["rows"] for t in result["tables"].values())
    load = result["load_average_before_after"]
    server = result["server"].split(" (")[0].split(" on ")[0]  # PostgreSQL's version() is long
    print(f"\nreplay, {result['db']} ({server}), N = {result['n']:,}: {rows:,} rows after the upgrade "
          f"(Python {result['python']}, Django {result['django']}; load average before/after: "
          f"{load[0][0]:.1f}/{load[1][0]:.1f})\n")
    cpu = "CPU s (client + server)" if any(r["replay"]["restore"]["server_cpu_s"] is not None for r in result["runs"]) \
        else "CPU s"
    print("| run | (b) restore into 1.0 s | (b) migrate to 2.0 s | (b) in place s | (a) replay s | "
          f"peak RSS MB (a) / (b) | {cpu} (a) / (b) | same rows? | replay / in place | CPU: replay / in place |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    for i, run in enumerate(result["runs"], 1):
        b, a = run["in place"], run["replay"]
        rss = f"{a['restore']['peak_rss_mb']:.0f} / {max(b['restore']['peak_rss_mb'], b['migrate']['peak_rss_mb']):.0f}"
        same = "yes" if a["same_rows"] and b["same_rows"] else "NO"
        print(f"| {i} ({run['order'][0]} first) | {b['restore']['wall_s']:.1f} | "
              f"{b['migrate']['wall_s']:.1f} | {b['wall_s']:.1f} | {a['wall_s']:.1f} | {rss} | "
              f"{a['cpu_s']:.1f} / {b['cpu_s']:.1f} | {same} | **{run['ratio']:.2f}** | {run['cpu_ratio']:.2f} |")
    verdict = "meets" if result["ratio_best"] <= result["target"] else "MISSES"
    print(f"\nreplay / in place, best of each: {result['ratio_best']:.2f} ({verdict} the target <= {result['target']})")

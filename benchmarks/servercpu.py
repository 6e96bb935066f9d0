"""The CPU time the PostgreSQL server spends for a child process's connections.

On a machine whose cores other work shares, wall times swing with the load;
CPU time does much less. A child's own CPU time misses what the server does
for it (COPY, triggers, index updates, ``ALTER TABLE``), so ``ServerCPU``
samples, while the child runs, the backends connected to the benchmark
database (``pg_stat_activity``) and reads their CPU time from
``/proc/<pid>/stat`` (the server must run on this machine). A backend's last
sample counts, so up to one interval (0.2 s) per connection is missed.
Elsewhere (SQLite, MariaDB, a remote server) it reports ``None``.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import dbutil

__all__ = ["ServerCPU"]

INTERVAL = 0.2


def _cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


class ServerCPU:
    """``with ServerCPU() as cpu: ...``; then ``cpu.seconds`` (None where it cannot be measured)."""

    def __init__(self) -> None:
        self.seconds: float | None = None
        self._last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._conn = None

    def __enter__(self) -> "ServerCPU":
        if dbutil.db_kind() != "postgresql" or os.environ.get("BENCH_PG_HOST", "127.0.0.1") not in ("127.0.0.1", "localhost"):
            return self
        self._conn = dbutil.connect("postgres")
        self._conn.autocommit = True
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while True:
            rows = self._conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [dbutil.db_name()]
            ).fetchall()
            for (pid,) in rows:
                seconds = _cpu_seconds(pid)
                if seconds is not None:
                    self._last[pid] = seconds
            if self._stop.wait(INTERVAL):
                return

    def __exit__(self, *exc) -> None:
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        self._conn.close()
        self.seconds = round(sum(self._last.values()), 2)

"""Settings of the benchmark project.

The database is chosen by environment variables, so that every child process
of ``benchmarks/run.py`` talks to the same database:

- ``BENCH_DB``: ``sqlite`` (default), ``postgresql`` or ``mariadb``.
- ``BENCH_DB_NAME``: the SQLite file, or the database name on the server
  (default ``/tmp/lm_bench.sqlite3`` or ``lm_bench``).
- ``BENCH_PG_HOST``/``BENCH_PG_PORT``/``BENCH_PG_USER``/``BENCH_PG_PASSWORD`` and
  ``BENCH_MARIADB_HOST``/``..._PORT``/``..._USER``/``..._PASSWORD``: the servers
  (default 127.0.0.1, user postgres resp. root, empty password).

The app ``shop`` runs one release at a time, as the library example's app
does: each release is a complete app package in ``releases/<version>/shop/``,
and ``BENCH_RELEASE`` (``1.0``, the default, or ``2.0``) chooses which one is
imported. 2.0 renames a field, adds one and moves the price into it with a
``RunPython`` (``run.py --replay`` times that upgrade).
"""

import os
import sys
from pathlib import Path

RELEASES_DIR = Path(__file__).resolve().parent.parent / "releases"
BENCH_RELEASE = os.environ.get("BENCH_RELEASE") or "1.0"
_release_dir = RELEASES_DIR / BENCH_RELEASE
if not (_release_dir / "shop").is_dir():
    _known = ", ".join(sorted(p.name for p in RELEASES_DIR.iterdir() if (p / "shop").is_dir()))
    raise RuntimeError(f"BENCH_RELEASE={BENCH_RELEASE!r}: no such release (there are {_known})")
if str(_release_dir) not in sys.path:
    sys.path.insert(0, str(_release_dir))

SECRET_KEY = "benchmark-only-not-secret"
DEBUG = False
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

DB = os.environ.get("BENCH_DB", "sqlite")
DB_NAME = os.environ.get("BENCH_DB_NAME")

if DB == "sqlite":
    _default = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DB_NAME or "/tmp/lm_bench.sqlite3",
    }
elif DB == "postgresql":
    _default = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DB_NAME or "lm_bench",
        "USER": os.environ.get("BENCH_PG_USER", "postgres"),
        "PASSWORD": os.environ.get("BENCH_PG_PASSWORD", ""),
        "HOST": os.environ.get("BENCH_PG_HOST", "127.0.0.1"),
        "PORT": os.environ.get("BENCH_PG_PORT", "5432"),
    }
elif DB == "mariadb":
    _default = {
        "ENGINE": "django.db.backends.mysql",
        "NAME": DB_NAME or "lm_bench",
        "USER": os.environ.get("BENCH_MARIADB_USER", "root"),
        "PASSWORD": os.environ.get("BENCH_MARIADB_PASSWORD", ""),
        "HOST": os.environ.get("BENCH_MARIADB_HOST", "127.0.0.1"),
        "PORT": os.environ.get("BENCH_MARIADB_PORT", "3306"),
        "OPTIONS": {"charset": "utf8mb4"},
    }
else:
    raise RuntimeError(f"BENCH_DB must be sqlite, postgresql or mariadb, not {DB!r}")

DATABASES = {"default": _default}

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "lino_migrate",
    "shop",  # from releases/<BENCH_RELEASE>/shop
]

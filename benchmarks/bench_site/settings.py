"""Settings of the benchmark project.

The database is chosen by environment variables, so that every child process
of ``benchmarks/run.py`` talks to the same database:

- ``BENCH_DB``: ``sqlite`` (default), ``postgresql`` or ``mariadb``.
- ``BENCH_DB_NAME``: the SQLite file, or the database name on the server
  (default ``/tmp/lm_bench.sqlite3`` or ``lm_bench``).
- ``BENCH_PG_HOST``/``BENCH_PG_PORT``/``BENCH_PG_USER``/``BENCH_PG_PASSWORD`` and
  ``BENCH_MARIADB_HOST``/``..._PORT``/``..._USER``/``..._PASSWORD``: the servers
  (default 127.0.0.1, user postgres resp. root, empty password).
"""

import os

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
    "benchmarks.shop",
]

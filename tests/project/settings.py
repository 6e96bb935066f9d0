"""Settings of the test project.

The database is chosen by environment variables, so that the commands run as
subprocesses by the tests talk to the same database as the test process:

- ``LM_DB``: ``sqlite`` (default), ``postgresql`` or ``mariadb``.
- ``LM_DB_NAME``: the database (a file for SQLite) to use instead of the default.
- ``LM_PGZOO``: ``0`` leaves out the PostgreSQL-only test app (for dumps meant for other engines).
"""

import os
from pathlib import Path

import django

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = os.environ.get("LM_SECRET_KEY", "test-secret-key-not-for-production")
DEBUG = False
USE_TZ = os.environ.get("LM_USE_TZ", "1") == "1"
TIME_ZONE = os.environ.get("LM_TIME_ZONE", "Europe/Brussels")

DB = os.environ.get("LM_DB", "sqlite")
DB_NAME = os.environ.get("LM_DB_NAME")

if DB == "sqlite":
    _default = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DB_NAME or os.environ.get("LM_SQLITE_FILE", "/tmp/lino_migrate_tests.sqlite3"),
        # A file, not memory: the commands run as subprocesses must see the same data.
        "TEST": {"NAME": os.environ.get("LM_SQLITE_TEST_FILE", f"/tmp/lino_migrate_test_{os.getpid()}.sqlite3")},
    }
elif DB == "postgresql":
    _default = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DB_NAME or "lino_migrate",
        "USER": os.environ.get("LM_PG_USER", "postgres"),
        "PASSWORD": os.environ.get("LM_PG_PASSWORD", ""),
        "HOST": os.environ.get("LM_PG_HOST", "127.0.0.1"),
        "PORT": os.environ.get("LM_PG_PORT", "5432"),
    }
elif DB == "mariadb":
    _default = {
        "ENGINE": "django.db.backends.mysql",
        "NAME": DB_NAME or "lino_migrate",
        "USER": os.environ.get("LM_MARIADB_USER", "root"),
        "PASSWORD": os.environ.get("LM_MARIADB_PASSWORD", ""),
        "HOST": os.environ.get("LM_MARIADB_HOST", "127.0.0.1"),
        "PORT": os.environ.get("LM_MARIADB_PORT", "3306"),
        "OPTIONS": {"charset": "utf8mb4"},
        "TEST": {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_bin"},
    }
else:
    raise RuntimeError(f"LM_DB must be sqlite, postgresql or mariadb, not {DB!r}")

DATABASES = {"default": _default}

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.admin",
    "django.contrib.messages",
    "lino_migrate",
    "tests.zoo",
    "tests.refs",
    "tests.fitzoo",
    "tests.exact",
]
if django.VERSION >= (5, 2):
    INSTALLED_APPS += ["tests.zoo5"]  # GeneratedField, CompositePrimaryKey
# Apps that only some tests install (e.g. one release or another of a test app).
INSTALLED_APPS += [app for app in os.environ.get("LM_EXTRA_APPS", "").split(",") if app]
if DB == "postgresql" and os.environ.get("LM_PGZOO", "1") == "1":
    INSTALLED_APPS += ["django.contrib.postgres", "tests.pgzoo"]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "tests.project.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request", "django.contrib.auth.context_processors.auth", "django.contrib.messages.context_processors.messages"]},
    }
]
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

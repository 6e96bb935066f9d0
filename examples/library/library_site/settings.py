"""Settings of the library example project.

The project runs one release of the app ``library`` at a time: the code of
each release is a complete app package in ``releases/<version>/library/``,
and the environment variable ``LIBRARY_RELEASE`` (``1.0``, ``1.1`` or
``2.0``, the default) chooses which one is imported. Switching releases is
what ``pip install -U`` does in a real project.

The database is chosen by environment variables as well, so that every
command of a walk-through (and the tests) talk to the same database:

- ``LM_DB``: ``sqlite`` (default), ``postgresql`` or ``mariadb``;
- ``LM_DB_NAME``: the database name (a file for SQLite) instead of the default;
- ``LIBRARY_DB``: the SQLite file (default ``examples/library/library.sqlite3``);
- ``LIBRARY_TEST_DB``: the test database (a file for SQLite), so that runs side by side do not meet.

``LIBRARY_MIGRATORS=off`` switches the app's migrators off
(``LINO_MIGRATE_MODULES = {"library": None}``): a restore of an older dump
then replays Django's migrations instead (see docs/tutorial.md, section 7).
"""

import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

RELEASES_DIR = BASE_DIR / "releases"
LIBRARY_RELEASE = os.environ.get("LIBRARY_RELEASE") or "2.0"
_release_dir = RELEASES_DIR / LIBRARY_RELEASE
if not (_release_dir / "library").is_dir():
    known = ", ".join(sorted(p.name for p in RELEASES_DIR.iterdir() if (p / "library").is_dir()))
    raise RuntimeError(f"LIBRARY_RELEASE={LIBRARY_RELEASE!r}: no such release (there are {known})")
if str(_release_dir) not in sys.path:
    sys.path.insert(0, str(_release_dir))

SECRET_KEY = "library-example-not-a-secret"
DEBUG = True
ALLOWED_HOSTS: list[str] = []

USE_TZ = True
TIME_ZONE = "Europe/Brussels"
LANGUAGE_CODE = "en-us"
USE_I18N = True

DB = os.environ.get("LM_DB", "sqlite")
DB_NAME = os.environ.get("LM_DB_NAME")

if DB == "sqlite":
    _default = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DB_NAME or os.environ.get("LIBRARY_DB") or str(BASE_DIR / "library.sqlite3"),
        # A file, not memory, for the test database too: commands run as
        # subprocesses must be able to see the same data.
        "TEST": {"NAME": os.environ.get("LIBRARY_TEST_DB") or f"/tmp/library_example_test_{os.getpid()}.sqlite3"},
    }
elif DB == "postgresql":
    _default = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DB_NAME or "library_example",
        "USER": os.environ.get("LM_PG_USER", "postgres"),
        "PASSWORD": os.environ.get("LM_PG_PASSWORD", ""),
        "HOST": os.environ.get("LM_PG_HOST", "127.0.0.1"),
        "PORT": os.environ.get("LM_PG_PORT", "5432"),
        # Not test_lino_migrate: the main test suite may be using that one right now.
        "TEST": {"NAME": os.environ.get("LIBRARY_TEST_DB") or "test_library_example"},
    }
elif DB == "mariadb":
    _default = {
        "ENGINE": "django.db.backends.mysql",
        "NAME": DB_NAME or "library_example",
        "USER": os.environ.get("LM_MARIADB_USER", "root"),
        "PASSWORD": os.environ.get("LM_MARIADB_PASSWORD", ""),
        "HOST": os.environ.get("LM_MARIADB_HOST", "127.0.0.1"),
        "PORT": os.environ.get("LM_MARIADB_PORT", "3306"),
        "OPTIONS": {"charset": "utf8mb4"},
        "TEST": {"NAME": os.environ.get("LIBRARY_TEST_DB") or "test_library_example", "CHARSET": "utf8mb4",
                 "COLLATION": "utf8mb4_bin"},
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
    "library_site",  # release-independent commands: library_snapshot
    "library",  # from releases/<LIBRARY_RELEASE>/library
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "library_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_migrators = os.environ.get("LIBRARY_MIGRATORS") or "on"
if _migrators not in ("on", "off"):
    raise RuntimeError(f"LIBRARY_MIGRATORS must be on or off, not {_migrators!r}")
if _migrators == "off":
    LINO_MIGRATE_MODULES = {"library": None}

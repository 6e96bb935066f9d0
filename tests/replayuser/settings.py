"""Settings of the project with its own user model: tests/project/settings.py's database, fewer apps.

- ``LM_ACCOUNTS``: the release of the app ``accounts``, ``1.0`` or ``2.0`` (default).
"""

import os

from tests.project.settings import *  # noqa: F401,F403 (the database of the run, chosen by LM_DB and LM_DB_NAME)

ACCOUNTS = {"1.0": "tests.replayuser.accounts_v1", "2.0": "tests.replayuser.accounts_v2"}[os.environ.get("LM_ACCOUNTS", "2.0")]
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.admin",
    "django.contrib.messages",
    "lino_migrate",
    ACCOUNTS,
    "tests.replayuser.notes",
]
AUTH_USER_MODEL = "accounts.User"

"""The test project's settings, plus secrets that a dump must never hold (see test_safe_defaults.py)."""

import os

from tests.project.settings import *
from tests.project.settings import DATABASES, DB

SECRET_KEY = os.environ["LM_ADV_SECRET"]
EMAIL_HOST_PASSWORD = os.environ["LM_ADV_SECRET"] + "-mail"
if DB == "sqlite":  # SQLite ignores a password: a secret in DATABASES all the same
    DATABASES["default"]["PASSWORD"] = os.environ["LM_ADV_SECRET"] + "-db"

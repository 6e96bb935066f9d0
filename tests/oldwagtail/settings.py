"""Settings of the Wagtail sites dumped under an old Wagtail and restored under the current one.

The same module serves both sides (tests/oldwagtail/make_dump.py under Wagtail 6.3 and
Django 5.1, or Wagtail 5.2 and Django 5.0; tests/test_replay_wagtail.py under the ``sites``
extra): the apps are the same, and the site app's migrations depend only on Wagtail migrations
that the old release already has. Only these apps, not the test project's: the dump must hold a
site as its owner would have it.

- ``LM_OLDWAGTAIL``: the fixture's release, ``6.3`` (default) or ``5.2``; it picks the site's app:
  tests.wagtailsite, or for 5.2 tests.wagtailsite52 (the same models, with migrations that need
  only Wagtail 5.2's).
- ``LM_DB_NAME``: the SQLite file, or with ``LM_OLDWAGTAIL_DB=postgresql`` (or ``mariadb``) the
  database on that server (``LM_PG_HOST`` and friends, ``LM_MARIADB_HOST`` and friends): the stored
  dumps are SQLite ones, restored into the other databases too (tests/test_replay_wagtail.py).
- ``LM_MEDIA_ROOT``: where the images and documents are.
"""

import os
from pathlib import Path

#: The app of the site's pages, by the release the fixture was made under.
SITE_APPS = {"6.3": "tests.wagtailsite", "5.2": "tests.wagtailsite52"}
SITE_APP = SITE_APPS[os.environ.get("LM_OLDWAGTAIL", "6.3")]
SITE_APP_LABEL = SITE_APP.rpartition(".")[2]

SECRET_KEY = "oldwagtail-test-secret-key-not-for-production"
DEBUG = False
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("LM_DB_NAME", "/tmp/lino_migrate_oldwagtail.sqlite3"),
    }
}
if os.environ.get("LM_OLDWAGTAIL_DB") == "mariadb":
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.mysql",
        "NAME": os.environ["LM_DB_NAME"],
        "USER": os.environ.get("LM_MARIADB_USER", "root"),
        "PASSWORD": os.environ.get("LM_MARIADB_PASSWORD", ""),
        "HOST": os.environ.get("LM_MARIADB_HOST", "127.0.0.1"),
        "PORT": os.environ.get("LM_MARIADB_PORT", "3306"),
        "OPTIONS": {"charset": "utf8mb4"},
    }
elif os.environ.get("LM_OLDWAGTAIL_DB", "sqlite") == "postgresql":
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["LM_DB_NAME"],
        "USER": os.environ.get("LM_PG_USER", "postgres"),
        "PASSWORD": os.environ.get("LM_PG_PASSWORD", ""),
        "HOST": os.environ.get("LM_PG_HOST", "127.0.0.1"),
        "PORT": os.environ.get("LM_PG_PORT", "5432"),
    }
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.admin",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "lino_migrate",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "taggit",
    "modelcluster",
    "reversion",
    SITE_APP,
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
ROOT_URLCONF = "tests.oldwagtail.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parents[1] / "wagtailsite" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
ALLOWED_HOSTS = ["*"]
WAGTAIL_SITE_NAME = "lino-migrate old Wagtail site"
WAGTAILADMIN_BASE_URL = "http://localhost"
MEDIA_ROOT = os.environ.get("LM_MEDIA_ROOT", "/tmp/lino_migrate_oldwagtail_media")
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
TAGGIT_CASE_INSENSITIVE = True
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"  # moderation sends mail

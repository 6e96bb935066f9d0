"""Settings of the Wagtail site dumped under Wagtail 6.3 and restored under the current Wagtail.

The same module serves both sides (tests/oldwagtail/make_dump.py under
Wagtail 6.3 and Django 5.1, tests/test_replay_wagtail.py under the ``sites``
extra): the apps are the same, and tests.wagtailsite's migrations depend only
on Wagtail migrations that 6.3 already has. Only these apps, not the test
project's: the dump must hold a site as its owner would have it.

- ``LM_DB_NAME``: the SQLite file.
- ``LM_MEDIA_ROOT``: where the images and documents are.
"""

import os

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
    "tests.wagtailsite",
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

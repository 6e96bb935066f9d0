"""Settings of the sites tests (tests/test_sites.py): the test project plus Wagtail and django-reversion.

A module of its own, so that the rest of the suite runs without these apps.
Installed by ``pip install -e .[sites]`` (dev.py does it under Django 5.2).
"""

import os

from .settings import *  # noqa: F401,F403
from .settings import INSTALLED_APPS

INSTALLED_APPS = INSTALLED_APPS + [
    "wagtail.users",
    "wagtail.images",
    "wagtail.documents",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "taggit",
    "modelcluster",
    "reversion",
    "tests.wagtailsite",
]
ROOT_URLCONF = "tests.project.urls_sites"
ALLOWED_HOSTS = ["*"]
WAGTAIL_SITE_NAME = "lino-migrate test site"
WAGTAILADMIN_BASE_URL = "http://localhost"
MEDIA_ROOT = os.environ.get("LM_MEDIA_ROOT", "/tmp/lino_migrate_sites_media")
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
TAGGIT_CASE_INSENSITIVE = True

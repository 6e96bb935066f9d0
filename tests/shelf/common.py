"""What every release of the test apps shares."""

import os

from django.apps import AppConfig
from django.conf import settings


class ReleaseConfig(AppConfig):
    """An AppConfig that lives in the package it configures (so that a copy of it works too).

    ``SHELF_MIGRATORS=dotted.path`` in the environment points the app ``shelf``
    to another migrators package, through the setting ``LINO_MIGRATE_MODULES``.
    """

    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        alt = os.environ.get("SHELF_MIGRATORS")
        if alt and self.label == "shelf":
            settings.LINO_MIGRATE_MODULES = {**(getattr(settings, "LINO_MIGRATE_MODULES", {}) or {}), "shelf": alt}

import os

from django.apps import AppConfig
from django.conf import settings


class RefsConfig(AppConfig):
    name = "tests.refs"
    label = "refs"
    default_auto_field = "django.db.models.AutoField"

    @property
    def version(self) -> str:
        return os.environ.get("REFS_VERSION", "1.0")

    def ready(self):
        settings.LINO_MIGRATE_MODULES = {
            **(getattr(settings, "LINO_MIGRATE_MODULES", {}) or {}),
            "refs": os.environ.get("REFS_MIGRATORS") or None,
        }

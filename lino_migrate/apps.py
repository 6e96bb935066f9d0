"""The Django app: ``"lino_migrate"`` in INSTALLED_APPS gives the management commands."""

from django.apps import AppConfig

__all__ = ["LinoMigrateConfig"]


class LinoMigrateConfig(AppConfig):
    name = "lino_migrate"
    verbose_name = "lino-migrate"
    default_auto_field = "django.db.models.BigAutoField"

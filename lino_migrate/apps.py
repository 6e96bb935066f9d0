from django.apps import AppConfig


class LinoMigrateConfig(AppConfig):
    name = "lino_migrate"
    verbose_name = "lino-migrate"
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig


class PlainConfig(AppConfig):
    name = __name__.rpartition(".")[0]
    label = "plainapp"
    version = "1.0"
    default_auto_field = "django.db.models.AutoField"

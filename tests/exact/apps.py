from django.apps import AppConfig


class ExactConfig(AppConfig):
    name = "tests.exact"
    label = "exact"
    default_auto_field = "django.db.models.AutoField"

from django.apps import AppConfig


class FitzooConfig(AppConfig):
    name = "tests.fitzoo"
    label = "fitzoo"
    default_auto_field = "django.db.models.AutoField"

from django.apps import AppConfig


class PgZooConfig(AppConfig):
    name = "tests.pgzoo"
    label = "pgzoo"
    default_auto_field = "django.db.models.AutoField"

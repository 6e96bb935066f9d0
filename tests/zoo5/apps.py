from django.apps import AppConfig


class Zoo5Config(AppConfig):
    """Test models that need Django 5.2: generated columns and composite primary keys."""

    name = "tests.zoo5"
    label = "zoo5"
    default_auto_field = "django.db.models.AutoField"

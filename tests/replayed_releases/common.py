"""What every release of the test app ``replayed`` shares."""

from django.apps import AppConfig

__all__ = ["ReleaseConfig"]


class ReleaseConfig(AppConfig):
    """The app ``replayed``, living in the package it configures."""

    default_auto_field = "django.db.models.AutoField"
    label = "replayed"

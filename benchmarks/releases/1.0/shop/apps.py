from django.apps import AppConfig


class ShopConfig(AppConfig):
    """Release 1.0 of the benchmark's app (the data set of benchmarks/README.md)."""

    name = "shop"
    label = "shop"
    version = "1.0"
    default_auto_field = "django.db.models.AutoField"

from django.apps import AppConfig


class ShopConfig(AppConfig):
    """Release 2.0 of the benchmark's app: Book.pages is page_count, the price is in whole cents."""

    name = "shop"
    label = "shop"
    version = "2.0"
    default_auto_field = "django.db.models.AutoField"

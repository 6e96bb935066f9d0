from django.apps import AppConfig


class WagtailSiteConfig(AppConfig):
    """A small Wagtail site whose dump and restore the sites tests check (tests/test_sites.py)."""

    name = "tests.wagtailsite"
    label = "wagtailsite"
    default_auto_field = "django.db.models.AutoField"

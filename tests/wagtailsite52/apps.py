from django.apps import AppConfig


class WagtailSite52Config(AppConfig):
    """tests.wagtailsite's models in an app whose migrations need only Wagtail 5.2's.

    The site of the Wagtail 5.2 upgrade fixture (tests/oldwagtail/make_dump.py --wagtail 5.2):
    tests.wagtailsite's migrations depend on Wagtail 6.3's, which 5.2 lacks. Its migrations were
    made under Wagtail 5.2 and are complete under the current Wagtail too.
    """

    name = "tests.wagtailsite52"
    label = "wagtailsite52"
    default_auto_field = "django.db.models.AutoField"

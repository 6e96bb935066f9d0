from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "library"
    label = "library"
    verbose_name = "Library"
    default_auto_field = "django.db.models.BigAutoField"
    #: The version of this app's data. lino-migrate writes it into every dump,
    #: so that a restore into a newer version knows which migrators to run.
    version = "2.0"

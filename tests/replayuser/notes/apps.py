from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = __name__.rpartition(".")[0]
    label = "notes"
    version = "1.0"
    default_auto_field = "django.db.models.AutoField"

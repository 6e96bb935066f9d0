from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = __name__.rpartition(".")[0]
    label = "accounts"
    version = "2.0"
    default_auto_field = "django.db.models.AutoField"

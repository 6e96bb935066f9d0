from django.db import migrations, models


def fill_display_names(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.using(schema_editor.connection.alias).order_by("pk"):
        user.display_name = f"{user.first_name} {user.last_name}".strip() or user.username
        user.save(update_fields=["display_name"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [
        migrations.AddField(model_name="user", name="display_name", field=models.CharField(default="", max_length=150)),
        migrations.RunPython(fill_display_names, migrations.RunPython.noop),
    ]

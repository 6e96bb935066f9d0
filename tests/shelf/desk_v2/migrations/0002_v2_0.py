from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("desk", "0001_initial")]

    operations = [
        migrations.RenameField("desk", "name", "title"),
        migrations.AddField("lamp", "watts", models.IntegerField(default=0), preserve_default=False),
    ]

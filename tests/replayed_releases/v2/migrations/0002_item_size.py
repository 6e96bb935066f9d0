from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("replayed", "0001_initial")]
    operations = [migrations.AddField("item", "size", models.IntegerField(default=0))]

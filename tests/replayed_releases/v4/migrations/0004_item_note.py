from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("replayed", "0003_item_label")]
    operations = [migrations.AddField("item", "note", models.TextField(default=""))]

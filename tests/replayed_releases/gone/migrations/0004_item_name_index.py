from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("replayed", "0003_item_label")]
    operations = [migrations.AlterField("item", "name", models.CharField(max_length=50, db_index=True))]

from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [("replayed", "0001_initial"), ("replayed", "0002_item_size")]
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Item",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("name", models.CharField(max_length=50)),
                ("size", models.IntegerField(default=0)),
            ],
        ),
    ]

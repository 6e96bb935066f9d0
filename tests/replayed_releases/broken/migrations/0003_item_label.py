from django.db import migrations, models


def fill_labels(apps, schema_editor):
    Item = apps.get_model("replayed", "Item")
    for item in Item.objects.using(schema_editor.connection.alias).all():
        item.label = item.name.upper()
        item.save(update_fields=["label"])


class Migration(migrations.Migration):
    dependencies = [("replayed", "0001_squashed_0002_item_size")]
    operations = [
        migrations.AddField("item", "label", models.CharField(max_length=50, default="")),
        migrations.RunPython(fill_labels, migrations.RunPython.noop),
    ]

from django.db import migrations


def check_ascii(apps, schema_editor):
    """Refuses names that are not ASCII (a data migration that meets data it did not expect)."""
    Item = apps.get_model("replayed", "Item")
    for item in Item.objects.using(schema_editor.connection.alias).order_by("pk"):
        if not item.name.isascii():
            raise ValueError(f"item {item.pk}: the name {item.name!r} is not ASCII")
        item.label = item.label.lower()
        item.save(update_fields=["label"])


class Migration(migrations.Migration):
    dependencies = [("replayed", "0003_item_label")]
    operations = [migrations.RunPython(check_ascii, migrations.RunPython.noop)]

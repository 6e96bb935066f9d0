from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shelf", "0001_initial")]

    operations = [
        migrations.RenameModel("Writer", "Author"),
        migrations.RenameField("book", "name", "title"),
    ]

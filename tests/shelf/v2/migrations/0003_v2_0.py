import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shelf", "0002_v1_1")]

    operations = [
        migrations.RemoveField("author", "name"),
        migrations.AddField("author", "first_name", models.CharField(max_length=100, default=""), preserve_default=False),
        migrations.AddField("author", "last_name", models.CharField(max_length=100, blank=True, default=""), preserve_default=False),
        migrations.RenameField("book", "writer", "author"),
        migrations.RemoveField("book", "pages"),
        migrations.AlterField("book", "isbn", models.CharField(max_length=20, blank=True)),
        migrations.AddField("book", "code", models.CharField(max_length=10, default=""), preserve_default=False),
        migrations.AddField("book", "slug", models.SlugField(max_length=200, default=""), preserve_default=False),
        migrations.DeleteModel("Tag"),
        migrations.DeleteModel("Magazine"),
        migrations.RemoveField("member", "email"),
        migrations.CreateModel(
            name="Contact",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=20)),
                ("value", models.CharField(max_length=100)),
                ("member", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="shelf.member")),
            ],
        ),
    ]

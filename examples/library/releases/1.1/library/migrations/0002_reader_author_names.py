# Release 1.1 of the library example: Member -> Reader, Loan.member -> Loan.reader,
# Author.name -> Author.first_name + Author.last_name.

from django.db import migrations, models

from library.migrators.v1_1 import split_name


def split_names(apps, schema_editor):
    Author = apps.get_model("library", "Author")
    for author in Author.objects.using(schema_editor.connection.alias).order_by("pk"):
        author.first_name, author.last_name = split_name(author.name)
        author.save(update_fields=["first_name", "last_name"])


def join_names(apps, schema_editor):
    Author = apps.get_model("library", "Author")
    for author in Author.objects.using(schema_editor.connection.alias).order_by("pk"):
        author.name = f"{author.first_name} {author.last_name}" if author.first_name else author.last_name
        author.save(update_fields=["name"])


class Migration(migrations.Migration):

    dependencies = [
        ("library", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel("Member", "Reader"),
        migrations.RenameField("Loan", "member", "reader"),
        migrations.AddField(
            model_name="author",
            name="first_name",
            field=models.CharField(blank=True, max_length=100, default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="author",
            name="last_name",
            field=models.CharField(max_length=100, default=""),
            preserve_default=False,
        ),
        migrations.RunPython(split_names, join_names),
        migrations.RemoveField("Author", "name"),
        migrations.AlterModelOptions(name="author", options={"ordering": ["last_name", "first_name"]}),
    ]

# Release 2.0 of the library example: Loan.returned_at and Loan.fee move into
# the new model Return; Tag and Book.tags are dropped.

import django.db.models.deletion
from django.db import migrations, models


def move_returns(apps, schema_editor):
    Loan = apps.get_model("library", "Loan")
    Return = apps.get_model("library", "Return")
    alias = schema_editor.connection.alias
    loans = Loan.objects.using(alias).filter(returned_at__isnull=False).order_by("pk")
    Return.objects.using(alias).bulk_create(
        Return(loan_id=loan.pk, returned_at=loan.returned_at, fee=loan.fee) for loan in loans
    )


def move_returns_back(apps, schema_editor):
    Loan = apps.get_model("library", "Loan")
    Return = apps.get_model("library", "Return")
    alias = schema_editor.connection.alias
    for ret in Return.objects.using(alias).order_by("pk"):
        Loan.objects.using(alias).filter(pk=ret.loan_id).update(returned_at=ret.returned_at, fee=ret.fee)


class Migration(migrations.Migration):

    dependencies = [
        ("library", "0002_reader_author_names"),
    ]

    operations = [
        migrations.CreateModel(
            name="Return",
            fields=[
                ("loan", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                              related_name="return_record", serialize=False, to="library.loan")),
                ("returned_at", models.DateTimeField()),
                ("fee", models.DecimalField(decimal_places=2, default=0, max_digits=6)),
            ],
            options={
                "ordering": ["returned_at"],
            },
        ),
        migrations.RunPython(move_returns, move_returns_back),
        migrations.RemoveField("Loan", "returned_at"),
        migrations.RemoveField("Loan", "fee"),
        migrations.RemoveField("Book", "tags"),
        migrations.DeleteModel("Tag"),
    ]

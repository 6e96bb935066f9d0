"""Release 2.0 of the benchmark's app: a rename, a new NOT NULL field with a default, and a value moved.

``Book.pages`` becomes ``page_count``; the price moves from ``price``
(``DecimalField(8, 2)``) into the new ``price_cents`` (``BigIntegerField``,
NOT NULL, default 0) by a ``RunPython`` that reads every book through the
historical model and writes its cents back in batches; then ``price`` goes.
This is the work that ``run.py --replay`` times: once as ``migrate`` on a
restored 1.0 database, once replayed by ``restore`` from a 1.0 dump.
"""

from django.db import migrations, models

BATCH = 5000


def move_price(apps, schema_editor):
    """Every book's price in cents, read in primary-key batches and written back with one UPDATE per row."""
    Book = apps.get_model("shop", "Book")
    connection = schema_editor.connection
    books = Book.objects.using(connection.alias).order_by("pk")
    sql = f"UPDATE {connection.ops.quote_name(Book._meta.db_table)} SET price_cents = %s WHERE id = %s"
    last = 0
    with connection.cursor() as cursor:
        while True:
            batch = list(books.filter(pk__gt=last).values_list("pk", "price")[:BATCH])
            if not batch:
                break
            cursor.executemany(sql, [(int(price * 100), pk) for pk, price in batch])
            last = batch[-1][0]


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="book", old_name="pages", new_name="page_count"),
        migrations.AddField(model_name="book", name="price_cents", field=models.BigIntegerField(default=0)),
        migrations.RunPython(move_price),  # irreversible: 2.0 has no way back to 1.0
        migrations.RemoveField(model_name="book", name="price"),
    ]

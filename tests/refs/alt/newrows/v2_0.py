"""New rows without a primary key, and rows that refer to them."""

from lino_migrate import migrators


def add_edition(row):
    edition = migrators.Row("refs.Edition", {"book_id": row["id"], "isbn": f"isbn-{row['id']}"})
    copy = migrators.Row("refs.Copy", {"edition_id": edition, "shelf": f"new-{row['id']}"})
    return [row, copy, edition]  # the copy comes first: it refers to the edition all the same


class Migrator(migrators.Migrator):
    version = "2.0"
    operations = [migrators.RunPython("Book", add_edition)]

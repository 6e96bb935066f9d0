"""shelf 1.1: Writer became Author, Book.name became Book.title."""

from lino_migrate import migrators


class Migrator(migrators.Migrator):
    version = "1.1"
    operations = [
        migrators.RenameModel("Writer", "Author"),
        migrators.RenameField("Book", "name", "title"),
    ]

"""Route the rows of Grant and Mark through the migrators without changing them."""

from lino_migrate import migrators


def unchanged(row):
    return row


class Migrator(migrators.Migrator):
    version = "2.0"
    operations = [migrators.RunPython("Grant", unchanged), migrators.RunPython("Mark", unchanged)]

"""A migrator that gives a Permission reference as a 2-tuple (it takes 3)."""

from lino_migrate import migrators


def two_parts(row):
    row["permission_id"] = ("fly_grant", "refs")
    return row


class Migrator(migrators.Migrator):
    version = "2.0"
    operations = [migrators.RunPython("Grant", two_parts)]

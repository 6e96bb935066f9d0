from lino_migrate import migrators


class Migrator(migrators.Migrator):
    version = "2.0"
    operations = [migrators.RenameField("Desk", "name", "title")]

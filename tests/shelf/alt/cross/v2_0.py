from lino_migrate import migrators
from tests.shelf.v2.migrators import v2_0


class Migrator(v2_0.Migrator):
    operations = v2_0.Migrator.operations + [
        migrators.AddField("desk.Lamp", "watts", 40),  # an operation on another app's model
    ]

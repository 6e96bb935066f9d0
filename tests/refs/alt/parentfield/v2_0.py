"""A RunPython that sets a parent's field on a child row, and nothing else."""

from lino_migrate import migrators

from ..inherit.v2_0 import rename_restaurant


class Migrator(migrators.Migrator):
    version = "2.0"
    operations = [migrators.RunPython("Restaurant", rename_restaurant)]

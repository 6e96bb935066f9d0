from tests.shelf.v2.migrators.v1_1 import Migrator  # noqa: F401

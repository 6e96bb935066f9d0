from tests.shelf import common


class ShelfConfig(common.ReleaseConfig):
    name = __name__.rpartition(".")[0]
    label = "shelf"
    version = "1.1"

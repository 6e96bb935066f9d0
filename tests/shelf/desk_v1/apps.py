from tests.shelf import common


class DeskConfig(common.ReleaseConfig):
    name = __name__.rpartition(".")[0]
    label = "desk"
    version = "1.0"

from tests.replayed_releases import common


class ReplayedConfig(common.ReleaseConfig):
    name = __name__.rpartition(".")[0]
    version = "3.2"

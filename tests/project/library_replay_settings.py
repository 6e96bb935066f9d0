"""The library example's settings with its migrators switched off: release 2.0's own Django migrations
carry an old dump's rows forward (replay). For tests/test_replay_inplace.py, run from examples/library."""

from library_site.settings import *  # noqa: F401,F403 (the example's settings, as they are)

LINO_MIGRATE_MODULES = {"library": None}

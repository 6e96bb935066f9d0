"""lino-migrate: Python dumps of Django databases that restore exactly, across upgrades."""

__all__ = ["__version__", "DUMP_FORMAT"]

__version__ = "0.1.0"

#: Version of the dump format this code writes. A dump with a higher number is refused.
DUMP_FORMAT = 1

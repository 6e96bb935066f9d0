"""Migrators of the app ``library``: one module per release whose schema changed.

lino-migrate runs, for a dump of version D restored into installed version I,
every migrator with D < version <= I, in version order. A module, once its
release is out, never changes: later releases add modules.
"""

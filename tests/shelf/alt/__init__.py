"""Other migrator packages for shelf 2.0 (choose one with ``SHELF_MIGRATORS=tests.shelf.alt.NAME``).

- ``cross``: the good migrators, plus an operation on the other app (``desk.Lamp``);
- ``static_bad``: a migrator with every mistake the static check finds;
- ``dup``: two migrators with the same version;
- ``faulty``: the good migrators plus a RunPython that misbehaves as ``SHELF_FAULT`` says;
- ``hooks``: the good migrators with before_load and after_load.
"""

"""Releases of two test apps, for the migrator tests (tests/test_migrators.py).

- ``shelf`` (label ``shelf``): releases ``v1`` (1.0), ``v1_1`` (1.1) and ``v2`` (2.0);
  each one's migrations extend the previous release's, so ``migrate`` moves a
  database forward, and each later release has its ``migrators`` package.
- ``desk`` (label ``desk``): releases ``desk_v1`` (1.0) and ``desk_v2`` (2.0).
- ``alt``: other migrator packages for shelf 2.0, chosen with the environment
  variable ``SHELF_MIGRATORS`` (see ``common.ReleaseConfig.ready``).

Install a release in a subprocess with ``LM_EXTRA_APPS=tests.shelf.v1``.
"""

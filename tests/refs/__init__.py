"""A test app for references that must come back right (tests/test_refs.py).

Its version is ``REFS_VERSION`` (default 1.0), its migrators package
``REFS_MIGRATORS`` (a dotted path; none by default): a dump written with the
defaults is restored with ``REFS_VERSION=2.0 REFS_MIGRATORS=tests.refs.alt.X``
to run the migrators of ``tests/refs/alt/X``.
"""

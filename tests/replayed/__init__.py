"""A test app with a squashed migration and a data migration, for the routes of replay (tests/unit/test_history.py).

Installed only by the tests that need it (``override_settings(INSTALLED_APPS=...)``).
"""

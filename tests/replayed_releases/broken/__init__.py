"""Release 3.2 of the test app replayed (see tests/replayed_releases/__init__.py)."""

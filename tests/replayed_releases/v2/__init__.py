"""Release 2.0 of the test app replayed (see tests/replayed_releases/__init__.py)."""

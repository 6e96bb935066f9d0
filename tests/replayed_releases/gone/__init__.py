"""3.0.dev1 of the test app replayed, whose 0004 was removed before 3.0 (see tests/replayed_releases/__init__.py)."""

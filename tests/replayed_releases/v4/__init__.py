"""A development checkout of 3.0 with a migration not yet released (see tests/replayed_releases/__init__.py)."""

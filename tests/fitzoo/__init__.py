"""Test app of the checks a restore makes: rows that the database holds but the model's form rules
refuse, and columns that values must fit (tests/test_fit.py)."""

__version__ = "1.0"

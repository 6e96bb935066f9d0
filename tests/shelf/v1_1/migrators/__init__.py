"""Migrators: one module per release."""

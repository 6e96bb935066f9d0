"""Migrator packages of refs 2.0, one per test (chosen with REFS_MIGRATORS)."""

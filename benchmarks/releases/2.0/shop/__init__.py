"""The benchmark's data model: authors, tags and books (with an auto-created M2M)."""

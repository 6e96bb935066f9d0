"""Release 1.0 of the test app desk."""

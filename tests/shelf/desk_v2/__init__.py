"""Release 2.0 of the test app desk."""

"""Release 1.1 of the test app shelf."""

"""Release 2.0 of the app accounts, whose User is the project's user model."""

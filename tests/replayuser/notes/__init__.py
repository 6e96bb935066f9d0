"""Notes written by the project's users: an app whose rows point at the swappable user model."""

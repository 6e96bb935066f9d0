"""The library example serves no pages: it is a command-line demonstration."""

urlpatterns: list = []

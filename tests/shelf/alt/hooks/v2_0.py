"""The good 2.0 migrator, with hooks that log what they see and create a row."""

import os

from django.apps import apps

from tests.shelf.v2.migrators import v2_0


def log(text):
    with open(os.environ["SHELF_HOOK_LOG"], "a", encoding="utf-8") as file:
        file.write(text + "\n")


class Migrator(v2_0.Migrator):
    def before_load(self, context):
        Book = apps.get_model("shelf", "Book")
        log(f"before_load books={Book.objects.using(context.using).count()}")

    def after_load(self, context):
        Book, Note = apps.get_model("shelf", "Book"), apps.get_model("shelf", "Note")
        log(f"after_load books={Book.objects.using(context.using).count()}")
        Note.objects.using(context.using).create(text="written by after_load")

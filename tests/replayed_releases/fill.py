"""The rows the replay tests dump, made through the models of whichever release is installed."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.contrib.auth.models import User
from django.core.management.color import no_style
from django.db import connection

__all__ = ["NAMES", "fill"]

#: Items by id; 3 is deleted, so the next id (7) is above a gap. "Öl" is not ASCII (the broken release refuses it).
NAMES = {1: "ash", 2: "birch", 3: "cedar", 4: "Öl", 5: "elm", 6: "fir"}


def fill(items: dict[int, str] | None = None, users: tuple[str, ...] = ("ada",)) -> None:
    Item = apps.get_model("replayed", "Item")
    fields = {f.name for f in Item._meta.get_fields()}
    for pk, name in (items or NAMES).items():
        extra = {"size": pk * 10} if "size" in fields else {}
        if "label" in fields:
            extra["label"] = f"{name} as dumped"
        Item.objects.create(pk=pk, name=name, **extra)
    Item.objects.filter(pk=3).delete()
    with connection.cursor() as cursor:  # explicit ids: let the next one the application makes be free (PostgreSQL)
        for sql in connection.ops.sequence_reset_sql(no_style(), [Item]):
            cursor.execute(sql)
    for username in users:
        User.objects.create_user(username, f"{username}@example.org")
    if apps.is_installed("tests.replayed_releases.plain"):
        Note = apps.get_model("plainapp", "Note")
        written = datetime.datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=datetime.timezone.utc)
        Note.objects.create(pk=5, text="plain", written=written)
        Note.objects.create(pk=9, text="no migrations", written=written)

"""Helpers that tests/test_cross_engine.py runs as subprocesses, one engine each.

The pytest process is configured for one database (``LM_DB``); moving data
between engines needs a process per engine. Each command sets up Django for
the engine named by ``LM_DB`` / ``LM_DB_NAME`` (see tests/project/settings.py):

    python -m tests.cross_engine_tool populate [--local-time-safe]  # the portable zoo data
    python -m tests.cross_engine_tool snapshot OUT       # data.snapshot(), pickled into OUT
    python -m tests.cross_engine_tool reorder-content-types  # other ids than a fresh migrate gives
    python -m tests.cross_engine_tool new-rows           # new rows get pks above the restored ones?

*Portable* data is ``tests.zoo.data.populate()`` restricted to the values that
all three engines hold exactly, so that a dump of it restores into each of
them without loss (the values that only some engines hold are the refusal
tests of test_cross_engine.py):

- no U+0000 in text or JSON strings: PostgreSQL refuses it;
- no infinities or NaN in FloatFields: MariaDB has no such DOUBLE, SQLite
  turns NaN into NULL;
- decimals of at most 15 significant digits: SQLite stores a DecimalField as
  REAL (an IEEE double), which keeps 15.

plus values that every engine holds but in its own way: JSON ``null``
documents beside SQL NULL, and version 1 UUID keys (MariaDB's native UUID
orders them by time). ``snapshot`` adds, per nullable JSONField, the pks where
it IS NULL, and sorts each model's rows independently of the engine's order.
"""

from __future__ import annotations

import math
import pickle
import sys
from contextlib import contextmanager
from typing import Iterator

__all__ = ["portable", "main"]


@contextmanager
def portable() -> Iterator[None]:
    """Make ``tests.zoo.data`` produce only the values every engine can hold."""
    from tests.zoo import data

    originals = {name: getattr(data, name) for name in ("nul_ok", "nasty_floats", "nasty_decimals", "vendor")}

    def portable_floats() -> list[float]:
        return [value for value in originals["nasty_floats"]() if math.isfinite(value)]

    def portable_decimals():
        data.vendor = lambda: "sqlite"  # the 15-digit set
        try:
            return originals["nasty_decimals"]()
        finally:
            data.vendor = originals["vendor"]

    data.nul_ok = lambda: False
    data.nasty_floats = portable_floats
    data.nasty_decimals = portable_decimals
    try:
        yield
    finally:
        for name, value in originals.items():
            setattr(data, name, value)


def populate_json_nulls() -> None:
    """JSON ``null`` documents, which a nullable JSONField keeps apart from SQL NULL."""
    from django.db.models import JSONField, Value

    from tests.zoo import models as z

    json_null = Value(None, JSONField())
    z.JsonDoc.objects.create(document=json_null, nullable_document=json_null)
    z.JsonDoc.objects.create(document=[None], nullable_document=None)
    z.JsonDoc.objects.create(document={"null": None}, nullable_document=json_null)


def populate_time_uuids() -> None:
    """Version 1 UUIDs whose order by time (MariaDB's) is not their order by bytes (everyone else's)."""
    import uuid

    from tests.zoo import models as z

    later_by_bytes = z.UuidPk.objects.create(id=uuid.UUID("00000002-0000-1000-8000-000000000000"), name="v1, time_mid 0")
    earlier_by_bytes = z.UuidPk.objects.create(id=uuid.UUID("00000001-0001-1000-8000-000000000000"), name="v1, time_mid 1")
    z.UuidOwned.objects.create(owner=later_by_bytes, name="owned by v1 a")
    z.UuidOwned.objects.create(owner=earlier_by_bytes, name="owned by v1 b")


def sql_nulls() -> dict[str, list]:
    """label.field IS NULL -> the pks, for each nullable JSONField of the zoo.

    ``values_list()`` reads SQL NULL and a JSON ``null`` document both as None;
    this tells them apart.
    """
    from django.apps import apps
    from django.db import models

    result = {}
    for model in apps.get_app_config("zoo").get_models():
        for f in model._meta.local_concrete_fields:
            if isinstance(f, models.JSONField) and f.null:
                pks = model._base_manager.filter(**{f"{f.name}__isnull": True}).order_by("pk").values_list("pk", flat=True)
                result[f"{model._meta.label_lower}.{f.name} IS NULL"] = list(pks)
    return result


def reorder_content_types() -> None:
    """Recreate the zoo's content types in reverse order, and their permissions.

    A fresh ``migrate`` gives the same ids on every engine; a source whose ids
    differ makes the restore remap every reference by natural key.
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    with transaction.atomic():
        ContentType.objects.filter(app_label="zoo").delete()
        ContentType.objects.clear_cache()
        for model in reversed(list(apps.get_app_config("zoo").get_models())):
            ContentType.objects.create(app_label="zoo", model=model._meta.model_name)
        create_permissions(apps.get_app_config("zoo"), verbosity=0)


def new_rows() -> dict[str, tuple[int, int]]:
    """Create a row in each table with an auto-increment key: label -> (new pk, old max) where it is too small."""
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.auth.models import Group, Permission, User
    from django.db import transaction

    from tests.zoo import models as z

    with transaction.atomic():
        maxima = {}
        makers = {
            z.AutoPk: lambda: z.AutoPk.objects.create(name="new"),
            z.BigAutoPk: lambda: z.BigAutoPk.objects.create(name="new"),
            z.SmallAutoPk: lambda: z.SmallAutoPk.objects.create(name="new"),
            z.Node: lambda: z.Node.objects.create(name="new"),
            z.Place: lambda: z.ItalianRestaurant.objects.create(name="new", address=""),
            z.Tag: lambda: z.Tag.objects.create(name="new"),
            z.Stamped: lambda: z.Stamped.objects.create(name="new"),
            User: lambda: User.objects.create(username="new"),
            Group: lambda: Group.objects.create(name="new"),
            z.Book.tags.through: lambda: z.Book.tags.through.objects.create(
                book=z.Book.objects.first(), tag=z.Tag.objects.get(name="new")),
            User.user_permissions.through: lambda: User.user_permissions.through.objects.create(
                user=User.objects.get(username="new"), permission=Permission.objects.first()),
            LogEntry: lambda: LogEntry.objects.create(user=User.objects.first(), action_flag=CHANGE, object_repr="new"),
        }
        for model in makers:
            maxima[model] = max(model._base_manager.values_list("pk", flat=True), default=0)
        created = {model: make().pk for model, make in makers.items()}
        return {model._meta.label: (pk, maxima[model]) for model, pk in created.items() if pk <= maxima[model]}


def main(argv: list[str]) -> int:
    import django

    django.setup()
    from django.db import transaction

    from tests.zoo import data

    command, *args = argv
    if command == "populate":
        with portable(), transaction.atomic():
            data.populate(local_time_safe="--local-time-safe" in args)
            populate_json_nulls()
            populate_time_uuids()
    elif command == "snapshot":
        (out,) = args
        with open(out, "wb") as file:
            # Rows in an order that does not depend on the engine: MariaDB orders
            # its native UUIDs of version 1 by time, the others by their bytes.
            rows = {label: sorted(values, key=repr) for label, values in data.snapshot().items()}
            pickle.dump({**rows, **sql_nulls()}, file)
    elif command == "reorder-content-types":
        reorder_content_types()
    elif command == "new-rows":
        too_small = new_rows()
        if too_small:
            print("new rows got pks not above the restored ones:", too_small)
            return 1
    else:
        raise SystemExit(f"unknown command {command!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

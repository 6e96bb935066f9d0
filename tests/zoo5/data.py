"""Rows for the zoo5 models, and an exact snapshot of them (see ``tests.zoo.data``)."""

from __future__ import annotations

from decimal import Decimal

from django.apps import apps
from django.db import connection

from tests.zoo.data import normalize

#: More rows than one page of ``tableread`` (2000) and than the tests' --max-row-count.
SLOT_ROWS = 2520
SHELVES = ("A", "b", "C")
ROWS = ("r1", "r10", "r2")


def installed_models() -> list:
    """The zoo5 models whose table this database has (Virtual needs virtual generated columns)."""
    return [model for model in apps.get_app_config("zoo5").get_models() if model._meta.can_migrate(connection)]


def populate() -> None:
    from tests.zoo5 import models as z5

    nicknames = [None, "Bob", "ÄÖÜ straße", "", "MiXeD"]
    z5.Priced.objects.bulk_create(
        z5.Priced(
            first=f"First{i}", last=["Müller", "O'Brien", "李", "x"][i % 4], nickname=nicknames[i % len(nicknames)],
            quantity=i * 7 - 20, unit_price=Decimal(f"{i}.{i % 100:02d}"),
        )
        for i in range(1, 41)
    )
    if z5.Virtual._meta.can_migrate(connection):
        z5.Virtual.objects.bulk_create(z5.Virtual(width=i, height=100 - i) for i in range(25))
    shelves = z5.Shelf.objects.bulk_create(z5.Shelf(code=code) for code in SHELVES)
    per_row = SLOT_ROWS // (len(SHELVES) * len(ROWS))
    z5.Slot.objects.bulk_create(
        (
            z5.Slot(
                shelf=shelf, row=row, position=position, note=f"{shelf.code}/{row}/{position}",
                weight=None if position % 10 == 0 else position / 3,
            )
            for shelf in shelves for row in ROWS for position in range(per_row, 0, -1)
        ),
        batch_size=500,
    )
    assert z5.Slot.objects.count() == SLOT_ROWS


def snapshot() -> dict[str, list[tuple]]:
    """label -> every row (all local concrete fields, the generated ones too), by primary key."""
    result = {}
    for model in installed_models():
        names = [f.attname for f in model._meta.local_concrete_fields]
        rows = model._base_manager.order_by("pk").values_list(*names)
        result[model._meta.label] = [tuple(normalize(value) for value in row) for row in rows]
    return result


def wipe() -> None:
    for model in reversed(installed_models()):
        model._base_manager.all().delete()

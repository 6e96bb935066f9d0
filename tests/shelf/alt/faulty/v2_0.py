"""The good 2.0 migrator plus RunPython operations that misbehave on one row, as SHELF_FAULT says."""

import os

from lino_migrate import migrators
from tests.shelf.v2.migrators import v2_0


def fault(row):
    if row["id"] != 3:
        return row
    kind = os.environ.get("SHELF_FAULT")
    if kind == "raise":
        raise ValueError("loan 3 is cursed")
    if kind == "dict":
        return dict(row)
    if kind == "str":
        return "oops"
    if kind == "unknown":
        row["colour"] = "red"
    if kind == "notnull":
        del row["who"]
    if kind == "model":
        row.model = "shelf.Nowhere"
    return row


def fan_out_fault(row):
    yield row
    if os.environ.get("SHELF_FAULT") == "fanout" and row["id"] == 2:
        yield migrators.Row("shelf.Contact", {"id": 9, "member_id": 2, "kind": "x", "value": "y", "colour": "red"})


class Migrator(v2_0.Migrator):
    operations = v2_0.Migrator.operations + [
        migrators.RunPython("Loan", fault),
        migrators.RunPython("Member", fan_out_fault),
    ]

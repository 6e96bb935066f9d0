"""Write every row of every library model to a JSON file, for exact comparison.

``python manage.py library_snapshot FILE``

Each value is stored as ``[type, repr]`` (e.g. ``["decimal.Decimal", "Decimal('12.50')"]``
or ``["datetime.datetime", "datetime.datetime(2016, 3, 1, 9, 5, 2, 123456, tzinfo=...)"]``),
so that two snapshots are equal only if the values *and* their Python types are equal
as Django returns them. Auto-created many-to-many tables are included.
"""

import json

from django.apps import apps
from django.core.management.base import BaseCommand


def _cell(value):
    t = type(value)
    return [f"{t.__module__}.{t.__qualname__}", repr(value)]


def snapshot(app_label="library"):
    data = {}
    for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
        fields = [f for f in model._meta.concrete_fields]
        names = [f.attname for f in fields]
        rows = model._base_manager.order_by("pk").values_list(*names)
        data[model._meta.label] = {
            "columns": names,
            "rows": [[_cell(v) for v in row] for row in rows],
        }
    return data


class Command(BaseCommand):
    help = "Write all rows of the library app (values and types) to a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the snapshot (JSON).")
        parser.add_argument("--app", default="library", help="App label (default: library).")

    def handle(self, *args, file, app, **options):
        data = snapshot(app)
        with open(file, "w", encoding="utf-8") as f:
            # One line per row: readable with `diff` when two snapshots differ.
            f.write("{\n")
            for i, (label, table) in enumerate(data.items()):
                f.write(f"{json.dumps(label)}: {{\"columns\": {json.dumps(table['columns'])}, \"rows\": [\n")
                f.write(",\n".join(json.dumps(row, ensure_ascii=False) for row in table["rows"]))
                f.write("\n]}" + ("," if i < len(data) - 1 else "") + "\n")
            f.write("}\n")
        total = sum(len(m["rows"]) for m in data.values())
        self.stdout.write(f"Wrote {total} rows of {len(data)} models to {file}")

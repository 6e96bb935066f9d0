"""Child rows of multi-table inheritance that carry their parent's fields."""

from lino_migrate import migrators


def rename_restaurant(row):
    if row.pk == 1:
        row["name"] = "Pizza Palace"  # a field of refs.Place
        row["city"] = "Rome"
    return row


def open_restaurants(row):
    return [
        row,
        migrators.Row("refs.Restaurant", {"name": f"Café {row['title']}", "serves_pizza": True}),  # a new id
        *([migrators.Row("refs.Restaurant", {"place_ptr_id": 20, "name": "Twenty", "serves_pizza": False})]
          if row["id"] == 1 else []),
    ]


class Migrator(migrators.Migrator):
    version = "2.0"
    operations = [
        migrators.RunPython("Restaurant", rename_restaurant),
        migrators.RunPython("Book", open_restaurants),
    ]

"""fitzoo 1.0: runs for dumps that record fitzoo 0.9 (a test edits the version in the dump).

The row's ``text`` says what the migrator gives it: values a migrator may get wrong.
"""

import datetime

from lino_migrate import migrators


def give(row):
    if row["text"] == "words: an int":
        row["words"] = 5  # WordsField.to_python(5): AttributeError
    elif row["text"] == "at: an aware time":
        row["at"] = datetime.time(12, 30, tzinfo=datetime.timezone.utc)  # SQLite and MySQL refuse aware times
    return row


class Migrator(migrators.Migrator):
    version = "1.0"
    operations = [migrators.RunPython("Sized", give)]

"""Release 1.1: a rename, and a field split into two.

- ``Member`` is now ``Reader``, and ``Loan.member`` is ``Loan.reader``;
- ``Author.name`` became ``first_name`` and ``last_name``, split at the first
  space (``"Gabriel García Márquez"`` -> ``"Gabriel"``, ``"García Márquez"``;
  a name without a space is all last name).

Django's migration ``0002_reader_author_names`` does the same to a live
database; it imports ``split_name`` from here, so both split alike.
"""

from lino_migrate import migrators


def split_name(name: str) -> tuple[str, str]:
    """``(first_name, last_name)`` of a 1.0 ``Author.name``."""
    first, space, last = name.partition(" ")
    if not space:
        return "", name
    return first, last


def split_author_name(row: migrators.Row) -> migrators.Row:
    row["first_name"], row["last_name"] = split_name(row.pop("name"))
    return row


class Migrator(migrators.Migrator):
    version = "1.1"
    operations = [
        migrators.RenameModel("Member", "Reader"),
        migrators.RenameField("Loan", "member", "reader"),
        migrators.RunPython("Author", split_author_name, "split_author_name (name -> first_name, last_name)"),
    ]

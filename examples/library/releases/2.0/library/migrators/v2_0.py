"""Release 2.0: rows moved into a new model, and a model dropped.

- ``Loan.returned_at`` and ``Loan.fee`` moved into the new model ``Return``
  (one per returned loan, its primary key is the loan): each returned loan
  row gives a ``Return`` row as well;
- ``Tag`` and the many-to-many table ``Book.tags`` (``library.Book_tags``)
  are gone, with their rows.

Django's migration ``0003_return_drop_tags`` does the same to a live database.
"""

from lino_migrate import migrators


def move_return(loan: migrators.Row) -> list[migrators.Row]:
    """A Loan row of 1.x becomes the loan and, when it was returned, its Return."""
    returned_at = loan.pop("returned_at")
    fee = loan.pop("fee")
    if returned_at is None:
        return [loan]
    return [loan, migrators.Row("library.Return", {"loan_id": loan["id"], "returned_at": returned_at, "fee": fee})]


class Migrator(migrators.Migrator):
    version = "2.0"
    operations = [
        migrators.RunPython("Loan", move_return, "move_return (returned_at, fee -> a Return row)"),
        migrators.RemoveModel("Book_tags"),
        migrators.RemoveModel("Tag"),
    ]

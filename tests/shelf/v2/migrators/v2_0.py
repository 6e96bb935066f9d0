"""shelf 2.0: one operation of each kind."""

from django.utils.text import slugify

from lino_migrate import migrators


def split_name(row):
    # The example of the issue, as written there.
    first, _, last = row.pop("name").partition(" ")
    row["first_name"] = first
    row["last_name"] = last
    return row


def magazine_to_book(row):
    """A magazine becomes a book (row.model changes): the Book operations after this one apply to it."""
    row.model = "shelf.Book"
    row["id"] += 1000
    row["title"] = f"{row['title']} #{row.pop('issue')}"
    row["writer_id"] = row.pop("editor_id")
    row["pages"] = 0
    row["isbn"] = ""
    return row


def slug_of(row):
    return slugify(row["title"])


def fix_loan(row):
    """Returned loans are dropped (None); the others get an upper-case borrower."""
    if row["returned"]:
        return None
    row["who"] = row["who"].upper()
    return row


def split_note(row):
    """A note "a; b; c" becomes three notes (ids id*100 + i)."""
    parts = [part.strip() for part in row["text"].split(";")]
    if len(parts) == 1:
        return row
    return [migrators.Row("shelf.Note", {"id": row["id"] * 100 + i, "text": part}) for i, part in enumerate(parts)]


def move_email(row):
    """Member.email moves into a Contact row (fan out into another model), with a generator."""
    email = row.pop("email")
    yield row
    if email:
        yield migrators.Row("shelf.Contact", {"id": row["id"], "member_id": row["id"], "kind": "email", "value": email})


class Migrator(migrators.Migrator):
    version = "2.0"
    operations = [
        migrators.RunPython("Author", split_name),
        migrators.RunPython("Magazine", magazine_to_book),
        migrators.RenameField("Book", "writer", "author"),
        migrators.RemoveField("Book", "pages"),
        migrators.AddField("Book", "code", "none"),
        migrators.AddField("Book", "slug", slug_of),
        migrators.RunPython("Loan", fix_loan),
        migrators.RunPython("Note", split_note),
        migrators.RunPython("Member", move_email),
        migrators.RemoveModel("Tag"),
    ]

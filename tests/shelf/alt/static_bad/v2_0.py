from lino_migrate import migrators
from tests.shelf.v2.migrators.v2_0 import fix_loan, split_name


class Migrator(migrators.Migrator):
    version = "2.0"
    operations = [
        migrators.RunPython("Author", split_name),
        migrators.RenameModel("Ghost", "Spirit"),  # no such dumped model
        migrators.RenameField("Book", "writer", "author"),
        migrators.RenameField("Book", "subtitle", "sub"),  # no such field
        migrators.AddField("Book", "slug", ...),  # placeholder left
        migrators.RunPython("Loan", fix_loan),
        # missing: RemoveField("Book", "pages"), AddField("Book", "code", ...), RemoveModel("Tag"),
        # something for Magazine, RemoveField("Member", "email")
    ]

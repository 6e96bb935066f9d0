"""Run in a subprocess (``manage.py shell -c``): migrate, fill the installed release with rows, dump.

``make_dump(target)`` works for every release of shelf (and desk, when installed).
"""

from django.apps import apps
from django.core.management import call_command


def populate() -> None:
    shelf = apps.get_app_config("shelf")
    m = shelf.get_model
    if shelf.version in ("1.0", "1.1"):
        Person = m("Writer") if shelf.version == "1.0" else m("Author")
        title = "name" if shelf.version == "1.0" else "title"
        ada = Person.objects.create(id=1, name="Ada Lovelace")
        homer = Person.objects.create(id=2, name="Homer")
        book1 = m("Book").objects.create(id=1, writer=ada, pages=20, isbn="111", **{title: "Notes on the Engine"})
        book2 = m("Book").objects.create(id=2, writer=homer, pages=400, isbn="222", **{title: "Odyssey"})
        m("Tag").objects.create(id=1, label="x")
        m("Tag").objects.create(id=2, label="y")
        m("Loan").objects.create(id=1, book=book1, who="ann", returned=False)
        m("Loan").objects.create(id=2, book=book2, who="bob", returned=True)
        m("Loan").objects.create(id=3, book=book1, who="cy", returned=False)
        m("Note").objects.create(id=1, text="single")
        m("Note").objects.create(id=2, text="a; b; c")
        m("Member").objects.create(id=1, name="Ann", email="ann@example.org")
        m("Member").objects.create(id=2, name="Bob", email="")
        m("Magazine").objects.create(id=1, title="Byte", issue=7, editor=ada)
    else:
        ada = m("Author").objects.create(id=1, first_name="Ada", last_name="Lovelace")
        m("Book").objects.create(id=1, title="Notes", author=ada, isbn="111", code="c", slug="notes")
        m("Note").objects.create(id=1, text="two")
    if apps.is_installed("tests.shelf.desk_v1"):
        desk = apps.get_model("desk", "Desk").objects.create(id=1, name="oak")
        apps.get_model("desk", "Lamp").objects.create(id=1, desk=desk, color="green")


def make_dump(target: str) -> None:
    call_command("migrate", verbosity=0)
    populate()
    call_command("dump2py", target, verbosity=0)

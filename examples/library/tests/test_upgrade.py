"""The stored dumps of releases 1.0 and 1.1 restore into release 2.0, exactly.

``tests/dumps/<version>/`` holds a dump of the demo data written by that
release (see ``make_dumps.py``). Each one is restored into the code of 2.0
and the result is compared, row by row, with what the dump holds: the
migrators must have split every author's name, renamed members to readers,
moved every return of a loan into a Return row and dropped the tags, and
nothing else may have changed (down to the microsecond and the last decimal).
"""

from __future__ import annotations

import datetime
import filecmp
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import override_settings

from lino_migrate.manifest import read_manifest
from lino_migrate import testing  # not `import RestoreTestCase`: pytest would collect (and skip) it

HERE = Path(__file__).resolve().parent
DUMPS = HERE / "dumps"
RELEASES = HERE.parent / "releases"
VERSIONS = ("1.0", "1.1")

pytestmark = pytest.mark.skipif(settings.LIBRARY_RELEASE != "2.0", reason="these tests are about release 2.0")


def dumped(version: str, label: str) -> list[dict]:
    """The rows of a model as the stored dump holds them (attname -> JSON value)."""
    return testing.dumped_rows(DUMPS / version, label)


def instant(text: str | None) -> datetime.datetime | None:
    return None if text is None else datetime.datetime.fromisoformat(text)


def split(name: str) -> tuple[str, str]:
    """Release 1.1's rule, written again here: split at the first space; no space, all last name."""
    if " " not in name:
        return "", name
    first, last = name.split(" ", 1)
    return first, last


class UpgradeTo20(testing.RestoreTestCase):
    dumps_dir = DUMPS
    tested_versions = VERSIONS
    #: False: the migrators are switched off, and Django's migrations of 2.0 carry the rows forward (replay)
    through_migrators = True

    def check_restored(self, version: str) -> None:
        from library.models import Author, Book, Loan, Reader, Return

        old_reader = "library.Member" if version == "1.0" else "library.Reader"
        reader_id = "member_id" if version == "1.0" else "reader_id"

        # Row counts: what the demo data of size 20 has, tags gone, one Return per returned loan.
        counts = {m._meta.label: m.objects.count() for m in (Author, Book, Reader, Loan, Return)}
        self.assertEqual(
            counts,
            {"library.Author": 10, "library.Book": 20, "library.Reader": 10, "library.Loan": 60, "library.Return": 40},
        )
        self.assertEqual(self.last_report.rows, counts)
        if self.through_migrators:
            self.assertEqual(
                self.last_report.migrators,
                [f"migrator library {v} (library.migrators.v{v.replace('.', '_')})" for v in ("1.1", "2.0") if v > version],
            )
            self.assertEqual(self.last_report.replayed, [])
        else:
            self.assertEqual(self.last_report.migrators, [])
            self.assertEqual(
                self.last_report.replayed,
                [f"library.{name}" for name in ("0002_reader_author_names", "0003_return_drop_tags")
                 if name > {"1.0": "0001_initial", "1.1": "0002_reader_author_names"}[version]],
            )

        # Authors: 1.0 has a name, split by the migrator 1.1; 1.1 has the parts already.
        authors = {a.pk: a for a in Author.objects.all()}
        for row in dumped(version, "library.Author"):
            author = authors[row["id"]]
            expected = split(row["name"]) if version == "1.0" else (row["first_name"], row["last_name"])
            self.assertEqual((author.first_name, author.last_name), expected)
            self.assertEqual(author.birth_date, row["birth_date"] and datetime.date.fromisoformat(row["birth_date"]))
        # ... and the rule itself, on the names that test it.
        self.assertEqual((authors[6].first_name, authors[6].last_name), ("Gabriel", "García Márquez"))
        self.assertEqual((authors[3].first_name, authors[3].last_name), ("", "紫式部"))
        self.assertEqual((authors[9].first_name, authors[9].last_name), ("", "Ἡσίοδος"))
        self.assertIsNone(authors[9].birth_date)

        # Books: unchanged, prices to the cent.
        books = {b.pk: b for b in Book.objects.all()}
        for row in dumped(version, "library.Book"):
            book = books[row["id"]]
            self.assertEqual(
                (book.title, book.author_id, book.isbn, book.published.isoformat(), book.price),
                (row["title"], row["author_id"], row["isbn"], row["published"], Decimal(row["price"])),
            )
            self.assertEqual(str(book.price), row["price"])

        # Readers: the members of 1.0, same ids, datetimes to the microsecond.
        readers = {r.pk: r for r in Reader.objects.all()}
        for row in dumped(version, old_reader):
            reader = readers[row["id"]]
            self.assertEqual((reader.name, reader.email, reader.joined), (row["name"], row["email"], instant(row["joined"])))
            self.assertNotEqual(reader.joined.microsecond, 0)

        # Loans and their returns: a returned loan has its Return, an open one has none.
        loans = {loan.pk: loan for loan in Loan.objects.all()}
        returns = {r.loan_id: r for r in Return.objects.all()}
        returned = 0
        for row in dumped(version, "library.Loan"):
            loan = loans[row["id"]]
            self.assertEqual(
                (loan.book_id, loan.reader_id, loan.lent_at),
                (row["book_id"], row[reader_id], instant(row["lent_at"])),
            )
            if row["returned_at"] is None:
                self.assertNotIn(loan.pk, returns, f"loan {loan.pk} was not returned, but has a Return")
                continue
            returned += 1
            ret = returns[loan.pk]
            self.assertEqual((ret.returned_at, ret.fee), (instant(row["returned_at"]), Decimal(row["fee"])))
            self.assertEqual(str(ret.fee), row["fee"])
            self.assertNotEqual(ret.returned_at.microsecond, 0)
        self.assertEqual(returned, len(returns))
        self.assertTrue(any(r.fee > 0 for r in returns.values()), "the data should have a late return with a fee")

        # Through the relations, as the application sees them.
        loan = Loan.objects.select_related("reader", "return_record", "book__author").get(pk=1)
        self.assertEqual(loan.return_record.loan_id, 1)
        self.assertEqual(loan.reader.loans.count(), Loan.objects.filter(reader_id=loan.reader_id).count())

        # The dropped model: gone from the code and from the database.
        self.assertFalse(any(m._meta.model_name in ("tag", "book_tags") for m in apps.get_app_config("library").get_models(include_auto_created=True)))
        tables = set(connection.introspection.table_names())
        self.assertFalse({"library_tag", "library_book_tags", "library_member"} & tables)
        self.assertTrue({"library_reader", "library_return"} <= tables)


@override_settings(LINO_MIGRATE_MODULES={"library": None})
class ReplayTo20(UpgradeTo20):
    """The same dumps and the same rows, with no migrator: replayed through Django's migrations of 2.0."""

    through_migrators = False


@pytest.mark.parametrize("version", VERSIONS)
def test_plan_of_stored_dump_without_migrators(version, settings):
    """Without migrators the library's rows are replayed: the plan names each migration that will run."""
    settings.LINO_MIGRATE_MODULES = {"library": None}
    plan = testing.restore_plan(DUMPS / version)
    assert plan.problems == []  # MariaDB too: it replays in a scratch database (restore/scratch.py)
    routes = {route.app_label: route.describe() for route in plan.routes}
    assert routes["library"] == {
        "1.0": "library: replay 0002_reader_author_names, 0003_return_drop_tags (2 migrations, 2 RunPython)",
        "1.1": "library: replay 0003_return_drop_tags (1 migration, 1 RunPython)",
    }[version]
    assert {source.target.label for source in plan.sources} == {
        "1.0": {"library.Author", "library.Book", "library.Member", "library.Loan", "library.Tag", "library.Book_tags"},
        "1.1": {"library.Author", "library.Book", "library.Reader", "library.Loan", "library.Tag", "library.Book_tags"},
    }[version]


@pytest.mark.parametrize("version", VERSIONS)
def test_plan_of_stored_dump(version):
    """What ``showdump`` prints, checked without a database: the chain and where each model goes."""
    plan = testing.restore_plan(DUMPS / version)
    assert plan.problems == []
    assert {route.app_label: route.describe() for route in plan.routes}["library"] == "library: migrators"
    assert [chain.describe() for chain in plan.chains] == [
        f"library: {version} -> 2.0, migrators {'1.1, 2.0' if version == '1.0' else '2.0'}"
    ]
    routed = {source.label for source in plan.sources if source.routed}
    direct = {source.label: source.target.label for source in plan.sources if not source.routed}
    if version == "1.0":
        assert routed == {"library.Author", "library.Member", "library.Loan", "library.Tag", "library.Book_tags"}
    else:
        assert routed == {"library.Loan", "library.Tag", "library.Book_tags"}
        assert direct["library.Author"] == "library.Author"
        assert direct["library.Reader"] == "library.Reader"
    assert direct["library.Book"] == "library.Book"


@pytest.mark.parametrize("version", VERSIONS)
def test_stored_dump_is_of_its_release(version):
    manifest = read_manifest(DUMPS / version)
    assert manifest.apps["library"].version == version
    assert list(manifest.apps["library"].migrations)[-1] == {"1.0": "0001_initial", "1.1": "0002_reader_author_names"}[version]


@pytest.mark.parametrize(
    "path, releases",
    [
        ("library/migrations/0001_initial.py", ("1.0", "1.1", "2.0")),
        ("library/migrations/0002_reader_author_names.py", ("1.1", "2.0")),
        ("library/migrators/__init__.py", ("1.1", "2.0")),
        ("library/migrators/v1_1.py", ("1.1", "2.0")),
    ],
)
def test_released_files_never_change(path, releases):
    """A migration or a migrator, once released, is the same file in every later release."""
    first = RELEASES / releases[0] / path
    for release in releases[1:]:
        assert filecmp.cmp(first, RELEASES / release / path, shallow=False), f"{path} differs between {releases[0]} and {release}"


LIBRARIAN_AT_1_0 = """
from django.contrib.auth.models import Permission, User
user = User.objects.create_user("librarian")
user.user_permissions.add(Permission.objects.get(codename="change_member", content_type__app_label="library"))
print("librarian may change members")
"""


def test_permissions_follow_the_renamed_model(tmp_path, transactional_db):
    """A permission granted on Member in 1.0 is a permission on Reader in 2.0, as after Django's migrate."""
    from django.contrib.auth.models import User

    env = {k: v for k, v in os.environ.items() if k not in ("LM_DB_NAME", "DJANGO_SETTINGS_MODULE")}
    env.update(LM_DB="sqlite", LIBRARY_RELEASE="1.0", LIBRARY_DB=str(tmp_path / "library-1.0.sqlite3"))
    for args in (["migrate", "-v0"], ["shell", "-c", LIBRARIAN_AT_1_0],
                 ["dump2py", str(tmp_path / "dump"), "contenttypes", "auth", "library", "--noinput", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *args], cwd=HERE.parent, env=env, check=True)
    testing.restore_dump(tmp_path / "dump")
    librarian = User.objects.get(username="librarian")
    assert librarian.has_perm("library.change_reader"), sorted(librarian.get_all_permissions())

"""``makemigrator APP --dump DUMP``: draft the migrator of a new release from a dump of an older one.

The 2.0 code runs from a copy of the release package tests/shelf/v2 in tmp_path (top-level
package ``shelfcopy``), without its migrator for 2.0, so that the generated file lands in the
copy and the repository stays clean.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.shelf.helpers import assert_fails, dump_store, rows, shelf  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def release(tmp_path):
    """shelf 2.0 without migrators/v2_0.py, as package ``shelfcopy``; returns (env, package dir)."""
    package = tmp_path / "code" / "shelfcopy"
    shutil.copytree(REPO / "tests" / "shelf" / "v2", package, ignore=shutil.ignore_patterns("__pycache__", "v2_0.py"))
    assert sorted(p.name for p in (package / "migrators").iterdir()) == ["__init__.py", "v1_1.py"]
    env = {"PYTHONPATH": os.pathsep.join([str(tmp_path / "code"), str(REPO)])}
    return env, package


def fill_placeholders(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("default=...)", 'default="filled")'), encoding="utf-8")
    return text


def test_makemigrator_drafts_the_migrator_of_a_release(shelf, release, tmp_path):
    env, package = release
    dump = shelf.dump("1.1")
    result = shelf.ok("makemigrator", "shelf", "--dump", dump, "--force", shelf="shelfcopy", **env)
    path = package / "migrators" / "v2_0.py"
    assert f"Wrote {path}" in result.stdout
    text = path.read_text(encoding="utf-8")
    for needle in [
        "version = '2.0'",
        "from a dump\nof shelf 1.1",
        "# guess: Book.writer and author are both ForeignKey; check that it is a rename.\n"
        "        migrators.RenameField('Book', 'writer', 'author'),",
        "migrators.RemoveField('Book', 'pages'),",
        "migrators.AddField('Book', 'code', default=...),  # FILL IN",
        "migrators.AddField('Book', 'slug', default=...),  # FILL IN",
        "migrators.RemoveField('Author', 'name'),",
        "migrators.AddField('Author', 'first_name', default=...),  # FILL IN",
        "migrators.AddField('Author', 'last_name', default=...),  # FILL IN",
        "migrators.RemoveField('Member', 'email'),",
        "# The dump has 2 rows of Tag; they are dropped.",
        "migrators.RemoveModel('Tag'),",
        "migrators.RemoveModel('Magazine'),",
    ]:
        assert needle in text, f"{needle!r} not in\n{text}"
    assert "Book', 'isbn'" not in text  # unchanged type: nothing to do

    # A restore refuses while a placeholder is left, naming each one.
    result = shelf.restore(dump, shelf="shelfcopy", **env)
    stderr = assert_fails(result, "the default is still the placeholder `...` written by makemigrator: fill it in")
    assert stderr.count("placeholder") == 4
    for field in ["Book.code", "Book.slug", "Author.first_name", "Author.last_name"]:
        assert f"Add field {field} = ..." in stderr

    # makemigrator never overwrites a file.
    result = shelf.run("makemigrator", "shelf", "--dump", dump, "--force", shelf="shelfcopy", **env)
    assert_fails(result, f"{path} exists; makemigrator never overwrites a file.")
    assert path.read_text(encoding="utf-8") == text

    # Filled in, the draft restores the dump.
    fill_placeholders(path)
    result = shelf.restore(dump, shelf="shelfcopy", **env)
    assert result.returncode == 0, result.stderr
    assert rows("shelf_author", "id, first_name, last_name") == [(1, "filled", "filled"), (2, "filled", "filled")]
    assert rows("shelf_book", "id, title, author_id, isbn, code, slug") == [
        (1, "Notes on the Engine", 1, "111", "filled", "filled"),
        (2, "Odyssey", 2, "222", "filled", "filled"),
    ]
    assert rows("shelf_member", "id, name") == [(1, "Ann"), (2, "Bob")]
    assert rows("shelf_note", "id, text") == [(1, "single"), (2, "a; b; c")]


def test_makemigrator_says_when_replay_makes_a_migrator_needless(shelf, release):
    """Without a migrator in the way, Django's migrations of 2.0 replay a 1.1 dump: nothing to write."""
    env, package = release
    dump = shelf.dump("1.1")
    result = shelf.ok("makemigrator", "shelf", "--dump", dump, shelf="shelfcopy", **env)
    assert result.stdout == (
        "No migrator is needed for shelf: replay 0003_v2_0 (1 migration). Nothing was written. Write one "
        "for data rules of your own with --force (a migrator turns replay off for shelf).\n"
    )
    assert not (package / "migrators" / "v2_0.py").exists()


def test_makemigrator_for_a_dump_two_releases_old(shelf, release):
    """A 1.0 dump restored by 2.0 runs the 1.1 migrator first: the 2.0 draft must start where 1.1 ends.

    Drafted from the raw difference between the 1.0 dump and the 2.0 models, the draft removes
    shelf.Writer and Book.name, which the 1.1 migrator has already renamed (to Author and title).
    """
    env, package = release
    dump = shelf.dump("1.0")
    shelf.ok("makemigrator", "shelf", "--dump", dump, shelf="shelfcopy", **env)
    path = package / "migrators" / "v2_0.py"
    text = fill_placeholders(path)
    assert "default=..." in text
    result = shelf.restore(dump, shelf="shelfcopy", **env)
    assert result.returncode == 0, f"{result.stderr}\ndraft:\n{text}"


def test_makemigrator_refuses_a_dump_of_the_installed_version(shelf, release):
    env, package = release
    dump = shelf.dump("2.0")
    result = shelf.run("makemigrator", "shelf", "--dump", dump, shelf="shelfcopy", **env)
    assert_fails(result, "The dump was written by shelf 2.0, the installed version")
    assert not (package / "migrators" / "v2_0.py").exists()

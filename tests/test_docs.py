"""The tutorial's quoted output is what its commands print (docs/ is part of the product).

Sections 1 to 7 of docs/tutorial.md are one session at a shell in
examples/library: release 1.0 makes a database and a dump, release 2.0
restores it through the migrators (section 6) and by replaying Django's
migrations (section 7). ``doccheck`` runs every ``console`` command of them, in
order, in one bash session, and compares each command's output with the lines
the page quotes (``...`` leaves lines out). The output was made with Django 5.2
on SQLite, so the test runs there only.
"""

from __future__ import annotations

import os

import django
import pytest

from tests import doccheck

pytestmark = [
    pytest.mark.skipif(os.environ.get("LM_DB", "sqlite") != "sqlite", reason="the tutorial runs on SQLite"),
    pytest.mark.skipif(django.VERSION[:2] != (5, 2), reason="the tutorial's output is that of Django 5.2"),
]

PAGE = "tutorial.md"
SECTIONS = [
    "1. A database to dump",
    "2. Write a dump",
    "3. Look at it",
    "4. What a data file looks like",
    "5. Restore it",
    "6. Upgrade across two releases",
    "7. Upgrades without a migrator",
]
#: the commands that ask, and what the tutorial's reader types
ANSWERS = {"python manage.py run /tmp/tut-dump/restore.py": ("Type 'yes' to continue, or 'no' to cancel: ", "no")}


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    examples = doccheck.examples_of(PAGE, SECTIONS)
    doccheck.run_sections(examples, tmp_path_factory.mktemp("tutorial"), doccheck.clean_env(), ANSWERS)
    return examples


def test_every_section_has_commands(session):
    """Each section checked has commands (a renamed heading or a changed fence would check nothing)."""
    assert {example.section for example in session} == set(SECTIONS)
    assert len(session) >= 20


@pytest.mark.parametrize("section", SECTIONS)
def test_quoted_output_is_what_the_commands_print(session, section):
    wrong = [problem for example in session if example.section == section
             for problem in [doccheck.mismatch(example, PAGE)] if problem]
    assert not wrong, "\n\n".join(wrong)


def test_replay_chapter_shows_the_replay(session):
    """Section 7 is about replay: its restore replayed both migrations, and the rows equal the migrators'."""
    chapter = {example.command: example for example in session if example.section == SECTIONS[-1]}
    restore = chapter["python manage.py run /tmp/tut-dump/restore.py --noinput"]
    assert restore.status == 0
    assert ("Replayed 2 Django migrations after loading the rows: library.0002_reader_author_names, "
            "library.0003_return_drop_tags.") in restore.output
    same = chapter['cmp /tmp/tut-replay.json /tmp/tut-migrators.json && echo "the same rows"']
    assert (same.status, same.output) == (0, ["the same rows"])
    refused = chapter["python manage.py restore /tmp/tut-dump --noinput --no-replay"]
    assert refused.status == 1 and refused.output[0] == "CommandError: The dump does not fit the current code:"


def test_a_wrong_quote_is_found(tmp_path):
    """The comparison itself: a changed line, a missing line and an unshown error are each caught."""
    example = doccheck.Example("x", 1, "echo", ["a", "...", "c"], output=["a", "b", "b2", "c"], status=0)
    assert doccheck.mismatch(example, PAGE) is None
    assert doccheck.mismatch(doccheck.Example("x", 1, "echo", ["a", "c"], ["a", "b", "c"], 0), PAGE)
    assert doccheck.mismatch(doccheck.Example("x", 1, "echo", ["a ... c"], ["a b c", "d"], 0), PAGE)
    assert doccheck.mismatch(doccheck.Example("x", 1, "echo", ["a ... c"], ["a b c"], 0), PAGE) is None
    assert "exit status 1" in doccheck.mismatch(doccheck.Example("x", 1, "false", [], [], 1), PAGE)

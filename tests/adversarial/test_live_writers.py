"""Live writers: while dump2py runs, another process inserts, updates and deletes related rows.

The writer (``tests/adversarial/writer.py``) keeps invariants true at every
commit. Each dump, restored, must have no dangling foreign key, and its rows
must be those of one instant: the invariants hold for every row, and the
ledger row (the number of authors) matches the authors. Ten short repeats;
each checks that the writer did commit while the dump was running.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connections
from django.db.models import Count

from tests.adversarial import helpers as h
from tests.conftest import REPO
from tests.zoo import models as z

pytestmark = pytest.mark.django_db(transaction=True)

REPEATS = 10


def _check_one_instant() -> dict:
    """Every invariant of the writer, over every row; returns counts."""
    authors = z.Author.objects.count()
    books = z.Book.objects.count()
    ledger = int(z.Country.objects.get(code="LEDGER").name)
    assert ledger == authors, f"the ledger says {ledger} authors, there are {authors}: not one instant"
    per_author = Counter(z.Authorship.objects.values_list("author_id", flat=True))
    assert set(per_author) == set(z.Author.objects.values_list("pk", flat=True)), "an author without books"
    assert set(per_author.values()) <= {3}, f"authors without exactly 3 books: {[a for a, n in per_author.items() if n != 3][:5]}"
    per_book = Counter(z.Authorship.objects.values_list("book_id", flat=True))
    assert set(per_book) == set(z.Book.objects.values_list("pk", flat=True)), "a book without an author"
    assert set(per_book.values()) <= {1}
    assert books == 3 * authors
    wrong = [
        (title, n) for title, n in z.Book.objects.annotate(n=Count("tags")).values_list("title", "n")
        if int(title.rpartition("|")[2]) != n
    ]
    assert not wrong, f"books whose tag count is not the one of their title: {wrong[:5]}"
    # no dangling foreign key (the restore checks them too)
    through = z.Book.tags.through
    assert not z.Authorship.objects.exclude(book_id__in=z.Book.objects.values("pk")).exists()
    assert not z.Authorship.objects.exclude(author_id__in=z.Author.objects.values("pk")).exists()
    assert not through.objects.exclude(book_id__in=z.Book.objects.values("pk")).exists()
    assert not through.objects.exclude(tag_id__in=z.Tag.objects.values("pk")).exists()
    return {"authors": authors, "books": books, "book tags": through.objects.count()}


def test_dump_while_a_writer_changes_related_rows(db_env, tmp_path):
    h.bulk_rows(6_000)  # bulk that makes the dump last
    h.books_with_authors(150)
    z.Country.objects.create(code="LEDGER", name="150")
    _check_one_instant()
    during_total = 0
    for repeat in range(REPEATS):
        stop = tmp_path / f"stop{repeat}"
        target = tmp_path / f"dump{repeat}"
        connections.close_all()
        writer = subprocess.Popen(
            [sys.executable, "-m", "tests.adversarial.writer", str(stop), str(repeat + 1)],
            cwd=REPO, env=db_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        try:
            assert writer.stdout.readline().strip() == "READY", writer.communicate()
            process = h.popen(db_env, "dump2py", target, "-m", "100", "--noinput")
            started = None  # when the first data file appears: the snapshot is open
            while process.poll() is None:
                if started is None and any(
                    p.name.startswith(f".{target.name}.partial-") and any(p.iterdir()) for p in tmp_path.iterdir()
                ):
                    started = time.monotonic()
                time.sleep(0.001)
            ended = time.monotonic()
            out, err = process.communicate()
            result = subprocess.CompletedProcess(["dump2py"], process.returncode, out, err)
            started = started or ended
        finally:
            stop.touch()
            out, err = writer.communicate(timeout=60)
        h.assert_ok(result)
        assert writer.returncode == 0, err
        times = [float(t) for t in out.split("COMMITS", 1)[1].split()]
        during = sum(started <= t <= ended for t in times)
        during_total += during
        call_command("restore", str(target), interactive=False, verbosity=0)
        counts = _check_one_instant()
        print(f"repeat {repeat}: {len(times)} commits by the writer, {during} while dump2py wrote its files; restored {counts}")
    print(f"writer commits while dumping, over {REPEATS} repeats: {during_total}")
    assert during_total >= REPEATS, "the writer hardly wrote while the dumps ran"

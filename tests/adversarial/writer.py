"""A live writer: ``python -m tests.adversarial.writer STOPFILE SEED``.

Run with the environment of ``db_env``. Until STOPFILE exists, it commits
small transactions of related changes in the zoo, each of which keeps these
invariants true at every commit:

- every Author has exactly 3 Authorships, and every Book exactly 1;
- a Book's title is ``"AUTHOR:K|N"``, N being its number of tags;
- the Country with code ``LEDGER`` holds the number of Authors as its name.

Operations: add an author with 3 books and tags; delete an author and its
books (Django cascades Authorship and Book_tags); retag a book; delete a tag
(cascading Book_tags) while fixing the titles; rename an author. On exit it
prints ``COMMITS`` and the monotonic time of every commit (``READY`` after the first).
"""

from __future__ import annotations

import os
import random
import sys
import time


def main(stop_file: str, seed: int) -> None:
    import django

    django.setup()
    from django.db import OperationalError, transaction

    from tests.zoo import models as z

    rng = random.Random(seed)
    times: list[float] = []
    serial = seed * 1_000_000

    def ledger(delta: int) -> None:
        row = z.Country.objects.select_for_update().get(code="LEDGER")
        row.name = str(int(row.name) + delta)
        row.save(update_fields=["name"])

    def add_author() -> None:
        nonlocal serial
        serial += 1
        author = z.Author.objects.create(name=f"writer {serial}")
        tags = list(z.Tag.objects.filter(name__startswith="t").values_list("pk", flat=True)[:50])
        for k in range(3):
            chosen = rng.sample(tags, min(len(tags), rng.randint(0, 3)))
            book = z.Book.objects.create(title=f"{author.pk}:{k}|{len(chosen)}")
            z.Authorship.objects.create(book=book, author=author, role="writer", position=k)
            book.tags.set(chosen)
        ledger(+1)

    def delete_author() -> None:
        author = z.Author.objects.order_by("?").first()
        if author is None:
            return
        z.Book.objects.filter(authorship__author=author).delete()
        author.delete()
        ledger(-1)

    def retag() -> None:
        book = z.Book.objects.order_by("?").first()
        if book is None:
            return
        tags = list(z.Tag.objects.filter(name__startswith="t").values_list("pk", flat=True)[:50])
        chosen = rng.sample(tags, min(len(tags), rng.randint(0, 4)))
        book.tags.set(chosen)
        head = book.title.rpartition("|")[0]
        z.Book.objects.filter(pk=book.pk).update(title=f"{head}|{len(chosen)}")

    def delete_tag() -> None:
        nonlocal serial
        tag = z.Tag.objects.filter(name__startswith="t").order_by("?").first()
        if tag is None:
            return
        for book in list(tag.books.all()):
            head, _, n = book.title.rpartition("|")
            z.Book.objects.filter(pk=book.pk).update(title=f"{head}|{int(n) - 1}")
        tag.delete()
        serial += 1
        z.Tag.objects.create(name=f"t new {serial}")

    def rename() -> None:
        nonlocal serial
        author = z.Author.objects.order_by("?").first()
        if author is not None:
            serial += 1
            z.Author.objects.filter(pk=author.pk).update(name=f"renamed {serial}")

    operations = [add_author] * 3 + [delete_author] * 3 + [retag] * 3 + [delete_tag] + [rename]
    while not os.path.exists(stop_file):
        operation = rng.choice(operations)
        try:
            with transaction.atomic():
                operation()
        except OperationalError:  # locked (SQLite while a dump reads) or a deadlock: try again
            time.sleep(0.01)
            continue
        times.append(time.monotonic())
        if len(times) == 1:
            print("READY", flush=True)
    print("COMMITS " + " ".join(f"{t:.6f}" for t in times), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

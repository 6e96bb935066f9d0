"""Fill the shop tables with N books (deterministic: fixed seed, explicit ids).

Run as a child of run.py: ``python benchmarks/generate.py N`` with
DJANGO_SETTINGS_MODULE=benchmarks.bench_site.settings. Writes N/10 authors,
50 tags, N books and about 2N book-tag links (about 3.1 N rows) with
``bulk_create`` in batches, in one transaction, then resets the sequences.
"""

from __future__ import annotations

import datetime
import random
import sys
from decimal import Decimal

import django

django.setup()

from django.core.management.color import no_style  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from shop.models import Author, Book, Tag  # noqa: E402  (release 1.0: releases/1.0/shop)

SEED = 20240601
CHUNK = 10_000

FIRST = ["Anna", "José", "Zoë", "Łukasz", "Françoise", "Mikko", "Ngozi", "Søren", "Ivan", "Mei", "Åsa", "Olu"]
LAST = ["Müller", "O'Brien", "Dvořák", "Smith", "Nakamura", "García", "Kowalski", "Ñúñez", "Lefèvre", "Øye"]
ADJ = ["Silent", "Red", "Quiet", "Lost", "Hidden", "Bright", "Cold", "Eternal", "Last", "Ünïcode"]
NOUN = ["River", "Garden", "Empire", "Letter", "Winter", "Mirror", "Voyage", "Stone", "Café", "Nacht"]
WORDS = (
    "the a of and to in is was he she it that for on with as his her they at by this had from or "
    "river city night winter garden stone \"quoted\" it's naïve café Straße 東京 — … ✓ 🙂 tab\there "
    "line\nbreak back\\slash"
).split(" ")
UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1990, 1, 1, tzinfo=UTC)
SPAN = 35 * 365 * 24 * 3600


def main(n: int) -> None:
    rng = random.Random(SEED)
    n_authors = max(1, n // 10)
    with transaction.atomic():
        tags = [Tag(id=i + 1, name=f"{rng.choice(ADJ).lower()}-{i:02d}") for i in range(50)]
        Tag.objects.bulk_create(tags)
        for start in range(0, n_authors, CHUNK):
            authors = []
            for pk in range(start + 1, min(n_authors, start + CHUNK) + 1):
                birth = None if rng.random() < 0.1 else datetime.date(1900, 1, 1) + datetime.timedelta(days=rng.randrange(38000))
                authors.append(Author(
                    id=pk, name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", birth_date=birth,
                    rating=Decimal(rng.randint(-999_999, 999_999)).scaleb(-2), active=rng.random() < 0.8,
                ))
            Author.objects.bulk_create(authors)
        link_id = 0
        Link = Book.tags.through
        for start in range(0, n, CHUNK):
            books, links = [], []
            for pk in range(start + 1, min(n, start + CHUNK) + 1):
                published = EPOCH + datetime.timedelta(seconds=rng.randrange(SPAN), microseconds=rng.randrange(1_000_000))
                summary = "" if rng.random() < 0.05 else " ".join(rng.choices(WORDS, k=rng.randint(5, 60)))
                books.append(Book(
                    id=pk, title=f"{rng.choice(ADJ)} {rng.choice(NOUN)} {pk}", author_id=rng.randint(1, n_authors),
                    published=published, price=Decimal(rng.randint(0, 99_999_999)).scaleb(-2),
                    pages=rng.randint(10, 2000), summary=summary,
                ))
                for tag_id in sorted(rng.sample(range(1, 51), rng.choice((1, 2, 2, 3)))):
                    link_id += 1
                    links.append(Link(id=link_id, book_id=pk, tag_id=tag_id))
            Book.objects.bulk_create(books)
            Link.objects.bulk_create(links)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Author, Tag, Book, Link]):
                cursor.execute(sql)
    print(f"generated {n_authors} authors, 50 tags, {n} books, {link_id} links: {n_authors + 50 + n + link_id} rows")


if __name__ == "__main__":
    main(int(sys.argv[1]))

"""Fill the library with deterministic demo data.

``python manage.py demo_data [--size N] [--clear]``

The same ``--size`` always gives the same rows (same primary keys, same
timestamps down to the microsecond), so that two runs can be compared.
"""

import datetime
import random
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from library.models import Author, Book, Loan, Reader, Tag

SEED = 20240229

AUTHORS = [
    # (first name, last name, birth date or None): the names of release 1.0, split at the first space.
    ("Émile", "Zola", datetime.date(1840, 4, 2)),
    ("Фёдор", "Достоевский", datetime.date(1821, 11, 11)),
    ("", "紫式部", None),  # Murasaki Shikibu: one word, no reliable birth date
    ("Halldór", "Laxness", datetime.date(1902, 4, 23)),
    ("Wisława", "Szymborska", datetime.date(1923, 7, 2)),
    ("Gabriel", "García Márquez", datetime.date(1927, 3, 6)),
    ("Chinua", "Achebe", datetime.date(1930, 11, 16)),
    ("Nâzım", "Hikmet", datetime.date(1902, 1, 15)),
    ("", "Ἡσίοδος", None),
    ("Astrid", "Lindgren", datetime.date(1907, 11, 14)),
]

TAGS = ["novel", "poetry", "classic", "children", "translated", "épopée", "短編", "history"]

WORDS = [
    "night", "river", "stone", "garden", "winter", "letters", "house", "sea",
    "crow", "mirror", "island", "silence", "bread", "salt", "fire", "Ærø",
    "naïve", "œuvre", "Straße", "сад", "夢", "café", "smörgåsbord", "ŋ",
]

FIRST_NAMES = ["Anna", "Björn", "Chloé", "Dmitri", "Eszter", "François", "Gül",
               "Håkon", "Iñigo", "Jürgen", "Kwame", "Łucja", "Mei", "Noémie", "Øyvind", "Paweł"]
LAST_NAMES = ["Dubois", "Müller", "Nowak", "O'Brien", "Pérez", "Quispe", "Rønning",
              "Schröder", "Tanaka", "Ueda", "Vasquez", "Weiß", "Xu", "Yılmaz", "Żak"]

UTC = datetime.timezone.utc


def _aware(rnd: random.Random, start: datetime.datetime, days: int) -> datetime.datetime:
    """A random aware datetime within `days` after `start`, always with microseconds."""
    seconds = rnd.randrange(days * 86400)
    micro = rnd.randrange(1, 1_000_000)  # never 0: the demo is about keeping them
    return start + datetime.timedelta(seconds=seconds, microseconds=micro)


class Command(BaseCommand):
    help = "Create deterministic demo data for the library example (authors, books, readers, loans)."

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=50,
                            help="Number of books (default 50). Readers and loans scale with it.")
        parser.add_argument("--clear", action="store_true",
                            help="Delete existing library data first instead of refusing.")

    def handle(self, *args, size, clear, **options):
        if size < 1:
            raise CommandError("--size must be at least 1")
        models = [Loan, Book.tags.through, Book, Tag, Reader, Author]
        existing = sum(m.objects.count() for m in models)
        if existing:
            if not clear:
                raise CommandError(
                    f"The library already contains {existing} rows; "
                    "use --clear to delete them first."
                )
        with transaction.atomic():
            if existing:
                for m in models:
                    m.objects.all().delete()
                # Restart the primary keys at 1, so that --clear gives the same rows as a fresh database.
                tables = [m._meta.db_table for m in models]
                with connection.cursor() as cursor:
                    for sql in connection.ops.sql_flush(no_style(), tables, reset_sequences=True):
                        cursor.execute(sql)
            counts = self.create(size)
        self.stdout.write("Created " + ", ".join(f"{n} {name}" for name, n in counts.items()) + ".")

    def create(self, size):
        rnd = random.Random(SEED)

        authors = Author.objects.bulk_create(
            Author(first_name=f, last_name=l, birth_date=d) for f, l, d in AUTHORS
        )
        tags = Tag.objects.bulk_create(Tag(name=n) for n in TAGS)

        books = []
        for i in range(size):
            title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 4))).capitalize()
            books.append(Book(
                title=f"{title} ({i + 1})",
                author=rnd.choice(authors),
                isbn=f"978-3-{i:05d}-{rnd.randrange(1000):03d}-{i % 10}",
                published=datetime.date(1850, 1, 1) + datetime.timedelta(days=rnd.randrange(62000)),
                price=Decimal(rnd.randrange(199, 8999)) / 100,
            ))
        books = Book.objects.bulk_create(books)

        Through = Book.tags.through
        links = []
        for b in books:
            for t in rnd.sample(tags, rnd.randint(0, 3)):
                links.append(Through(book_id=b.pk, tag_id=t.pk))
        Through.objects.bulk_create(links)

        readers = []
        start = datetime.datetime(2015, 1, 1, tzinfo=UTC)
        for i in range(max(3, size // 2)):
            first, last = rnd.choice(FIRST_NAMES), rnd.choice(LAST_NAMES)
            readers.append(Reader(
                name=f"{first} {last}",
                email=f"member{i + 1}@example.org",
                joined=_aware(rnd, start, 3000),
            ))
        readers = Reader.objects.bulk_create(readers)

        loans = []
        for _ in range(size * 3):
            reader = rnd.choice(readers)
            lent_at = max(_aware(rnd, start, 3650), reader.joined + datetime.timedelta(days=1))
            returned_at = None
            fee = Decimal("0.00")
            if rnd.random() < 0.7:  # about 70 % are returned
                returned_at = lent_at + datetime.timedelta(
                    days=rnd.randint(1, 60), seconds=rnd.randrange(86400), microseconds=rnd.randrange(1_000_000))
                late_days = (returned_at - lent_at).days - 28
                if late_days > 0:
                    fee = Decimal("0.25") * late_days
            loans.append(Loan(book=rnd.choice(books), reader=reader, lent_at=lent_at,
                              returned_at=returned_at, fee=fee))
        Loan.objects.bulk_create(loans)

        return {
            "authors": len(authors), "tags": len(tags), "books": len(books),
            "book tags": len(links), "readers": len(readers), "loans": len(loans),
        }

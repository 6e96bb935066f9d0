"""Print a short summary of the library data (release 1.0): row counts and a few sample rows."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from library.models import Author, Book, Loan, Member, Tag


class Command(BaseCommand):
    help = "Print row counts of the library models and a few sample rows."

    def handle(self, *args, **options):
        w = self.stdout.write
        for model in [Author, Tag, Book, Book.tags.through, Member, Loan]:
            w(f"  {model._meta.label:<20} {model.objects.count():>6} rows")
        w(f"  returned loans       {Loan.objects.filter(returned_at__isnull=False).count():>6}")

        for author in Author.objects.order_by("pk")[:2]:
            w(f"  sample Author #{author.pk}: name {author.name!r}, born {author.birth_date}")
        book = Book.objects.order_by("pk").first()
        if book:
            tags = ", ".join(t.name for t in book.tags.order_by("pk"))
            w(f"  sample Book #{book.pk}: {book.title!r} by {book.author}, ISBN {book.isbn},"
              f" {book.published}, price {book.price!r}, tags [{tags}]")
        loan = Loan.objects.filter(returned_at__isnull=False).order_by("pk").first()
        if loan:
            w(f"  sample Loan #{loan.pk}: book #{loan.book_id}, member #{loan.member_id}, fee {loan.fee!r}")
            w(f"      lent_at     = {loan.lent_at.isoformat()}  (microsecond={loan.lent_at.microsecond})")
            w(f"      returned_at = {loan.returned_at.isoformat()}  (microsecond={loan.returned_at.microsecond})")
            w(f"      lent_at in {timezone.get_current_timezone_name()}: {timezone.localtime(loan.lent_at).isoformat()}")

"""Print a short summary of the library data (release 2.0): row counts and a few sample rows."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from library.models import Author, Book, Loan, Reader, Return


class Command(BaseCommand):
    help = "Print row counts of the library models and a few sample rows."

    def handle(self, *args, **options):
        w = self.stdout.write
        for model in [Author, Book, Reader, Loan, Return]:
            w(f"  {model._meta.label:<20} {model.objects.count():>6} rows")

        for author in Author.objects.order_by("pk")[:3]:
            w(f"  sample Author #{author.pk}: first_name {author.first_name!r}, last_name {author.last_name!r},"
              f" born {author.birth_date}")
        book = Book.objects.order_by("pk").first()
        if book:
            w(f"  sample Book #{book.pk}: {book.title!r} by {book.author}, ISBN {book.isbn},"
              f" {book.published}, price {book.price!r}")
        ret = Return.objects.select_related("loan").order_by("pk").first()
        if ret:
            loan = ret.loan
            w(f"  sample Loan #{loan.pk}: book #{loan.book_id}, reader #{loan.reader_id} ({loan.reader})")
            w(f"      lent_at            = {loan.lent_at.isoformat()}  (microsecond={loan.lent_at.microsecond})")
            w(f"      Return.returned_at = {ret.returned_at.isoformat()}  (microsecond={ret.returned_at.microsecond})")
            w(f"      Return.fee         = {ret.fee!r}")
            w(f"      lent_at in {timezone.get_current_timezone_name()}: {timezone.localtime(loan.lent_at).isoformat()}")

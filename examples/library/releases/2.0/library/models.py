"""Models of the library example: authors write books, readers borrow them (release 2.0)."""

from django.db import models


class Author(models.Model):
    # 1.1: Author.name became first_name and last_name.
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100)
    birth_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()


# 2.0: Tag (and Book.tags) were dropped.


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="books")
    isbn = models.CharField("ISBN", max_length=17, unique=True)
    published = models.DateField()
    price = models.DecimalField(max_digits=8, decimal_places=2)

    def __str__(self):
        return self.title


class Reader(models.Model):  # 1.1: Member was renamed to Reader
    name = models.CharField(max_length=200)
    email = models.EmailField(unique=True)
    joined = models.DateTimeField()

    def __str__(self):
        return self.name


class Loan(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="loans")
    reader = models.ForeignKey(Reader, on_delete=models.CASCADE, related_name="loans")  # 1.1: was member
    lent_at = models.DateTimeField()
    # 2.0: returned_at and fee moved to Return.

    class Meta:
        ordering = ["lent_at"]

    def __str__(self):
        return f"{self.book} → {self.reader}"


class Return(models.Model):
    """2.0: the return of a loan (a loan not yet returned has none)."""

    loan = models.OneToOneField(Loan, on_delete=models.CASCADE, primary_key=True, related_name="return_record")
    returned_at = models.DateTimeField()
    fee = models.DecimalField(max_digits=6, decimal_places=2, default=0)

    class Meta:
        ordering = ["returned_at"]

    def __str__(self):
        return f"{self.loan} returned {self.returned_at:%Y-%m-%d}"

"""Models of the library example: authors write books, readers borrow them (release 1.1)."""

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


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)

    def __str__(self):
        return self.name


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="books")
    isbn = models.CharField("ISBN", max_length=17, unique=True)
    published = models.DateField()
    price = models.DecimalField(max_digits=8, decimal_places=2)
    tags = models.ManyToManyField(Tag, blank=True, related_name="books")

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
    returned_at = models.DateTimeField(null=True, blank=True)
    fee = models.DecimalField(max_digits=6, decimal_places=2, default=0)

    class Meta:
        ordering = ["lent_at"]

    def __str__(self):
        return f"{self.book} → {self.reader}"

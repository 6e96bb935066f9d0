from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)
    birth_date = models.DateField(null=True, blank=True)
    rating = models.DecimalField(max_digits=6, decimal_places=2)
    active = models.BooleanField(default=True)


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    published = models.DateTimeField()  # aware (USE_TZ = True), with microseconds
    price_cents = models.BigIntegerField(default=0)  # was price, DecimalField(8, 2): moved by 0002's RunPython
    page_count = models.IntegerField()  # was pages
    summary = models.TextField(blank=True)
    tags = models.ManyToManyField(Tag, related_name="books", blank=True)  # auto-created through table

"""shelf 2.0.

- Author.name is split into first_name and last_name;
- Book.writer is now Book.author, Book.pages is gone, Book.code and Book.slug are new (NOT NULL, no default);
- Tag is gone; Magazine is gone (magazines become books);
- Member.email moved to the new model Contact.
"""

from django.db import models


class Author(models.Model):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    isbn = models.CharField(max_length=20, blank=True)
    code = models.CharField(max_length=10)
    slug = models.SlugField(max_length=200)


class Loan(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE)
    who = models.CharField(max_length=50)
    returned = models.BooleanField()


class Note(models.Model):
    text = models.CharField(max_length=200)


class Member(models.Model):
    name = models.CharField(max_length=100)


class Contact(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE)
    kind = models.CharField(max_length=20)
    value = models.CharField(max_length=100)

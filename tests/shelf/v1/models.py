"""shelf 1.0."""

from django.db import models


class Writer(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    name = models.CharField(max_length=200)
    writer = models.ForeignKey(Writer, on_delete=models.CASCADE)
    pages = models.IntegerField()
    isbn = models.CharField(max_length=20)


class Tag(models.Model):
    label = models.CharField(max_length=50)


class Loan(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE)
    who = models.CharField(max_length=50)
    returned = models.BooleanField()


class Note(models.Model):
    text = models.CharField(max_length=200)


class Member(models.Model):
    name = models.CharField(max_length=100)
    email = models.CharField(max_length=100)


class Magazine(models.Model):
    title = models.CharField(max_length=200)
    issue = models.IntegerField()
    editor = models.ForeignKey(Writer, on_delete=models.CASCADE)

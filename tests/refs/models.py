"""Models whose references a restore must get right."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

# --- labels that share a prefix (--exclude matches them exactly) ---------------


class Label(models.Model):
    name = models.CharField(max_length=50)


class Item(models.Model):
    name = models.CharField(max_length=50)
    labels = models.ManyToManyField(Label, blank=True)  # auto-created refs.Item_labels


class Item_1(models.Model):  # noqa: N801 (a real model name that starts with "Item_")
    name = models.CharField(max_length=50)


class Item_tags(models.Model):  # noqa: N801 (a model, not the through table of Item)
    name = models.CharField(max_length=50)


# --- natural keys ----------------------------------------------------------------


class Grant(models.Model):
    """References to Permission and ContentType, without database constraints (so they can dangle)."""

    name = models.CharField(max_length=50)
    permission = models.ForeignKey(Permission, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    scope = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")


class Mark(models.Model):
    """A generic foreign key with an integer object id (admin's LogEntry has a text one)."""

    note = models.CharField(max_length=50)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveIntegerField()
    target = GenericForeignKey("content_type", "object_id")


# --- multi-table inheritance and new rows ----------------------------------------


class Place(models.Model):
    name = models.CharField(max_length=100)
    city = models.CharField(max_length=100, default="", blank=True)


class Restaurant(Place):
    serves_pizza = models.BooleanField(default=False)


class Book(models.Model):
    title = models.CharField(max_length=100)


class Edition(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE)
    isbn = models.CharField(max_length=20)


class Copy(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE)
    shelf = models.CharField(max_length=20)

"""A zoo of models covering every built-in Django field type and relation.

Used by the round-trip tests: ``tests.zoo.data.populate()`` fills them with
nasty values and ``tests.zoo.data.snapshot()`` reads everything back.
"""

from __future__ import annotations

import json
import uuid

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

# --- primary keys ----------------------------------------------------------


class AutoPk(models.Model):
    id = models.AutoField(primary_key=True)
    name = models.CharField(max_length=50)


class BigAutoPk(models.Model):
    id = models.BigAutoField(primary_key=True)
    name = models.CharField(max_length=50)


class SmallAutoPk(models.Model):
    id = models.SmallAutoField(primary_key=True)
    name = models.CharField(max_length=50)


class UuidPk(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    name = models.CharField(max_length=50)


class UuidOwned(models.Model):
    """A foreign key to a model whose primary key is a UUID."""

    owner = models.ForeignKey(UuidPk, on_delete=models.CASCADE, related_name="owned")
    name = models.CharField(max_length=50)


# --- scalar values ---------------------------------------------------------
# blank=True everywhere: empty strings, empty lists and NULL are values to
# round-trip, and restore validates rows with clean_fields().


class Numbers(models.Model):
    small_integer = models.SmallIntegerField(blank=True)
    positive_integer = models.PositiveIntegerField(blank=True)
    positive_small_integer = models.PositiveSmallIntegerField(blank=True)
    positive_big_integer = models.PositiveBigIntegerField(blank=True)
    big_integer = models.BigIntegerField(blank=True)
    integer = models.IntegerField(blank=True)
    nullable_integer = models.IntegerField(null=True, blank=True)


class Floats(models.Model):
    float_value = models.FloatField(blank=True)
    nullable_float = models.FloatField(null=True, blank=True)


class Decimals(models.Model):
    wide_decimal = models.DecimalField(max_digits=30, decimal_places=10, blank=True)
    money = models.DecimalField(max_digits=6, decimal_places=2, blank=True)
    nullable_decimal = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)


class Flags(models.Model):
    boolean = models.BooleanField(blank=True)
    nullable_boolean = models.BooleanField(null=True, blank=True)


class Texts(models.Model):
    char = models.CharField(max_length=200, blank=True)
    nullable_char = models.CharField(max_length=200, null=True, blank=True)
    text = models.TextField(blank=True)
    slug = models.SlugField(max_length=100, allow_unicode=True, blank=True)
    email = models.EmailField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    file_path = models.FilePathField(path="/tmp", max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)


class Moments(models.Model):
    date = models.DateField(blank=True)
    date_time = models.DateTimeField(blank=True)
    time = models.TimeField(blank=True)
    duration = models.DurationField(blank=True)
    nullable_date_time = models.DateTimeField(null=True, blank=True)


class Identifiers(models.Model):
    uuid = models.UUIDField(blank=True)
    nullable_uuid = models.UUIDField(null=True, blank=True)


class Blobs(models.Model):
    binary = models.BinaryField(blank=True)
    nullable_binary = models.BinaryField(null=True, blank=True)


class JsonDoc(models.Model):
    document = models.JSONField(blank=True)
    nullable_document = models.JSONField(null=True, blank=True)


class Attachment(models.Model):
    upload = models.FileField(upload_to="uploads/", max_length=300, blank=True)
    optional_upload = models.FileField(upload_to="uploads/", blank=True)


# --- a custom field with an internal type that is not built in -------------


class StringList(list):
    """The Python value of :class:`StringListField`."""


class StringListField(models.Field):
    """A list of strings stored as JSON text in a plain text column."""

    description = "A list of strings"

    def get_internal_type(self):
        return "StringListField"

    def db_type(self, connection):
        return "longtext" if connection.vendor == "mysql" else "text"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return StringList(json.loads(value))

    def to_python(self, value):
        if value is None or isinstance(value, StringList):
            return value
        if isinstance(value, str):
            return StringList(json.loads(value))
        return StringList(value)

    def get_prep_value(self, value):
        if value is None:
            return None
        return json.dumps(list(value), ensure_ascii=False)

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))


class Custom(models.Model):
    words = StringListField(blank=True)
    nullable_words = StringListField(null=True, blank=True)


# --- relations ---------------------------------------------------------------


class Node(models.Model):
    """A tree: foreign key to self."""

    name = models.CharField(max_length=50)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")


class Country(models.Model):
    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=100)


class City(models.Model):
    """A foreign key with to_field pointing at a unique CharField."""

    country = models.ForeignKey(Country, to_field="code", on_delete=models.CASCADE, related_name="cities")
    name = models.CharField(max_length=100)


class Person(models.Model):
    name = models.CharField(max_length=100)


class Passport(models.Model):
    """A OneToOneField that is also the primary key."""

    person = models.OneToOneField(Person, primary_key=True, on_delete=models.CASCADE)
    number = models.CharField(max_length=20)


class Profile(models.Model):
    """A plain OneToOneField (with its own id)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="profile")
    bio = models.TextField()


class CycleA(models.Model):
    name = models.CharField(max_length=50)
    b = models.ForeignKey("CycleB", null=True, blank=True, on_delete=models.SET_NULL, related_name="a_set")


class CycleB(models.Model):
    name = models.CharField(max_length=50)
    a = models.ForeignKey(CycleA, null=True, blank=True, on_delete=models.SET_NULL, related_name="b_set")


class Stamped(models.Model):
    name = models.CharField(max_length=50)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    created_day = models.DateField(auto_now_add=True)
    modified_time = models.TimeField(auto_now=True)


class Tag(models.Model):
    name = models.CharField(max_length=50)


class Author(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    title = models.CharField(max_length=200)
    tags = models.ManyToManyField(Tag, related_name="books")  # auto-created through table
    authors = models.ManyToManyField(Author, through="Authorship", related_name="books")


class Authorship(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    role = models.CharField(max_length=50)
    position = models.PositiveSmallIntegerField()


# --- inheritance ---------------------------------------------------------------


class Place(models.Model):
    name = models.CharField(max_length=100)
    address = models.TextField()


class Restaurant(Place):
    serves_hot_dogs = models.BooleanField(default=False)
    seats = models.IntegerField(null=True, blank=True)


class ItalianRestaurant(Restaurant):
    serves_gnocchi = models.BooleanField(default=False)
    oven_temperature = models.FloatField(null=True, blank=True)


class PlaceProxy(Place):
    class Meta:
        proxy = True


# --- contenttypes and permissions ----------------------------------------------


class TaggedItem(models.Model):
    """A generic foreign key."""

    label = models.CharField(max_length=100)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")


class Role(models.Model):
    """Foreign key and many-to-many to auth.Permission, FK to ContentType."""

    name = models.CharField(max_length=100)
    main_permission = models.ForeignKey(Permission, null=True, blank=True, on_delete=models.SET_NULL, related_name="main_roles")
    permissions = models.ManyToManyField(Permission, related_name="roles", blank=True)
    scope = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

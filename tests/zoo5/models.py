"""Models of Django 5.2 and later: generated columns and composite primary keys.

This app is installed only on Django 5.2+ (see ``tests/project/settings.py``).
"""

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Concat, Lower


class Priced(models.Model):
    """Columns the database computes and stores (``db_persist=True``): every database has them."""

    first = models.CharField(max_length=40)
    last = models.CharField(max_length=40)
    nickname = models.CharField(max_length=40, null=True, blank=True)
    quantity = models.IntegerField()
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    full_name = models.GeneratedField(
        expression=Concat("first", Value(" "), "last"), output_field=models.CharField(max_length=81), db_persist=True,
    )
    total = models.GeneratedField(
        expression=F("quantity") * F("unit_price"),
        output_field=models.DecimalField(max_digits=20, decimal_places=2), db_persist=True,
    )
    nickname_lower = models.GeneratedField(
        expression=Lower("nickname"), output_field=models.CharField(max_length=40, null=True), db_persist=True,
    )


class Virtual(models.Model):
    """A column the database computes when it is read (``db_persist=False``): not on PostgreSQL."""

    width = models.IntegerField()
    height = models.IntegerField()
    area = models.GeneratedField(expression=F("width") * F("height"), output_field=models.IntegerField(), db_persist=False)

    class Meta:
        required_db_features = {"supports_virtual_generated_columns"}


class Shelf(models.Model):
    code = models.CharField(max_length=10, primary_key=True)


class Slot(models.Model):
    """A primary key of three columns (a foreign key, a text, a number), and a generated column."""

    pk = models.CompositePrimaryKey("shelf", "row", "position")
    shelf = models.ForeignKey(Shelf, on_delete=models.CASCADE)
    row = models.CharField(max_length=10)
    position = models.IntegerField()
    note = models.TextField(blank=True)
    weight = models.FloatField(null=True, blank=True)
    double = models.GeneratedField(expression=F("position") * 2, output_field=models.IntegerField(), db_persist=True)

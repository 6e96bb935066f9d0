"""Models whose rows a default restore must take (the database holds them) or refuse (they do not
fit the column)."""

from __future__ import annotations

from django.db import models


class Loose(models.Model):
    """Values that the database holds and that form rules (blank, choices) refuse."""

    note = models.CharField(max_length=20, null=True)  # null=True without blank=True
    word = models.CharField(max_length=5)  # "" without blank=True
    data = models.JSONField(default=dict)  # {} without blank=True
    kind = models.CharField(max_length=1, choices=[("a", "A"), ("b", "B")], default="a")


class WordsField(models.TextField):
    """A custom field whose to_python() expects a string (an int gives AttributeError)."""

    def to_python(self, value):
        if value is None:
            return value
        return value.strip()


class Sized(models.Model):
    """Columns with limits: varchar(5), smallint, integer, decimal(6,2), decimal(30,10)."""

    word = models.CharField(max_length=5, default="", blank=True)
    small = models.SmallIntegerField(default=0)
    count = models.IntegerField(default=0)
    amount = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    wide = models.DecimalField(max_digits=30, decimal_places=10, null=True, blank=True)
    text = models.TextField(default="", blank=True)
    at = models.TimeField(null=True, blank=True)
    words = WordsField(null=True, blank=True)


class PillowFreeImageField(models.ImageField):
    """An ImageField that passes the system checks without Pillow (the test needs no image)."""

    def _check_image_library_installed(self):
        return []


class Picture(models.Model):
    """An ImageField with dimension fields: making an instance with no width opens the file."""

    image = PillowFreeImageField(upload_to="pictures/", width_field="width", height_field="height", blank=True)
    width = models.IntegerField(null=True, blank=True)
    height = models.IntegerField(null=True, blank=True)

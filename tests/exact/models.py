"""Models whose values a dump must give back exactly as the database held them.

- JSON documents with numbers that a float would change;
- a JSONField with a decoder that makes Decimals;
- a field that only says it is a JSONField (like Wagtail's StreamField);
- custom fields whose Python values are not what their columns hold
  (a list, like django-multiselectfield's; an object over an integer column;
  a tuple over a binary column).
"""

from __future__ import annotations

import decimal
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class DecimalDecoder(json.JSONDecoder):
    """Numbers with a fraction become Decimals (a common choice for money in JSON)."""

    def __init__(self, **kwargs):
        super().__init__(parse_float=decimal.Decimal, **kwargs)


class StreamValue(list):
    """The Python value of :class:`StreamLikeField`: a list of blocks."""


class StreamLikeField(models.Field):
    """Mimics Wagtail's StreamField: it says it is a JSONField but is not one.

    ``get_internal_type()`` is "JSONField" (so the column is jsonb / json /
    text), and it has no ``encoder`` or ``decoder`` attributes.
    """

    def get_internal_type(self):
        return "JSONField"

    def from_db_value(self, value, expression, connection):
        return None if value is None else StreamValue(json.loads(value))

    def to_python(self, value):
        if isinstance(value, str):
            return StreamValue(json.loads(value))
        return value

    def get_prep_value(self, value):
        return None if value is None else json.dumps(list(value), cls=DjangoJSONEncoder)


class JsonNumbers(models.Model):
    document = models.JSONField(blank=True)
    nullable_document = models.JSONField(null=True, blank=True)


class JsonMoney(models.Model):
    money = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder, decoder=DecimalDecoder)


class StreamPage(models.Model):
    stream = StreamLikeField(null=True, blank=True)


class ChoiceList(list):
    """Like django-multiselectfield's MSFList: ``str()`` gives the labels, not the stored text."""

    def __init__(self, choices, values):
        self.choices = dict(choices)
        super().__init__(values)

    def __str__(self):
        return ", ".join(str(self.choices.get(value, value)) for value in self)


class MultiChoiceField(models.CharField):
    """Like django-multiselectfield's MultiSelectField: a CharField whose Python value is a list."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else self.to_python(value)

    def to_python(self, value):
        if value is None or isinstance(value, ChoiceList):
            return value
        if isinstance(value, str):
            return ChoiceList(self.choices, value.split(",") if value else [])
        return ChoiceList(self.choices, value)

    def get_prep_value(self, value):
        return None if value is None else ",".join(value)

    def validate(self, value, model_instance):
        pass  # the choices are checked item by item by the real field; not the point here


class Cents:
    """An amount of money held as a number of cents in an integer column."""

    def __init__(self, cents: int):
        self.cents = int(cents)

    def __eq__(self, other):
        return isinstance(other, Cents) and other.cents == self.cents

    def __str__(self):
        return f"EUR {self.cents / 100:.2f}"


class CentsField(models.Field):
    def get_internal_type(self):
        return "CentsField"

    def db_type(self, connection):
        return "bigint"

    def from_db_value(self, value, expression, connection):
        return None if value is None else Cents(value)

    def to_python(self, value):
        if value is None or isinstance(value, Cents):
            return value
        return Cents(value)

    def get_prep_value(self, value):
        return None if value is None else self.to_python(value).cents


class PackedField(models.Field):
    """A tuple of small integers packed into a binary column."""

    def get_internal_type(self):
        return "PackedField"

    def db_type(self, connection):
        return {"postgresql": "bytea", "mysql": "longblob"}.get(connection.vendor, "blob")

    def from_db_value(self, value, expression, connection):
        return None if value is None else tuple(bytes(value))

    def to_python(self, value):
        if value is None or isinstance(value, tuple):
            return value
        return tuple(bytes(value))

    def get_prep_value(self, value):
        return None if value is None else bytes(value)


class CustomValues(models.Model):
    choices = MultiChoiceField(max_length=100, blank=True, choices=[("r", "Red"), ("g", "Green"), ("b", "Blue")])
    nullable_choices = MultiChoiceField(max_length=100, null=True, blank=True, choices=[("x", "Ex")])
    price = CentsField(null=True, blank=True)
    packed = PackedField(null=True, blank=True)

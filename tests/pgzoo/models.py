"""PostgreSQL-only field types (the app is installed only with LM_DB=postgresql)."""

from django.contrib.postgres.fields import (
    ArrayField,
    DateRangeField,
    DateTimeRangeField,
    DecimalRangeField,
    HStoreField,
    IntegerRangeField,
)
from django.db import models


class PgArrays(models.Model):
    integers = ArrayField(models.IntegerField(), blank=True)
    texts = ArrayField(models.TextField(blank=True), null=True, blank=True)
    nested = ArrayField(ArrayField(models.IntegerField()), default=list, blank=True)
    nested_texts = ArrayField(ArrayField(models.CharField(max_length=50, blank=True)), null=True, blank=True)


class PgHStore(models.Model):
    data = HStoreField(blank=True)
    nullable_data = HStoreField(null=True, blank=True)


class PgRanges(models.Model):
    integer_range = IntegerRangeField(null=True, blank=True)
    decimal_range = DecimalRangeField(null=True, blank=True)
    date_time_range = DateTimeRangeField(null=True, blank=True)
    date_range = DateRangeField(null=True, blank=True)

"""Print, as JSON, every row of every table (JSON compared as documents) and every page as served."""

import datetime
import decimal
import json
import uuid

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, models
from django.test import Client
from wagtail.fields import StreamField


def plain(value):
    """A JSON-comparable value, the same for the same data on every database."""
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc)
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID, datetime.timedelta)):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def natural(ct_id, cache={}):
    if ct_id is None:
        return None
    from django.contrib.contenttypes.models import ContentType

    if ct_id not in cache:
        ct = ContentType.objects.get(pk=ct_id)
        cache[ct_id] = f"{ct.app_label}.{ct.model}"
    return cache[ct_id]


def field_value(f, obj):
    value = getattr(obj, f.attname)
    if isinstance(f, StreamField):
        return plain(json.loads(json.dumps(value.get_prep_value())))
    if f.is_relation and f.related_model is not None and f.related_model._meta.label == "contenttypes.ContentType":
        return natural(value)
    if f.is_relation and f.related_model is not None and f.related_model._meta.label == "auth.Permission":
        perm = f.related_model.objects.get(pk=value)
        return [natural(perm.content_type_id), perm.codename]
    if isinstance(value, str) and f.get_internal_type() == "JSONField":
        value = json.loads(value)
    return plain(value)


def rows():
    tables = {}
    existing = set(connection.introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table not in existing:
            continue
        fields = list(meta.local_concrete_fields)
        label = meta.label
        objects = model._base_manager.all()
        if label in ("contenttypes.ContentType", "auth.Permission"):
            fields = [f for f in fields if not f.primary_key]
        entries = [[field_value(f, obj) for f in fields] for obj in objects]
        entries.sort(key=lambda e: json.dumps(e, sort_keys=True))
        tables[label] = {"columns": [f.attname for f in fields], "rows": entries}
    return tables


def pages():
    from wagtail.models import Page

    client = Client()
    served = {}
    for page in Page.objects.order_by("path").specific():
        url = page.get_url()
        if not url:
            continue
        response = client.get(url)
        served[url] = [response.status_code, response.content.decode()]
    served["/no-such-page/"] = [client.get("/no-such-page/").status_code, ""]
    return served


class Command(BaseCommand):
    help = "Print the rows of every table and the pages as served, as one JSON document."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["rows", "pages"])

    def handle(self, *args, what, **options):
        self.stdout.write(json.dumps(rows() if what == "rows" else pages(), sort_keys=True, indent=1))

"""PostgreSQL: a dump's ``timestamptz`` values read by psycopg's C loader instead of Django's.

Django registers its own loader of ``timestamptz``: a subclass of psycopg's
pure-Python loader that parses each value with a regular expression and then
replaces its tzinfo with the connection's time zone, the largest single cost of
dumping a table with a datetime. With ``USE_TZ`` and the session's ``TimeZone``
the connection's own (Django sets it so), psycopg's C loader gives the same
instants in the same zone (only its tzinfo object is another one), and a dump
writes each as its UTC instant: the same bytes. Custom fields keep Django's
loader (their ``from_db_value`` gets exactly what the application gets).
"""

from __future__ import annotations

from typing import Any, Sequence

from django.conf import settings
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

from .codec import is_custom_field

__all__ = ["use_c_timestamptz_loader"]


def use_c_timestamptz_loader(cursor: Any, connection: BaseDatabaseWrapper, fields: Sequence[models.Field]) -> bool:
    """Register psycopg's C loader of ``timestamptz`` on this cursor where it gives the dump's values; whether it did."""
    if connection.vendor != "postgresql":
        return False
    try:
        from django.db.backends.postgresql.psycopg_any import BaseTzLoader
        from psycopg import adapters
        from psycopg.pq import Format
        from psycopg.types.datetime import TimestamptzLoader
    except ImportError:  # psycopg2
        return False
    if not settings.USE_TZ or connection.timezone is None or any(is_custom_field(f) for f in fields):
        return False
    psycopg_cursor = cursor.cursor  # under Django's CursorWrapper
    oid = adapters.types["timestamptz"].oid
    django_loader = psycopg_cursor.adapters.get_loader(oid, Format.TEXT)
    c_loader = adapters.get_loader(oid, Format.TEXT)
    if (
        not isinstance(django_loader, type)
        or not issubclass(django_loader, BaseTzLoader)
        or django_loader.load is not BaseTzLoader.load
        or django_loader.timezone != connection.timezone
        or issubclass(c_loader, TimestamptzLoader)  # the pure-Python one: nothing to gain
        or psycopg_cursor.connection.info.parameter_status("TimeZone") != connection.timezone_name
    ):
        return False
    psycopg_cursor.adapters.register_loader(oid, c_loader)
    return True

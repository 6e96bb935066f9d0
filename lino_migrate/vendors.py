"""Models whose columns depend on the database vendor, found before a restore changes anything.

Some apps define a model differently on each database: Wagtail's search
``IndexEntry`` has text columns on SQLite and MariaDB, ``tsvector`` columns on
PostgreSQL. A dump of one vendor cannot fill such a model on another: the
values mean something else. A dump records each field's internal type and its
column type on the source database (``DUMP["models"][label]["db_types"]``);
when the vendor differs, the app has the same version on both sides (so the
code is the same) and a field's type differs, the restore plan says so, with
the ``--exclude`` that leaves the model out.
"""

from __future__ import annotations

from typing import Iterable

from django.db.backends.base.base import BaseDatabaseWrapper

from .current import current_field
from .manifest import Manifest, ModelInfo
from .text import plural

__all__ = ["db_types", "vendor_problems"]


def db_types(fields: Iterable, connection: BaseDatabaseWrapper) -> dict[str, str | None]:
    """Each field's column type on ``connection``, by field name (recorded in the dump)."""
    return {f.name: f.db_type(connection) for f in fields}


def vendor_problems(
    manifest: Manifest, infos: Iterable[ModelInfo], installed: dict, connection: BaseDatabaseWrapper, routed: set[str],
) -> list[str]:
    """One problem per dumped model whose fields have another type here, on another vendor, at the same app version."""
    source_vendor = manifest.stamps.get("vendor")
    if not source_vendor or source_vendor == connection.vendor:
        return []
    problems = []
    for info in infos:
        app = manifest.apps.get(info.app_label)
        version = installed.get(info.app_label)
        if info.label in routed or app is None or (None if version is None else str(version)) != app.version:
            continue  # migrators, or another release of the app, may mean to change the types
        recorded = (manifest.stamps.get("models", {}).get(info.label) or {}).get("db_types") or {}
        differ = []
        for dumped in info.fields:
            f = current_field(info.label, dumped.name)
            if f is None or f.is_relation or dumped.type == f.get_internal_type():
                continue
            there, here = recorded.get(dumped.name), f.db_type(connection)
            if there is not None and there == here:
                continue
            differ.append(
                f"{dumped.name} is a {dumped.type}" + (f" ({there})" if there else "")
                + f" there and a {f.get_internal_type()} ({here}) here"
            )
        if differ:
            problems.append(
                f"{info.label}: the dump was written on {source_vendor} and this database is {connection.vendor}, "
                f"and {info.app_label} {app.version or '(unversioned)'} defines this model differently on each: "
                f"{'; '.join(differ)}. Its {plural(info.rows, 'row')} cannot be restored here. Leave it out with "
                f"--exclude {info.label}, and rebuild them afterwards if they are derived data (a search index: "
                f"the app's own command, such as Wagtail's update_index)."
            )
    return problems

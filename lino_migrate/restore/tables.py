"""Which tables a restore empties and which it leaves to the database, and emptying them.

A complete dump replaces every managed table; a partial one only those its
rows go to (``RestorePlan.tables_to_clear``). Virtual tables and views
(``derived.py``) are the database's to fill: their dumped rows, if any, are
skipped with a notice.
"""

from __future__ import annotations

from typing import IO, Any

from django.db import DatabaseError, models, transaction

from ..manifest import Manifest
from ..plan import RestorePlan
from ..text import plural

__all__ = ["TableEraser", "skipped_models"]


class TableEraser:
    """Empties each table once per restore, inside the restore's transaction."""

    def __init__(self, connection: Any):
        self.connection = connection
        #: the tables emptied so far
        self.cleared: set[str] = set()

    def clear_all(self, plan: RestorePlan, manifest: Manifest, derived: dict[str, str]) -> None:
        """Empty the tables the dump replaces (``derived``: table -> what it is, left alone)."""
        models_ = [
            m for m in plan.tables_to_clear(manifest)
            if m._meta.db_table not in derived and m._meta.can_migrate(self.connection)
        ]
        if self.connection.vendor == "postgresql" and manifest.complete:
            self._truncate(models_)
        for model in models_:
            self.clear(model)

    def clear(self, model: type[models.Model]) -> None:
        """Delete every row of ``model``'s table, unless done already."""
        table = model._meta.db_table
        if table in self.cleared:
            return
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.connection.ops.quote_name(table)}")
        self.cleared.add(table)

    def _truncate(self, models_: list[type[models.Model]]) -> None:
        """PostgreSQL: empty all tables in one TRUNCATE (transactional there), far faster than DELETE.

        Without CASCADE: where another table refers to one of these, PostgreSQL
        refuses and the tables are emptied with DELETE instead.
        """
        tables = sorted({model._meta.db_table for model in models_})
        if not tables:
            return
        quote = self.connection.ops.quote_name
        try:
            with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
                cursor.execute("TRUNCATE " + ", ".join(quote(table) for table in tables))
        except DatabaseError:
            return
        self.cleared.update(tables)


def skipped_models(
    plan: RestorePlan, derived: dict[str, str], connection: Any, stderr: IO[str], verbosity: int
) -> dict[str, str]:
    """Dumped models whose table here is a virtual table or a view: their rows are the database's to make.

    Asked after migrate (the tables exist then). A dump of today has no rows
    for them (``DUMP["derived"]``); an older one, or one from another
    database, may have: they are skipped, with a notice.
    """
    skipped = {}
    for source in plan.sources:
        if source.target is None:
            continue
        meta = source.target.model._meta
        if meta.db_table in derived:
            skipped[source.label] = derived[meta.db_table]
            if verbosity >= 1 and source.info.rows:
                stderr.write(
                    f"Notice: {source.label}: its {plural(source.info.rows, 'dumped row')} {'is' if source.info.rows == 1 else 'are'} not restored; its table is "
                    f"{skipped[source.label]}.\n"
                )
        elif not meta.can_migrate(connection):
            skipped[source.label] = "a table this database cannot have"  # with no rows: the plan refuses others
    return skipped

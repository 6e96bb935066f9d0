"""After the rows: each sequence continues after the restored rows, or at the dump's next id.

``DUMP['next_ids']`` records, per dumped model, the id its table would have
given next; a restore never reuses the ids of rows deleted before the dump.
The sequences of a failed restore are put back by ``SequenceGuard``
(``sequences.py``): they do not roll back with the transaction.
"""

from __future__ import annotations

from typing import IO, Any

from django.core.management.color import no_style
from django.db import DatabaseError, models

from ..manifest import Manifest
from ..plan import RestorePlan
from ..sequences import SequenceGuard, has_sequence, set_next_ids, sets_next_ids_after_commit

__all__ = ["reset_sequences", "set_next_ids_after_commit", "put_back_sequences", "recorded_next_ids"]


Loaded = dict[str, type[models.Model]]  # lower-cased label -> the model whose table took rows


def reset_sequences(connection: Any, manifest: Manifest, plan: RestorePlan, loaded: Loaded) -> None:
    """Move every sequence past the restored rows, then to the recorded next ids (where they can be set now)."""
    models_ = list(loaded.values())
    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    if not sets_next_ids_after_commit(connection):
        set_next_ids(connection, recorded_next_ids(manifest, plan, loaded))


def set_next_ids_after_commit(connection: Any, manifest: Manifest, plan: RestorePlan, loaded: Loaded, stderr: IO[str]) -> None:
    """MariaDB: ALTER TABLE ... AUTO_INCREMENT commits, so it runs after the restore's commit."""
    try:
        set_next_ids(connection, recorded_next_ids(manifest, plan, loaded))
    except DatabaseError as exc:
        stderr.write(
            f"Warning: the rows are restored, but the next ids recorded in the dump could not be set ({exc}); "
            f"new rows get ids after the highest restored one.\n"
        )


def put_back_sequences(guard: SequenceGuard, stderr: IO[str]) -> None:
    failed = guard.put_back()
    if failed:
        stderr.write(
            "Warning: these sequences could not be put back as they were before the restore: "
            + ", ".join(failed) + ". Reset them by hand (manage.py sqlsequencereset).\n"
        )


def recorded_next_ids(manifest: Manifest, plan: RestorePlan, loaded: Loaded) -> dict[type[models.Model], int]:
    """Current model -> the next id the dump recorded for the dumped model(s) whose rows it took."""
    renames = plan.pipeline.model_renames()
    next_ids: dict[type[models.Model], int] = {}
    for source in plan.sources:
        recorded = manifest.next_ids.get(source.label)
        if recorded is None:
            continue  # an older dump, or a model without a sequence: max(pk) + 1
        if source.routed:
            app_label, _, name = source.label.lower().partition(".")
            model = loaded.get(".".join(renames.get((app_label, name), (app_label, name))))
        else:
            model = loaded.get(source.target.label.lower()) if source.target else None
        if model is not None and has_sequence(model):
            next_ids[model] = max(recorded, next_ids.get(model, 0))
    return next_ids

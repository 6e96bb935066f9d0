"""Send each decoded row to the model that takes it: directly, or through the migrators.

A dumped model the migrators do not touch maps its columns onto the fields of
one current model (a field added since the dump gets its default). The rows of
the others travel as ``Row`` mappings through the migrators' pipeline; what
comes out names its model, and goes in through ``MigratorRows``.

``Targets`` makes the target of a model when its first row arrives. The models
come from ``schema`` (an app registry: today the live one), so that another
schema can be routed into without touching the inserter.
"""

from __future__ import annotations

from typing import Any, Callable, Protocol

from django.apps.registry import Apps
from django.db import models

from ..errors import RestoreError
from ..problems import Problems
from ..migrators.row import Row
from ..naturalkeys import NaturalKeyResolver, drops_links_to_removed_models, ensure_natural_row
from ..plan import SourcePlan, TargetPlan, target_plan
from .coerce import RowCoercer
from .insert import BulkInserter

__all__ = ["Target", "Targets", "InsertOptions", "direct", "route"]

Deliver = Callable[[list | None, str], None]


class InsertOptions:
    """How every inserter of a restore checks its rows, and where it collects what does not fit."""

    def __init__(self, problems: Problems, *, quick: bool = False, validate: bool = False):
        self.problems = problems
        self.quick = quick
        self.validate = validate


class _Writer(Protocol):
    count: int

    def add(self, values: list, origin: str) -> None: ...

    def flush(self) -> None: ...


class _NaturalKeyRows:
    """ContentType and Permission rows: found here by natural key (or created), never inserted by id."""

    def __init__(self, plan: TargetPlan, resolver: NaturalKeyResolver, using: str):
        self.label = plan.label
        self.names = [f.name for f in plan.fields]
        self.resolver = resolver
        self.using = using
        self.count = 0

    def add(self, values: list, origin: str) -> None:
        # At once: later rows refer to them, by their names. None: of a model the code does not have.
        if ensure_natural_row(self.resolver, self.label, dict(zip(self.names, values)), self.using) is not None:
            self.count += 1

    def flush(self) -> None:
        pass


class Target:
    """A current model that receives rows: as decoded values, or as rows of the migrators."""

    def __init__(self, plan: TargetPlan, writer: _Writer, make_coercer: Callable[[], RowCoercer]):
        self.plan = plan
        self.model = plan.model
        self.label = plan.label
        self.fields = plan.fields
        self.writer = writer
        self._make_coercer = make_coercer
        self._coercer: RowCoercer | None = None

    @property
    def count(self) -> int:
        return self.writer.count

    @property
    def coercer(self) -> RowCoercer:
        """Made for the first row out of the migrators: most targets never get one."""
        if self._coercer is None:
            self._coercer = self._make_coercer()
        return self._coercer

    def add(self, values: list, origin: str) -> None:
        self.writer.add(values, origin)

    def add_row(self, row: Row) -> None:
        """A row that came out of the migrators, checked field by field."""
        self.writer.add(self.coercer.values(row), row.origin)

    def flush(self) -> None:
        self.writer.flush()


class Targets:
    """The targets of a restore, made when their first row arrives.

    ``clear_table`` empties a model's table before its first row (once per
    restore); ``schema`` gives the models by label.
    """

    def __init__(
        self,
        connection: Any,
        resolver: NaturalKeyResolver,
        options: InsertOptions,
        clear_table: Callable[[type[models.Model]], None],
        *,
        schema: Apps,
        state: Any,
    ):
        self.connection = connection
        self.resolver = resolver
        self.options = options
        self.clear_table = clear_table
        self.schema = schema
        self.state = state
        self.by_label: dict[str, Target] = {}

    def get(self, plan: TargetPlan) -> Target:
        key = plan.label.lower()
        if key not in self.by_label:
            self.by_label[key] = self._make(plan)
        return self.by_label[key]

    def for_label(self, label: str, row: Row) -> Target:
        """The target of a row that came out of the migrators as model ``label``."""
        key = label.lower()
        if key not in self.by_label:
            try:
                model = self.schema.get_model(label)
            except (LookupError, ValueError):
                raise RestoreError(
                    f"{row.describe_source()}: the row comes out as model {label!r}, which the current code "
                    f"does not have. Nothing was restored."
                ) from None
            state = self.state.get(label)
            present = set(state.fields) if state and not state.dynamic else None
            self.by_label[key] = self._make(target_plan(model, present))
        return self.by_label[key]

    def parent_target(self, model: type[models.Model]) -> Target:
        """The target of a parent table that child rows write to; not emptied (its rows may be kept)."""
        key = model._meta.label.lower()
        if key not in self.by_label:
            self.by_label[key] = self._target(target_plan(model))
        return self.by_label[key]

    def flush(self) -> None:
        for target in list(self.by_label.values()):
            target.flush()

    def loaded(self) -> dict[str, type[models.Model]]:
        """Lower-cased label -> model, of every target whose table takes rows by id (not by natural key)."""
        return {key: target.model for key, target in self.by_label.items() if not target.plan.natural_key}

    def _make(self, plan: TargetPlan) -> Target:
        if not plan.natural_key:
            # A model that only the migrators' rows fill may not be among the
            # tables a partial dump empties: empty it before its first row.
            self.clear_table(plan.model)
        return self._target(plan)

    def _target(self, plan: TargetPlan) -> Target:
        writer: _Writer
        raw: set[str] | None = None  # the inserter's raw: fields, so that the coercer need not ask again
        if plan.natural_key:
            writer = _NaturalKeyRows(plan, self.resolver, self.connection.alias)
        else:
            options = self.options
            writer = BulkInserter(self.connection, plan, options.problems, quick=options.quick, validate=options.validate)
            raw = writer.raw
        connection, resolver = self.connection, self.resolver
        return Target(plan, writer, lambda: RowCoercer(plan.model, plan.fields, connection, resolver, raw))


def route(source: SourcePlan, targets: Targets, pipeline: Any, migrator_rows: Any) -> Deliver:
    """The function that takes each decoded row of ``source`` (its values and origin) where it goes."""
    if source.routed:
        label = source.label
        attnames = [f.attname for f in source.info.fields]

        def through_migrators(values: list | None, origin: str) -> None:
            if values is None:  # a link to a model the current code does not have (decode.py)
                return
            row = Row(label, zip(attnames, values))
            row.origin = origin
            for out in pipeline.run(row):
                migrator_rows.add(out)

        return through_migrators
    target = targets.get(source.target)
    return direct(source, target.plan, target.writer.add)  # not target.add: one call less for every row


def direct(source: SourcePlan, plan: TargetPlan, add: Callable[[list, str], None]) -> Deliver:
    """The function that takes each decoded row of a source the migrators do not touch to ``add``, a writer of ``plan``."""
    mapping = source.mapping
    if mapping == list(range(len(source.info.fields))) and not drops_links_to_removed_models(plan.model):
        return add  # the dumped columns are the target's fields, in order, and no row is left out: as it is
    defaults = [None if index is not None else f for f, index in zip(plan.fields, mapping)]

    def mapped(values: list | None, origin: str) -> None:
        if values is None:  # a link to a model the current code does not have (decode.py)
            return
        add([values[i] if i is not None else d.get_default() for i, d in zip(mapping, defaults)], origin)

    return mapped

"""Match what a dump holds against the current code, through the migrators.

Everything that can be found wrong without touching the database is found
here, all at once, so that one error message lists every problem and the
operation that would fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from django.apps import apps
from django.apps.registry import Apps
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from packaging.version import InvalidVersion, Version

from .codec import Codec, codec_by_name
from .current import current_columns, current_field, current_model
from .fixes import fix_prefix, not_null_problem
from .generated import is_generated
from .history import AppRoute, ReplayPlan, choose_routes, replay_allowed, replay_problems, route_problem
from .manifest import Manifest, ModelInfo
from .migrators.loader import AppChain, build_chains
from .migrators.pipeline import Pipeline
from .migrators.state import ModelState, SchemaState
from .naturalkeys import NATURAL_KEY_MODELS
from .selection import dumpable_models, dumped_label_matches, dumped_owner
from .vendors import vendor_problems
from .versions import installed_versions

__all__ = [
    "RestorePlan",
    "SourcePlan",
    "TargetPlan",
    "build_plan",
    "target_plan",
]


@dataclass
class TargetPlan:
    """A model of the current code that receives rows."""

    model: type[models.Model]
    #: The fields given in each INSERT, in order.
    fields: list[models.Field]
    natural_key: bool = False

    @property
    def label(self) -> str:
        return self.model._meta.label


@dataclass
class SourcePlan:
    """A dumped model: how its rows are decoded and where they go."""

    info: ModelInfo
    codecs: list[Codec]
    #: True when migrators change its rows: they travel as ``Row`` mappings.
    routed: bool
    #: Where its rows go when they are not routed.
    target: TargetPlan | None = None
    #: For each field of ``target``: the index of the dumped column, or None for the field's default.
    mapping: list[int | None] = field(default_factory=list)
    #: Routed sources: the models its rows become, as far as the static plan knows.
    destinations: list[str] = field(default_factory=list)
    #: Replayed: the app's last recorded migration; ``target`` is the historical model of that state.
    replayed_at: str | None = None

    @property
    def label(self) -> str:
        return self.info.label

    def describe(self) -> str:
        if self.routed:
            if not self.destinations:
                return f"{self.label}: {self.info.rows} rows dropped by the migrators"
            return f"{self.label}: {self.info.rows} rows through the migrators into {', '.join(self.destinations)}"
        if self.target is None:
            return f"{self.label}: {self.info.rows} rows, no model to take them (see the problems)"
        text = f"{self.label}: {self.info.rows} rows into {self.target.label}"
        if self.replayed_at:
            text += f" as of {self.replayed_at}, then migrated forward"
        defaults = [f.name for f, index in zip(self.target.fields, self.mapping) if index is None]
        if defaults:
            text += " (defaults for " + ", ".join(defaults) + ")"
        return text


@dataclass
class RestorePlan:
    sources: list[SourcePlan]
    chains: list[AppChain]
    pipeline: Pipeline
    problems: list[str]
    state: SchemaState
    #: per dumped app: migrators, replay, as is (or direct)
    routes: list[AppRoute] = field(default_factory=list)
    #: the replay of Django's migrations, when some app takes that route
    replay: ReplayPlan | None = None

    @property
    def migrators(self):
        return [migrator for chain in self.chains for migrator in chain.migrators]

    def tables_to_clear(self, manifest: Manifest) -> list[type[models.Model]]:
        """The tables emptied before the rows are inserted.

        A complete dump replaces every managed table; a partial one (dumped with
        app labels or --exclude) only the tables its rows go to. ContentType and
        Permission rows are never deleted (they are matched by natural key).
        """
        if manifest.complete:
            chosen = dumpable_models()
        else:
            labels = {s.target.label for s in self.sources if s.target is not None}
            labels |= {state.label for state in self.state.models.values()}
            chosen = [m for m in dumpable_models() if m._meta.label in labels]
        replayed = set(self.replay.recorded) if self.replay else set()
        return [
            model for model in chosen
            if model._meta.label not in NATURAL_KEY_MODELS and model._meta.app_label not in replayed
        ]


def build_plan(
    manifest: Manifest, exclude: Sequence[str] = (), connection: BaseDatabaseWrapper | None = None,
    *, no_replay: bool = False, assume_versions: Mapping[str, str] | None = None,
) -> RestorePlan:
    """Match ``manifest`` with the code; ``assume_versions`` gives apps the dump has no version of one."""
    problems: list[str] = []
    connection = connection or connections[DEFAULT_DB_ALIAS]
    owners = {label: dumped_owner(label, manifest.models[label].owner if label in manifest.models else None)
              for label in manifest.selected}
    left_out = [label for label in manifest.selected if any(dumped_label_matches(label, spec, owners[label]) for spec in exclude)]
    for spec in exclude:
        if not any(dumped_label_matches(label, spec, owners[label]) for label in manifest.selected):
            problems.append(f"--exclude {spec}: the dump has no such app or model (it has {', '.join(sorted(manifest.apps)) or 'none'}).")
    selected = [label for label in manifest.selected if label not in left_out]
    for label in selected:
        if label in manifest.missing:
            problems.append(
                f"{label}: its table could not be read when the dump was made ({manifest.missing[label]}); "
                f"the dump has no rows for it. Leave it out with --exclude {label}."
            )
    infos = [manifest.models[label] for label in selected if label not in manifest.missing]

    dumped_apps = {info.app_label for info in infos}
    installed = installed_versions()
    dumped_versions = {label: app.version for label, app in manifest.apps.items() if label in dumped_apps}
    problems += _assume_versions(manifest, assume_versions or {}, dumped_versions)
    chains, chain_problems = build_chains(dumped_versions, installed)
    problems += chain_problems
    installed_labels = [config.label for config in apps.get_app_configs()]
    routes, replay = choose_routes(
        {label: manifest.apps[label] for label in installed_labels if label in dumped_apps and label in manifest.apps},
        # Apps with migrators take them; so do those whose chain could not be built (the problem says why).
        [chain.app_label for chain in chains if chain.migrators] + sorted(dumped_apps - {c.app_label for c in chains}),
        lambda label: replay_allowed(label, no_replay),
    )
    problems += [route_problem(route, manifest) for route in routes if route.problem]
    if replay is not None:
        problems += replay_problems(replay, selected, manifest, connection)
    schemas: dict[str, Apps] = {label: replay.schema for label in replay.recorded} if replay else {}
    pipeline = Pipeline([op for chain in chains for migrator in chain.migrators for op in migrator.operations])

    state = SchemaState()
    for info in infos:
        state.add_dumped_model(info.label, {f.name: f.attname for f in info.fields})
    pipeline.state_forwards(state)
    problems += state.problems

    sources = []
    for info in infos:
        codecs = []
        for dumped in info.fields:
            try:
                codecs.append(codec_by_name(dumped.codec, current_field(info.label, dumped.name, schemas.get(info.app_label))))
            except ValueError as exc:
                problems.append(f"{info.label}.{dumped.name}: {exc}")
        routed = pipeline.touches(info.label) and not info.natural_key
        replayed_at = manifest.apps[info.app_label].migrations[-1] if info.app_label in schemas else None
        source = SourcePlan(info, codecs, routed, replayed_at=replayed_at)
        if not routed:
            _plan_direct(source, problems, chains, schemas.get(info.app_label))
        sources.append(source)
    for source in sources:
        if source.routed:
            source.destinations = sorted(
                model_state.label for model_state in state.models.values() if source.label in model_state.sources
            )
    problems += vendor_problems(
        manifest, infos, installed, connection, {s.label for s in sources if s.routed or s.info.app_label in schemas}
    )
    problems += _tables_this_database_lacks(sources, connection)
    routed_labels = {s.label.lower() for s in sources if s.routed}
    for key, model_state in state.models.items():
        if any(src.lower() in routed_labels for src in model_state.sources):
            _check_state(model_state, problems, chains)
    return RestorePlan(sources, chains, pipeline, problems, state, routes, replay)


def _assume_versions(manifest: Manifest, assumed: Mapping[str, str], dumped_versions: dict[str, str | None]) -> list[str]:
    """``--assume-version APP=VERSION``: the version an unversioned app had when the dump was written."""
    problems = []
    for label, version in assumed.items():
        recorded = manifest.apps.get(label)
        if recorded is None or label not in dumped_versions:
            problems.append(f"--assume-version {label}={version}: the dump has no rows of an app {label!r}.")
        elif recorded.version is not None:
            problems.append(
                f"--assume-version {label}={version}: the dump records {label} {recorded.version}; "
                f"--assume-version is only for an app the dump records no version of."
            )
        else:
            try:
                dumped_versions[label] = str(Version(version))
            except InvalidVersion:
                problems.append(f"--assume-version {label}={version}: {version!r} is not a PEP 440 version such as '1.0'.")
    return problems


def _tables_this_database_lacks(sources: list[SourcePlan], connection: BaseDatabaseWrapper) -> list[str]:
    """Dumped rows of a model whose table this database cannot have (``required_db_features``, as migrate skips it)."""
    problems = []
    for source in sources:
        if source.target is not None and source.info.rows and not source.target.model._meta.can_migrate(connection):
            problems.append(
                f"{source.label}: the dump has {source.info.rows} rows of it, but this database ({connection.vendor}) "
                f"cannot have its table (the model's required_db_features), so migrate did not make one. "
                f"Leave it out with --exclude {source.label}."
            )
    return problems


def target_plan(model: type[models.Model], present: set[str] | None = None) -> TargetPlan:
    """The INSERT of a model: its local columns, less those only the database fills (db_default, generated)."""
    natural = model._meta.label in NATURAL_KEY_MODELS
    fields = [
        f for f in model._meta.local_concrete_fields
        if not (natural and f.primary_key) and not is_generated(f)
        and (present is None or f.name in present or f.attname in present or f.has_default() or not _has_db_default(f))
    ]
    return TargetPlan(model, fields, natural)


def _plan_direct(source: SourcePlan, problems: list[str], chains: list[AppChain], schema: Apps | None = None) -> None:
    """Map the dumped columns onto a model: of the current code, or of ``schema`` (historical, for replay)."""
    info = source.info
    model = current_model(info.label, schema)
    if model is None and info.app_label not in {config.label for config in apps.get_app_configs()}:
        problems.append(
            f"{info.label}: the app {info.app_label!r} is not installed (the dump has {info.rows} rows of this model). "
            f"Leave it out with --exclude {info.app_label}, or install the app."
        )
        return
    if model is None:
        problems.append(
            f"{info.label}: no such model in the current code (the dump has {info.rows} rows of it). "
            f"{fix_prefix(info.app_label, chains)}migrators.RenameModel({info.label.split('.')[1]!r}, 'NewName') or "
            f"migrators.RemoveModel({info.label.split('.')[1]!r}); or leave it out with --exclude {info.label}."
        )
        return
    current = current_columns(model._meta.label, schema)
    renamed = _likely_renames(info, current)
    model_name = info.label.split(".")[1]
    dumped_index = {}
    for index, dumped in enumerate(info.fields):
        if dumped.name not in current:
            fix = fix_prefix(info.app_label, chains, info.label)
            if dumped.name in renamed:  # following the two problems apart would drop the values
                new = renamed[dumped.name]
                problems.append(
                    f"{info.label}.{dumped.name}: no such field in the current code (dumped as column {dumped.column!r}, "
                    f"{dumped.type}); the current model has a new {dumped.type} {new!r}, so it looks renamed. "
                    f"{fix}migrators.RenameField({model_name!r}, {dumped.name!r}, {new!r}); if it was dropped "
                    f"instead, migrators.RemoveField({model_name!r}, {dumped.name!r})."
                )
                continue
            problems.append(
                f"{info.label}.{dumped.name}: no such field in the current code (dumped as column {dumped.column!r}, "
                f"{dumped.type}). {fix}migrators.RenameField({model_name!r}, "
                f"{dumped.name!r}, 'new_name') or migrators.RemoveField({model_name!r}, {dumped.name!r})."
            )
            continue
        dumped_index[dumped.name] = index
    source.target = target_plan(model, set(dumped_index))
    for f in source.target.fields:
        if f.name in dumped_index:
            source.mapping.append(dumped_index[f.name])
            continue
        source.mapping.append(None)
        if not (f.has_default() or f.null or _has_db_default(f)) and f.name not in renamed.values():
            problems.append(not_null_problem(info.label, f, chains))


def _likely_renames(info: ModelInfo, current: dict[str, models.Field]) -> dict[str, str]:
    """Dumped field -> the one new field of its type, where each side has exactly one candidate (as makemigrator guesses)."""
    removed = [dumped for dumped in info.fields if dumped.name not in current]
    dumped_names = {dumped.name for dumped in info.fields}
    added = [f for name, f in current.items() if name not in dumped_names and not is_generated(f)]
    pairs = {}
    for dumped in removed:
        same = [f for f in added if f.get_internal_type() == dumped.type]
        if len(same) > 1:  # the one that needs a value is the likelier new name
            same = [f for f in same if not (f.has_default() or f.null or _has_db_default(f))]
        if len(same) == 1 and [r.type for r in removed].count(dumped.type) == 1:
            pairs[dumped.name] = same[0].name
    return pairs


def _check_state(state: ModelState, problems: list[str], chains: list[AppChain]) -> None:
    """Check what the migrators make of a model against the current code."""
    model = current_model(state.label)
    if state.dynamic:
        return  # RunPython decides at run time: every row is checked as it comes out
    app_label = state.label.partition(".")[0]
    if model is None:
        problems.append(
            f"{state.label}: after the migrators, the dumped rows still have this model, which the current code "
            f"does not. {fix_prefix(app_label, chains, state.label)}migrators.RenameModel or migrators.RemoveModel."
        )
        return
    current = current_columns(model._meta.label)
    for name in state.fields:
        if name not in current:
            problems.append(
                f"{state.label}.{name}: after the migrators, the dumped rows still have this field, which the "
                f"current code does not. {fix_prefix(app_label, chains, state.label)}migrators.RenameField or migrators.RemoveField."
            )
    for name, f in current.items():
        if name not in state.fields and f.attname not in state.fields.values() and not is_generated(f):
            if not (f.has_default() or f.null or _has_db_default(f) or (f.primary_key and state.label in NATURAL_KEY_MODELS)):
                problems.append(not_null_problem(state.label, f, chains))


def _has_db_default(f: models.Field) -> bool:
    return getattr(f, "db_default", models.NOT_PROVIDED) is not models.NOT_PROVIDED

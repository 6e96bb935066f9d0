"""Which way each dumped app's rows take: its migrators, a replay of Django's migrations, or as they are.

Every dump records, per app, the Django migrations that were applied. Against
the current code's migration graph that record decides the app's route:

- **migrators**: a lino-migrate migrator chain covers the dumped -> installed
  version (an explicit migrator always wins);
- **replay**: every recorded migration is in the graph (directly, or through a
  squashed migration whose replaced migrations were all applied), and some are
  not yet applied: the rows load into the app's tables as they were at the
  recorded state, then Django's own migrations carry them forward;
- **as is**: the recorded state is the current one: rows load directly.

Otherwise the app is refused, naming the migrations the code lacks. Nothing
here touches the database: the graph is read with ``MigrationLoader(None)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from django.apps.registry import Apps
from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RenameModel
from django.db.migrations.operations.special import RunPython

from .manifest import AppInfo, Manifest

__all__ = [
    "AppRoute", "Node", "ReplayPlan", "choose_routes", "migration_order", "replay_allowed", "replay_problems", "replays_on",
    "route_problem",
]

Node = tuple[str, str]


@dataclass(frozen=True)
class AppRoute:
    """The way one dumped app's rows take into the current code."""

    app_label: str
    #: "migrators", "replay", "as is", or "direct" (replay turned off: rows as they are into the current schema)
    kind: str
    #: replay: the migrations that run after the rows are in, in order (app label, name)
    migrations: tuple[Node, ...] = ()
    run_python: int = 0
    #: why the app cannot take any route (the plan refuses the restore)
    problem: str | None = None
    #: its rows load after the replayed migrations (its own migrations depend on them)
    after_replay: bool = False

    def describe(self) -> str:
        return f"{self.app_label}: {self.summary()}"

    def summary(self) -> str:
        """The route without the app's label: ``replay 0002_x (1 migration)``, ``as is``, ..."""
        if self.problem:
            return f"refused ({self.problem})"
        if self.kind == "replay":
            names = ", ".join(name if app == self.app_label else f"{app}.{name}" for app, name in self.migrations)
            count = f"{len(self.migrations)} migration{'s' if len(self.migrations) != 1 else ''}"
            extra = f", {self.run_python} RunPython" if self.run_python else ""
            return f"replay {names} ({count}{extra})"
        after = ", rows loaded after the replay" if self.after_replay else ""
        if self.kind == "direct":
            return f"as they are into the current schema (replay turned off){after}"
        return f"{self.kind}{after}"


@dataclass
class ReplayPlan:
    """What a restore that replays needs: the recorded state, the historical models, the work after the load."""

    #: replayed app -> its recorded migration nodes (squashes resolved)
    recorded: dict[str, set[Node]]
    #: every migration that runs after the load, in the order of the graph
    forward: list[Node]
    #: the historical models of the replayed apps at the recorded state
    schema: Apps
    #: apps whose rows load only after the forward migrations (they depend on migrations that run there)
    after_replay: set[str] = field(default_factory=set)
    #: (app label, model name) renamed by the forward migrations: before -> after (lower case)
    model_renames: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    @property
    def apps(self) -> list[str]:
        return sorted(self.recorded)


def replay_allowed(app_label: str, no_replay: bool = False) -> bool:
    """Replay unless turned off for this restore (``--no-replay``) or in ``settings.LINO_MIGRATE_REPLAY``.

    The setting is ``True`` (the default), ``False``, or a mapping of app label
    to ``True``/``False`` (apps it does not name replay).
    """
    if no_replay:
        return False
    configured = getattr(settings, "LINO_MIGRATE_REPLAY", True)
    if isinstance(configured, Mapping):
        return bool(configured.get(app_label, True))
    return bool(configured)


def choose_routes(
    dumped: Mapping[str, AppInfo],
    with_migrators: Iterable[str],
    allowed: Callable[[str], bool],
    loader: MigrationLoader | None = None,
) -> tuple[list[AppRoute], ReplayPlan | None]:
    """The route of each app in ``dumped`` (installed apps only), and the replay they need, if any."""
    loader = loader or MigrationLoader(None, ignore_no_migrations=True)
    with_migrators = set(with_migrators)
    routes: list[AppRoute] = []
    recorded_by_app: dict[str, set[Node]] = {}
    for label, info in dumped.items():
        if label in with_migrators:
            routes.append(AppRoute(label, "migrators"))
            continue
        if label not in loader.migrated_apps:
            routes.append(AppRoute(label, "as is"))  # no migrations: its tables are made from the models
            continue
        recorded, problem = _recorded_nodes(loader, label, info.migrations)
        current = {node for node in loader.graph.nodes if node[0] == label}
        if problem is None and recorded == current:
            routes.append(AppRoute(label, "as is"))
        elif not allowed(label):
            routes.append(AppRoute(label, "direct"))
        elif problem is not None:
            routes.append(AppRoute(label, "replay", problem=problem))
        elif not recorded:
            # Dumped before the app had migrations (its tables came from the models): nothing to replay from.
            routes.append(AppRoute(label, "direct"))
        else:
            recorded_by_app[label] = recorded
            routes.append(AppRoute(label, "replay"))
    if not recorded_by_app:
        return routes, None
    replay = _replay_plan(loader, recorded_by_app, {r.app_label for r in routes if r.kind != "replay"})
    routes = [_with_migrations(route, replay, loader) for route in routes]
    return routes, replay


def _recorded_nodes(loader: MigrationLoader, label: str, names: list[str]) -> tuple[set[Node], str | None]:
    """The recorded migrations as nodes of the current graph (a squash stands for all it replaces)."""
    recorded = {(label, name) for name in names}
    for key, migration in loader.replacements.items():
        replaced = {tuple(node) for node in migration.replaces}
        if key[0] != label or not replaced & recorded:
            continue
        if replaced <= recorded:
            recorded = (recorded - replaced) | {key}
        else:
            applied = sorted(name for _, name in replaced & recorded)
            return recorded, (
                f"the dump records only some of the migrations squashed into {key[1]} "
                f"({', '.join(applied)} of {len(replaced)}): Django cannot migrate from such a state"
            )
    missing = sorted(name for node in recorded if node not in loader.graph.nodes for name in [node[1]])
    if missing:
        return recorded, (
            f"the dump records migrations the current code does not have: {', '.join(missing)} "
            f"(a newer release of {label}, or migrations reset or squashed away)"
        )
    return recorded, None


def _replay_plan(loader: MigrationLoader, recorded: dict[str, set[Node]], others: set[str]) -> ReplayPlan:
    graph = loader.graph
    at_dump = set().union(*recorded.values())
    future = {node for node in graph.nodes if node[0] in recorded and node not in at_dump}
    # Everything that depends on a migration still to run comes after it in the forward plan.
    later = set(future)
    pending = list(future)
    while pending:
        for child in graph.node_map[pending.pop()].children:
            if child.key not in later:
                later.add(child.key)
                pending.append(child.key)
    order = migration_order(loader)
    forward = [node for node in order if node in later]
    after = {app for app, _ in later if app in others}
    state = loader.project_state(sorted(at_dump), at_end=True)
    return ReplayPlan(recorded, forward, state.apps, after, _model_renames(loader, forward, set(recorded)))


def _model_renames(loader: MigrationLoader, forward: list[Node], replayed: set[str]) -> dict[tuple[str, str], tuple[str, str]]:
    """The models the forward migrations rename, first name -> last (ContentType rows follow them)."""
    renames: dict[tuple[str, str], tuple[str, str]] = {}
    for app_label, name in forward:
        if app_label not in replayed:
            continue
        for operation in loader.graph.nodes[app_label, name].operations:
            if isinstance(operation, RenameModel):
                old, new = (app_label, operation.old_name_lower), (app_label, operation.new_name_lower)
                renames = {key: new if value == old else value for key, value in renames.items()}
                renames[old] = new
    return renames


def migration_order(loader: MigrationLoader) -> list[Node]:
    """Every node of the graph, in the order ``migrate`` from an empty database applies them.

    The same as ``MigrationExecutor.migration_plan(leaf_nodes, clean_start=True)``,
    read off a loader alone: the plan must not touch a database, the replay
    reads the graph of its connection's loader.
    """
    order: list[Node] = []
    seen: set[Node] = set()
    for leaf in sorted(loader.graph.leaf_nodes()):
        for node in loader.graph.forwards_plan(leaf):
            if node not in seen:
                seen.add(node)
                order.append(node)
    return order


def _with_migrations(route: AppRoute, replay: ReplayPlan, loader: MigrationLoader) -> AppRoute:
    if route.app_label in replay.after_replay:
        return AppRoute(route.app_label, route.kind, after_replay=True)
    if route.kind != "replay" or route.problem:
        return route
    nodes = tuple(node for node in replay.forward if node[0] == route.app_label)
    run_python = sum(
        1 for node in nodes for op in loader.graph.nodes[node].operations if isinstance(op, RunPython)
    )
    return AppRoute(route.app_label, "replay", nodes, run_python)


def route_problem(route: AppRoute, manifest: Manifest) -> str:
    """The problem of an app that cannot replay, with the ways out."""
    label = route.app_label
    return (
        f"App {label!r}: its rows cannot be replayed through Django's migrations: {route.problem}. "
        f"Write a migrator for {label} (manage.py makemigrator {label} --dump {manifest.directory}), leave it out "
        f"with --exclude {label}, or, if its models are unchanged, restore with --no-replay (its rows then go as "
        f"they are into the current schema)."
    )


def replays_on(connection: BaseDatabaseWrapper) -> bool:
    """Whether a restore into ``connection`` can replay, all or nothing: in its transaction (the DDL rolls back),
    or on MariaDB and MySQL in a scratch database swapped in whole (``restore/scratch.py``)."""
    return bool(connection.features.can_rollback_ddl) or connection.vendor == "mysql"


def replay_problems(replay: ReplayPlan, selected: list[str], manifest: Manifest, connection: BaseDatabaseWrapper) -> list[str]:
    """Replay rebuilds whole apps: each must be whole in the dump, and the database must roll DDL back.

    MariaDB and MySQL do not, but the restore is built in a scratch database there and swapped in
    (``restore/scratch.py``).
    """
    problems = []
    if not replays_on(connection):
        problems.append(
            f"Apps {', '.join(replay.apps)}: replaying their migrations needs a database that rolls back schema "
            f"changes, and {connection.vendor} does not. Restore into PostgreSQL, SQLite or MariaDB, or turn replay "
            f"off (--no-replay) and write migrators."
        )
    chosen = {label.lower() for label in selected}
    chosen |= {label.lower() for label in manifest.stamps.get("derived") or {}}  # virtual tables, views: the database fills them
    for model in replay.schema.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label in replay.recorded and meta.managed and not meta.proxy and meta.label_lower not in chosen:
            problems.append(
                f"{meta.label}: the dump has no rows of it, and replay rebuilds all of app {meta.app_label!r} from "
                f"its migrations, which would leave it empty. Dump the whole app, or turn replay off for it "
                f"(--no-replay) and write a migrator."
            )
    return problems

"""Find the migrators of each installed app and choose the ones a dump needs.

Each app's migrators live in the package ``<app package>.migrators`` (one
module per release, each defining a class ``Migrator``); the setting
``LINO_MIGRATE_MODULES = {"app_label": "dotted.path"}`` points an app
elsewhere, like Django's MIGRATION_MODULES.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

from django.apps import AppConfig, apps
from django.conf import settings
from packaging.version import InvalidVersion, Version

from lino_migrate.errors import MigratorError

from .base import Migrator

__all__ = ["AppChain", "MigratorError", "build_chains", "load_migrators", "migrators_module"]


def migrators_module(app_config: AppConfig) -> str | None:
    """The dotted path of an app's migrators package; None when the settings give it none."""
    configured = getattr(settings, "LINO_MIGRATE_MODULES", {}) or {}
    if app_config.label in configured:
        return configured[app_config.label]
    return f"{app_config.name}.migrators"


def load_migrators(app_config: AppConfig) -> list[Migrator]:
    """Every migrator of an app, in ascending version order."""
    path = migrators_module(app_config)
    if path is None:
        return []
    try:
        package = importlib.import_module(path)
    except ModuleNotFoundError as exc:
        if exc.name and (path == exc.name or path.startswith(exc.name + ".")):
            return []
        raise MigratorError(f"Cannot import {path} (migrators of app {app_config.label!r}): {exc}") from exc
    found: dict[Version, Migrator] = {}
    for info in sorted(pkgutil.iter_modules(getattr(package, "__path__", [])), key=lambda i: i.name):
        name = f"{path}.{info.name}"
        try:
            module = importlib.import_module(name)
        except Exception as exc:
            raise MigratorError(f"Cannot import migrator module {name}: {type(exc).__name__}: {exc}") from exc
        cls = getattr(module, "Migrator", None)
        if cls is None or cls is Migrator:
            continue
        if not (isinstance(cls, type) and issubclass(cls, Migrator)):
            raise MigratorError(f"{name}.Migrator must be a subclass of lino_migrate.migrators.Migrator")
        try:
            migrator = cls(app_config.label, name)
        except ValueError as exc:
            raise MigratorError(str(exc)) from None
        if migrator.parsed_version in found:
            other = found[migrator.parsed_version]
            raise MigratorError(
                f"App {app_config.label!r} has two migrators for version {migrator.version}: "
                f"{other.module} and {name}. Each release gets one migrator."
            )
        found[migrator.parsed_version] = migrator
    return [found[version] for version in sorted(found)]


@dataclass
class AppChain:
    """The migrators that bring one app's dumped rows from one version to another."""

    app_label: str
    dumped: Version | None
    installed: Version | None
    migrators: list[Migrator]

    def describe(self) -> str:
        if not self.migrators:
            return f"{self.app_label}: {self.versions}, no migrators"
        names = ", ".join(m.version for m in self.migrators)
        return f"{self.app_label}: {self.versions}, migrators {names}"

    @property
    def versions(self) -> str:
        """``1.0 -> 2.0``: the dumped and the installed version."""
        return f"{self.dumped or 'unversioned'} -> {self.installed or 'unversioned'}"


def build_chains(dumped_versions: dict[str, str | None], installed_versions: dict[str, Version | None]) -> tuple[list[AppChain], list[str]]:
    """The chain of every dumped app that is installed, and the problems found.

    Apps come in the order of INSTALLED_APPS. A dump newer than the installed
    code is refused; an unversioned app (on either side) gets no chain.
    """
    chains: list[AppChain] = []
    problems: list[str] = []
    for config in apps.get_app_configs():
        label = config.label
        if label not in dumped_versions:
            continue
        installed = installed_versions.get(label)
        raw = dumped_versions[label]
        try:
            dumped = Version(raw) if raw is not None else None
        except InvalidVersion:
            problems.append(f"App {label!r}: the dump records version {raw!r}, which is not a PEP 440 version.")
            continue
        migrators: list[Migrator] = []
        if dumped is not None and installed is not None:
            if dumped > installed:
                problems.append(
                    f"App {label!r}: the dump was written by version {dumped}, newer than the installed {installed}. "
                    f"A dump cannot be restored into an older release; install {dumped} or newer."
                )
                continue
            try:
                migrators = [m for m in load_migrators(config) if dumped < m.parsed_version <= installed]
            except MigratorError as exc:
                problems.append(str(exc))
                continue
        chains.append(AppChain(label, dumped, installed, migrators))
    return chains, problems

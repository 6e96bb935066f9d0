"""Which version of each installed app is running.

Every dump records these versions; migrators are chosen by comparing them.
The lookup order is documented in docs/reference.md ("App versions").
"""

from __future__ import annotations

import importlib.metadata
from functools import lru_cache

import django
from django.apps import AppConfig, apps
from django.conf import settings
from packaging.version import InvalidVersion, Version

from .errors import LinoMigrateError


class InvalidAppVersion(LinoMigrateError):
    pass


def app_version(app_config: AppConfig) -> Version | None:
    """The PEP 440 version of an app, or None for an unversioned app.

    Looked up in this order: the setting ``LINO_MIGRATE_VERSIONS[label]``,
    the AppConfig attribute ``version``, the app package's ``__version__``,
    the installed distribution that provides the app's top-level package.
    Django's own apps get Django's version.
    """
    raw, source = _raw_version(app_config)
    if raw is None:
        return None
    try:
        return Version(str(raw))
    except InvalidVersion:
        raise InvalidAppVersion(
            f"App {app_config.label!r}: version {raw!r} (from {source}) is not a valid "
            f"PEP 440 version such as '1.2' or '2.0.1'."
        ) from None


def installed_versions() -> dict[str, Version | None]:
    """The version of every installed app, by app label."""
    return {config.label: app_version(config) for config in apps.get_app_configs()}


def _raw_version(app_config: AppConfig) -> tuple[object | None, str]:
    configured = getattr(settings, "LINO_MIGRATE_VERSIONS", {}) or {}
    if app_config.label in configured:
        return configured[app_config.label], "settings.LINO_MIGRATE_VERSIONS"
    if app_config.name == "django" or app_config.name.startswith("django."):
        return django.__version__, "Django"
    version = getattr(app_config, "version", None)
    if version is not None:
        return version, f"{type(app_config).__name__}.version"
    version = getattr(app_config.module, "__version__", None)
    if version is not None:
        return version, f"{app_config.name}.__version__"
    top_level = app_config.name.partition(".")[0]
    for distribution in _distributions_of(top_level):
        try:
            return importlib.metadata.version(distribution), f"distribution {distribution}"
        except importlib.metadata.PackageNotFoundError:
            continue
    return None, ""


@lru_cache(maxsize=None)
def _distributions_of(top_level: str) -> tuple[str, ...]:
    return tuple(importlib.metadata.packages_distributions().get(top_level, ()))

"""Which version of each installed app is running.

Every dump records these versions; migrators are chosen by comparing them.
The lookup order is documented in docs/reference.md ("App versions").
"""

from __future__ import annotations

import importlib.metadata
import warnings
from functools import lru_cache

import django
from django.apps import AppConfig, apps
from django.conf import settings
from packaging.version import InvalidVersion, Version

from .errors import InvalidAppVersion  # re-exported: it was defined here

__all__ = ["InvalidAppVersion", "UnversionedAppWarning", "app_version", "installed_versions", "unversioned_notice"]


class UnversionedAppWarning(UserWarning):
    """A third-party app whose version attributes are all unusable: it is recorded unversioned."""


def app_version(app_config: AppConfig) -> Version | None:
    """The PEP 440 version of an app, or None for an unversioned app.

    Looked up in this order: the setting ``LINO_MIGRATE_VERSIONS[label]``,
    the AppConfig attribute ``version``, the app package's ``__version__``,
    the installed distribution that provides the app's top-level package.
    Django's own apps get Django's version.

    The site's own word (the setting, the AppConfig attribute) must be a valid
    version. A package's ``__version__`` is the package author's, and some are
    not strings (django-reversion's is a tuple such as ``(4, 0, 2)``): a tuple
    of numbers is read as ``4.0.2``, anything else invalid is passed over for
    the installed distribution's version. An app that none of these gives a
    valid version is unversioned, with an ``UnversionedAppWarning``.
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


def _parse_third_party(raw: object) -> Version | None:
    """A package author's version attribute as a version, or None when it is not one."""
    if isinstance(raw, tuple) and raw and all(isinstance(part, int) and not isinstance(part, bool) for part in raw):
        raw = ".".join(str(part) for part in raw)
    if not isinstance(raw, str):
        return None
    try:
        return Version(raw)
    except InvalidVersion:
        return None


def installed_versions() -> dict[str, Version | None]:
    """The version of every installed app, by app label."""
    return {config.label: app_version(config) for config in apps.get_app_configs()}


def _raw_version(app_config: AppConfig) -> tuple[object | None, str]:
    """The version and where it came from; a third-party source is returned already valid."""
    configured = getattr(settings, "LINO_MIGRATE_VERSIONS", {}) or {}
    if app_config.label in configured:
        return configured[app_config.label], "settings.LINO_MIGRATE_VERSIONS"
    if app_config.name == "django" or app_config.name.startswith("django."):
        return django.__version__, "Django"
    version = getattr(app_config, "version", None)
    if version is not None:
        return version, f"{type(app_config).__name__}.version"
    passed_over = []
    version = getattr(app_config.module, "__version__", None)
    if version is not None:
        parsed = _parse_third_party(version)
        if parsed is not None:
            return str(parsed), f"{app_config.name}.__version__"
        passed_over.append(f"{app_config.name}.__version__ = {version!r}")
    top_level = app_config.name.partition(".")[0]
    for distribution in _distributions_of(top_level):
        try:
            raw = importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            continue
        parsed = _parse_third_party(raw)
        if parsed is not None:
            return str(parsed), f"distribution {distribution}"
        passed_over.append(f"distribution {distribution} {raw!r}")
    if passed_over:
        warnings.warn(
            f"App {app_config.label!r}: no valid PEP 440 version ({'; '.join(passed_over)}); it is recorded "
            f"unversioned, so no migrator of it runs. Set LINO_MIGRATE_VERSIONS[{app_config.label!r}] to give it one.",
            UnversionedAppWarning,
            stacklevel=2,
        )
    return None, ""


@lru_cache(maxsize=None)
def _distributions_of(top_level: str) -> tuple[str, ...]:
    return tuple(importlib.metadata.packages_distributions().get(top_level, ()))


def unversioned_notice(unversioned: dict[str, bool]) -> str | None:
    """What to tell about dumped apps without a version (label -> whether it has Django migrations).

    A migrator runs only for a dump that records its app's version; Django's
    migrations (replay) need none. So an app with migrations is fine for
    upgrades, and one without is stuck unless it gets a version now.
    """
    if not unversioned:
        return None
    with_migrations = sorted(label for label, migrated in unversioned.items() if migrated)
    without = sorted(label for label, migrated in unversioned.items() if not migrated)
    example = (without or with_migrations)[0]
    lines = []
    if without:
        lines.append(
            f"Warning: {_plural(without, 'app has', 'apps have')} models but neither a version nor Django migrations: "
            f"{', '.join(without)}. After an upgrade that changes their models, a restore needs a migrator, and a "
            f"migrator runs only for a dump that records its app's version."
        )
    if with_migrations:
        lines.append(
            f"Notice: {_plural(with_migrations, 'app has', 'apps have')} no version: {', '.join(with_migrations)}. "
            f"Their upgrades restore through their Django migrations (replay); a migrator for one of them would "
            f"run only for dumps that record its version."
        )
    lines.append(
        f"Give each app a version before the next dump: `version = \"1.0\"` on its AppConfig, or "
        f"settings.LINO_MIGRATE_VERSIONS = {{{example!r}: \"1.0\"}}. A dump without it can still be restored "
        f"through a migrator with `restore --assume-version {example}=VERSION`."
    )
    return "\n".join(lines)


def _plural(items: list, one: str, many: str) -> str:
    return f"{len(items)} {one if len(items) == 1 else many}"


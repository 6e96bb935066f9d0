"""``manage.py makemigrator APP --dump TARGET``: draft a migrator from a dump."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from lino_migrate.errors import LinoMigrateError
from lino_migrate.history import choose_routes, replay_allowed, replays_on
from lino_migrate.management.base import LinoMigrateCommand
from lino_migrate.management.guard import reports_unexpected
from lino_migrate.manifest import read_manifest
from lino_migrate.migratorwriter import draft_migrator
from lino_migrate.migrators.loader import build_chains, migrators_module
from lino_migrate.text import shown_path
from lino_migrate.versions import app_version


class Command(LinoMigrateCommand):
    help = """\
Draft a migrator for APP at its installed version: a new module with the operations
that bring the rows of the dump TARGET (written by an earlier release) into the current
models. Check every line marked "guess" and fill in every `...` before a restore."""
    epilog = """\
Reads:  TARGET's restore.py (its literals, nothing executed) and APP's current models,
        its version and its migrators package.
Writes: one new file, APP's migrators package / v<VERSION>.py: by default
        <APP's package>/migrators/v2_0.py for version 2.0 (settings.LINO_MIGRATE_MODULES
        names another package), and that package's __init__.py if it has none. Never
        overwrites a file. Prints "Wrote PATH" (-v 2 also the module).
Exit status: 0 written, or nothing to write (replay covers APP: see --force); 1 nothing written (unknown app, no version, the dump's version
        is the installed one, the file exists); 2 a wrong option; 130 interrupted (Ctrl-C)."""

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("app_label", metavar="APP", help="The app to write a migrator for (its label).")
        parser.add_argument(
            "--dump", required=True, metavar="TARGET", help="A dump written by the previous release (required).",
        )
        parser.add_argument(
            "--force", action="store_true",
            help="Write the migrator even when Django's migrations can replay the dump (a migrator turns replay off for APP).",
        )

    @reports_unexpected("makemigrator", "No migrator was written.")
    def handle(self, app_label: str, dump: str, verbosity: int, **options: Any) -> None:
        try:
            config = apps.get_app_config(app_label)
        except LookupError:
            raise CommandError(f"Unknown app label {app_label!r}.") from None
        try:
            version = app_version(config)
            manifest = read_manifest(dump)
        except LinoMigrateError as exc:
            raise CommandError(str(exc)) from None
        if version is None:
            raise CommandError(
                f"App {app_label!r} has no version: set `version = \"2.0\"` on its AppConfig (or "
                f"LINO_MIGRATE_VERSIONS), so that the migrator knows which release it is for."
            )
        dumped = manifest.apps.get(app_label)
        if dumped is not None and dumped.version is not None and str(version) == dumped.version:
            raise CommandError(
                f"The dump was written by {app_label} {version}, the installed version: a migrator "
                f"for {version} would not run for it. Raise the app's version first."
            )
        if dumped is not None and not options.get("force"):
            # Migrators already in the chain keep replay off for the app: the draft extends them.
            chains, _ = build_chains({app_label: dumped.version}, {app_label: version})
            extended = [app_label] if not chains or chains[0].migrators else []
            (route,), _ = choose_routes({app_label: dumped}, extended, replay_allowed)
            replays_here = replays_on(connections[DEFAULT_DB_ALIAS])
            if (route.kind == "as is" or (route.kind == "replay" and replays_here)) and not route.problem:
                how = "its rows fit the current models as they are" if route.kind == "as is" else route.summary()
                self.stdout.write(
                    f"No migrator is needed for {app_label}: {how}. Nothing was written. Write one for data rules of "
                    f"your own with --force (a migrator turns replay off for {app_label})."
                )
                return
        module = migrators_module(config)
        if module is None:
            raise CommandError(f"settings.LINO_MIGRATE_MODULES gives app {app_label!r} no migrators (None).")
        package = _package_dir(module)
        path = package / f"v{str(version).replace('.', '_').replace('+', '_').replace('-', '_')}.py"
        if path.exists():
            raise CommandError(f"{shown_path(path)} exists; makemigrator never overwrites a file. Move it away or edit it.")
        text = draft_migrator(app_label, str(version), manifest)
        package.mkdir(parents=True, exist_ok=True)
        init = package / "__init__.py"
        if not init.exists():
            init.write_text(f'"""Migrators of {app_label}: one module per release."""\n', encoding="utf-8")
        with open(path, "x", encoding="utf-8") as file:
            file.write(text)
        self.stdout.write(f"Wrote {shown_path(path)}")
        if dumped is not None and dumped.version is None:
            self.stdout.write(
                f"Note: the dump records no version of {app_label}, so a migrator runs for it only when you restore "
                f"with --assume-version {app_label}=VERSION (the release of {app_label} that wrote the dump)."
            )
        if verbosity >= 2:
            self.stdout.write(text)


def _package_dir(dotted: str) -> Path:
    """The directory of package ``dotted``, which may not exist yet."""
    import importlib

    parent, _, name = dotted.rpartition(".")
    try:
        module = importlib.import_module(dotted)
        return Path(module.__file__).parent
    except ModuleNotFoundError:
        pass
    if not parent:
        return Path(name)
    return _package_dir(parent) / name

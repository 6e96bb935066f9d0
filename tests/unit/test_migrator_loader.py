"""The loader: finding an app's migrators, ordering them, and the errors of broken modules and chains.

Migrator packages are written to tmp_path and pointed at with LINO_MIGRATE_MODULES, for the
installed test app ``zoo``.
"""

from __future__ import annotations

import dataclasses
import itertools
import textwrap

import pytest
from django.apps import apps
from django.db import connection
from packaging.version import Version

from lino_migrate import errors, migrators
from lino_migrate.manifest import read_manifest
from tests.conftest import REPO
from lino_migrate.migrators.loader import build_chains, load_migrators, migrators_module

_names = itertools.count()

GOOD = '''
from lino_migrate import migrators

class Migrator(migrators.Migrator):
    version = "{version}"
    operations = [migrators.RemoveModel("Gone")]
'''


@pytest.fixture
def package(tmp_path, monkeypatch, settings):
    """Write the modules given as ``{name: source}`` into a new package, the migrators of zoo."""

    def write(modules: dict[str, str]) -> str:
        name = f"lm_unit_migrators_{next(_names)}"
        directory = tmp_path / name
        directory.mkdir()
        modules = {"__init__": "", **modules}
        for module, source in modules.items():
            (directory / f"{module}.py").write_text(textwrap.dedent(source))
        settings.LINO_MIGRATE_MODULES = {"zoo": name}
        return name

    monkeypatch.syspath_prepend(str(tmp_path))
    return write


def zoo():
    return apps.get_app_config("zoo")


def test_migrators_in_version_order_whatever_the_file_names(package):
    name = package({"a_last": GOOD.format(version="1.10"), "b_first": GOOD.format(version="1.9"), "helpers": "X = 1\n"})
    found = load_migrators(zoo())
    assert [(m.version, m.module) for m in found] == [("1.9", f"{name}.b_first"), ("1.10", f"{name}.a_last")]
    assert str(found[0]) == f"migrator zoo 1.9 ({name}.b_first)"
    assert found[0].operations[0].model == "zoo.Gone"


def test_settings_point_an_app_elsewhere_or_nowhere(settings):
    settings.LINO_MIGRATE_MODULES = {"zoo": None}
    assert migrators_module(zoo()) is None and load_migrators(zoo()) == []
    settings.LINO_MIGRATE_MODULES = {}
    assert migrators_module(zoo()) == "tests.zoo.migrators"
    assert load_migrators(zoo()) == []  # no such package: no migrators


@pytest.mark.parametrize(
    "modules, message",
    [
        ({"v2": "raise RuntimeError('broken')\n"}, r"Cannot import migrator module lm_unit_migrators_\d+\.v2: RuntimeError: broken"),
        ({"v2": "Migrator = 3\n"}, r"\.v2\.Migrator must be a subclass of lino_migrate\.migrators\.Migrator"),
        ({"v2": GOOD.format(version="two")}, r"\.v2: version 'two' is not a PEP 440 version"),
        (
            {"v2": GOOD.format(version="2.0"), "v2_again": GOOD.format(version="2.0.0")},
            r"App 'zoo' has two migrators for version 2\.0\.0: lm_unit_migrators_\d+\.v2 and lm_unit_migrators_\d+\.v2_again",
        ),
    ],
)
def test_broken_migrator_modules(package, modules, message):
    package(modules)
    with pytest.raises(errors.MigratorError, match=message):
        load_migrators(zoo())


def test_a_package_that_cannot_be_imported(package):
    name = package({"__init__": "import lm_unit_not_a_module\n"})
    with pytest.raises(errors.MigratorError, match=rf"Cannot import {name} \(migrators of app 'zoo'\): No module named 'lm_unit_not_a_module'"):
        load_migrators(zoo())


def test_build_chains_takes_the_migrators_between_the_versions(package):
    package({f"v{v.replace('.', '_')}": GOOD.format(version=v) for v in ["1.0", "1.1", "2.0", "3.0"]})
    chains, problems = build_chains({"zoo": "1.0", "notinstalled": "1.0"}, {"zoo": Version("2.0")})
    assert problems == []
    [chain] = chains
    assert [m.version for m in chain.migrators] == ["1.1", "2.0"]
    assert chain.describe() == "zoo: 1.0 -> 2.0, migrators 1.1, 2.0"


def test_build_chains_problems(package):
    package({"v2": GOOD.format(version="2.0"), "bad": "Migrator = 3\n"})
    chains, problems = build_chains({"zoo": "3.0"}, {"zoo": Version("2.0")})
    assert chains == [] and "newer than the installed 2.0" in problems[0]
    chains, problems = build_chains({"zoo": "x.y"}, {"zoo": Version("2.0")})
    assert problems == ["App 'zoo': the dump records version 'x.y', which is not a PEP 440 version."]
    chains, problems = build_chains({"zoo": "1.0"}, {"zoo": Version("2.0")})
    assert chains == [] and "must be a subclass" in problems[0]
    chains, problems = build_chains({"zoo": None}, {"zoo": Version("2.0")})
    assert problems == [] and chains[0].migrators == [] and chains[0].describe() == "zoo: unversioned -> 2.0, no migrators"


def test_errors_are_exported_from_one_place_and_their_old_modules():
    from lino_migrate.migrators.loader import MigratorError
    from lino_migrate.migrators.pipeline import MigratorFailed
    from lino_migrate.versions import InvalidAppVersion

    assert MigratorError is errors.MigratorError is migrators.MigratorError
    assert MigratorFailed is errors.MigratorFailed is migrators.MigratorFailed
    assert InvalidAppVersion is errors.InvalidAppVersion
    assert issubclass(MigratorFailed, errors.RestoreError) and issubclass(MigratorError, errors.LinoMigrateError)


def test_hooks_get_a_load_context():
    assert [f.name for f in dataclasses.fields(migrators.LoadContext)] == ["using", "connection", "directory", "dry_run", "manifest"]
    directory = REPO / "tests" / "dumps" / "django-4.2"
    manifest = read_manifest(directory)
    context = migrators.LoadContext(using="default", connection=connection, directory=directory, dry_run=True, manifest=manifest)
    seen = []

    class Hooked(migrators.Migrator):
        version = "2.0"

        def before_load(self, context):
            seen.append((context.using, context.connection.alias, context.directory, context.dry_run))

    Hooked("zoo").before_load(context)
    Hooked("zoo").after_load(context)  # the default hook does nothing
    assert seen == [("default", "default", directory, True)]
    assert context.manifest.directory == directory
    with pytest.raises(dataclasses.FrozenInstanceError):
        context.dry_run = False
    assert not hasattr(migrators.Migrator, "has_hook")

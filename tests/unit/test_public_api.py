"""The public surface of ``lino_migrate``: ``__all__`` in every module, names that exist, type hints.

Management commands are Django's plumbing, not an API: they are left out.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

import lino_migrate

REPO = Path(lino_migrate.__file__).resolve().parent.parent

#: Modules that do not define ``__all__`` yet: others add it to them during issue 9. The lead empties
#: this set after merging; a module that has ``__all__`` must not stay in it (see the test below).
_NOT_YET: set[str] = set()

#: Public functions still without full type hints (modules being rewritten during issue 9).
_NOT_YET_TYPED: set[str] = set()

#: Names other modules import that their module's ``__all__`` leaves out (modules being rewritten during
#: issue 9; the lead adds them to ``__all__`` after merging and empties this set).
_NOT_YET_EXPORTED: set[str] = set()


def _is_plumbing(name: str) -> bool:
    return name.startswith("lino_migrate.management.commands") or name == "lino_migrate.management" or (
        ".migrations" in name
    )


def _module_names() -> list[str]:
    names = ["lino_migrate"] + [
        info.name for info in pkgutil.walk_packages(lino_migrate.__path__, "lino_migrate.")
    ]
    return sorted(name for name in names if not _is_plumbing(name))


MODULES = _module_names()


def _module(name: str) -> ModuleType:
    return importlib.import_module(name)


def test_the_walk_finds_the_modules():
    assert {"lino_migrate.codec", "lino_migrate.selection", "lino_migrate.migrators",
            "lino_migrate.management.guard"} <= set(MODULES)
    assert not [name for name in MODULES if "commands" in name]


@pytest.mark.parametrize("name", MODULES)
def test_every_module_defines_all_and_each_name_exists(name):
    module = _module(name)
    if name in _NOT_YET:
        assert not hasattr(module, "__all__"), f"{name} defines __all__ now: take it out of _NOT_YET"
        return
    assert hasattr(module, "__all__"), f"{name} has no __all__"
    exported = list(module.__all__)
    assert len(exported) == len(set(exported)), f"{name}.__all__ names a name twice"
    assert all(isinstance(n, str) for n in exported)
    missing = [n for n in exported if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names what it does not define: {missing}"
    private = [n for n in exported if n.startswith("_") and not (n.startswith("__") and n.endswith("__"))]
    assert not private, f"{name}.__all__ exports private names: {private}"


def test_not_yet_lists_only_modules_that_exist():
    assert _NOT_YET <= set(MODULES), sorted(_NOT_YET - set(MODULES))


def test_the_migrators_api_imports():
    from lino_migrate import migrators

    namespace: dict = {}
    exec("from lino_migrate.migrators import *", namespace)
    for name in migrators.__all__:
        assert namespace[name] is getattr(migrators, name)
        assert inspect.isclass(namespace[name]), name
        # the user's API: defined in migrators/, or an error of lino_migrate.errors (one place for errors)
        assert namespace[name].__module__.startswith("lino_migrate.migrators.") or (
            namespace[name].__module__ == "lino_migrate.errors" and issubclass(namespace[name], Exception)
        ), name
    assert issubclass(migrators.RenameModel, migrators.Operation)
    assert {"Migrator", "Operation", "RenameModel", "RenameField", "AddField", "RemoveField", "RemoveModel",
            "RunPython", "Row"} <= set(migrators.__all__)


def _public_functions(name: str):
    module = _module(name)
    for exported in getattr(module, "__all__", ()):
        obj = getattr(module, exported)
        if inspect.isfunction(obj) and obj.__module__ == name:
            yield f"{name}.{exported}", obj
        elif inspect.isclass(obj) and obj.__module__ == name:
            for attr, member in vars(obj).items():
                if inspect.isfunction(member) and (not attr.startswith("_") or attr == "__init__"):
                    yield f"{name}.{exported}.{attr}", member


@pytest.mark.parametrize("name", MODULES)
def test_public_functions_have_type_hints(name):
    untyped = []
    for label, function in _public_functions(name):
        if label in _NOT_YET_TYPED:
            continue
        signature = inspect.signature(function)
        bare = [p for p, param in signature.parameters.items()
                if p not in ("self", "cls") and param.annotation is inspect.Parameter.empty]
        no_return = function.__name__ != "__init__" and signature.return_annotation is inspect.Signature.empty
        if bare or no_return:
            untyped.append(f"{label}({', '.join(bare)}){' without a return type' if no_return else ''}")
    assert not untyped, untyped


def _imports_from_lino_migrate(path: Path):
    """(module, name, line) of each ``from lino_migrate.x import name`` (or relative) in ``path``."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError:  # a test's deliberately broken migrator
        return
    package = ".".join(path.relative_to(REPO).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            source = ".".join(base + ([node.module] if node.module else []))
        else:
            source = node.module or ""
        if source == "lino_migrate" or source.startswith("lino_migrate."):
            for alias in node.names:
                yield source, alias.name, node.lineno


def _sources():
    for folder in ("lino_migrate", "tests", "examples", "benchmarks"):
        yield from sorted((REPO / folder).rglob("*.py"))


def test_names_imported_from_a_module_with_all_are_in_it_or_private():
    """What other code takes from a module is its public surface: in ``__all__``, else marked ``_private``."""
    outside = []
    for path in _sources():
        for source, name, line in _imports_from_lino_migrate(path):
            try:
                module = _module(source)
            except ImportError:
                continue
            exported = getattr(module, "__all__", None)
            if exported is None or name == "*" or name.startswith("_") or name in exported:
                continue
            if f"{source}.{name}" in _NOT_YET_EXPORTED:
                continue
            if hasattr(module, "__path__") and importlib.util.find_spec(f"{source}.{name}") is not None:
                continue  # a submodule of a package
            outside.append(f"{path.relative_to(REPO)}:{line}: {source}.{name}")
    assert not outside, outside

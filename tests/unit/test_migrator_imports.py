"""lino_migrate.migrators is the user API: it never imports the engine, and its modules import one way."""

from __future__ import annotations

import ast
from pathlib import Path

import lino_migrate.migrators

PACKAGE = Path(lino_migrate.migrators.__file__).parent
#: What the migrators may import of the rest of lino_migrate (the manifest only for type hints).
ALLOWED = {"lino_migrate.errors", "lino_migrate.current", "lino_migrate.manifest"}


def _imports(path: Path) -> set[str]:
    """The lino_migrate modules that ``path`` imports, TYPE_CHECKING blocks included."""
    module = "lino_migrate.migrators" + ("" if path.stem == "__init__" else f".{path.stem}")
    package = "lino_migrate.migrators"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            found.add(base)
    return {name for name in found if name.startswith("lino_migrate") and name != module}


def test_the_migrators_never_import_the_engine():
    for path in sorted(PACKAGE.glob("*.py")):
        outside = {name for name in _imports(path) if not name.startswith("lino_migrate.migrators")}
        assert outside <= ALLOWED, f"{path.name} imports {sorted(outside - ALLOWED)}"


def test_no_import_cycle_among_the_migrators_modules():
    graph = {
        path.stem: {name.rpartition(".")[2] for name in _imports(path) if name.startswith("lino_migrate.migrators.")}
        for path in PACKAGE.glob("*.py")
        if path.stem != "__init__"
    }
    visiting: list[str] = []
    done: set[str] = set()

    def visit(node: str) -> None:
        assert node not in visiting, f"import cycle: {' -> '.join(visiting[visiting.index(node):] + [node])}"
        if node in done:
            return
        visiting.append(node)
        for child in sorted(graph.get(node, ())):
            visit(child)
        visiting.pop()
        done.add(node)

    for node in sorted(graph):
        visit(node)
    assert {"operations", "state", "pipeline", "base", "bound", "context", "loader", "row"} <= set(graph)


def test_every_module_declares_what_it_exports():
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)]
        assert "__all__" in names, f"{path.name} has no __all__"

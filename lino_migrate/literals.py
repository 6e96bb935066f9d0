"""Read the top-level literals of a Python file without executing it, and check their shape.

A dump's ``restore.py`` is a script, but what the restore needs of it are
plain literals: read with ``ast.literal_eval``, every one named in the error
when it is not there or not of the expected shape.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any, NoReturn

from .errors import DamagedDumpError

__all__ = ["ShapeChecker", "top_level_literals"]


def top_level_literals(script: Path, source: str, names: tuple[str, ...]) -> dict[str, Any]:
    """The values of the top-level ``NAME = literal`` lines of ``source``, by name; every name must be there."""
    try:
        tree = ast.parse(source, filename=str(script))
    except SyntaxError as exc:
        raise DamagedDumpError(f"{script}, line {exc.lineno}: not valid Python ({exc.msg})") from None
    except (MemoryError, RecursionError):
        raise DamagedDumpError(f"{script}: too deeply nested to read") from None
    found: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in names:
                try:
                    found[name] = ast.literal_eval(node.value)
                except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                    raise DamagedDumpError(
                        f"{script}, line {node.lineno}: {name} must be a plain literal (no names, calls or expressions)"
                    ) from None
    for name in names:
        if name not in found:
            raise DamagedDumpError(f"{script}: no '{name} = ...' line; this is not a lino-migrate dump")
    return found


class ShapeChecker:
    """Checks the shape of literals read from ``script``, naming the key at fault (``DamagedDumpError``)."""

    def __init__(self, script: Path):
        self.script = script

    def fail(self, where: str, what: str) -> NoReturn:
        raise DamagedDumpError(f"{self.script}: {where} must be {what}")

    def get(self, mapping: Any, key: str, kind: type | tuple, where: str, what: str, optional: bool = False) -> Any:
        """``mapping[key]``, which must be a ``kind`` (or missing/None with ``optional``)."""
        if not isinstance(mapping, dict):
            self.fail(where.rpartition("[")[0] or where, "a dict")
        if key not in mapping:
            if optional:
                return None
            self.fail(f"{where}", f"present ({what})")
        value = mapping[key]
        if optional and value is None:
            return None
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            self.fail(where, what)
        return value

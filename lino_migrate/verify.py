"""Check the files of a dump against its manifest, and compare two dumps.

One place for what a damaged dump is (a data file missing, its sha256 not the
one recorded, its columns not those recorded, or a file the manifest does not
list), so that ``restore`` and ``showdump`` find and word the same damage.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Iterable

from .datafile import columns_problem, file_sha256
from .errors import DamagedDumpError
from .manifest import SCRIPT_NAME, Manifest, ModelInfo, unlisted_files
from .text import shown_path

__all__ = ["check_files", "damaged_files", "dump_differences", "file_problem", "unlisted_problems"]


def file_problem(manifest: Manifest, name: str, model: ModelInfo) -> str | None:
    """What is wrong with data file ``name`` of ``model``, or None.

    A file without a recorded sha256 (edited on purpose) is only checked for
    its columns here: its rows are checked as they are read.
    """
    path = manifest.directory / name
    expected = manifest.files[name].sha256
    if not path.is_file():
        return f"{name}: missing"
    if expected is not None and file_sha256(path) != expected:
        return f"{name}: its sha256 does not match the one recorded in restore.py (changed or truncated)"
    return columns_problem(path, model.fields, model.label)


def unlisted_problems(manifest: Manifest) -> list[str]:
    """One problem per Python file in the directory that restore.py does not list."""
    return [f"{name}: not part of this dump (restore.py does not list it); remove it" for name in unlisted_files(manifest)]


def damaged_files(manifest: Manifest, models: Iterable[ModelInfo]) -> list[str]:
    """Every problem with the files of ``models`` (those to be read), then the files nobody lists."""
    damaged = [problem for model in models for name in model.files if (problem := file_problem(manifest, name, model))]
    return damaged + unlisted_problems(manifest)


def check_files(manifest: Manifest, models: Iterable[ModelInfo]) -> None:
    """Raise ``DamagedDumpError`` listing every problem ``damaged_files`` finds."""
    damaged = damaged_files(manifest, models)
    if damaged:
        raise DamagedDumpError(f"The dump in {shown_path(manifest.directory)} is damaged:\n" + "\n".join(f"- {d}" for d in damaged))


def dump_differences(first: Path | str, second: Path | str, max_lines: int = 40) -> list[str]:
    """How two dumps differ, ignoring the ``CREATED`` line of restore.py: one entry per file (a short diff).

    Two dumps of the same data are the same bytes but for that line.
    """
    first, second = Path(first), Path(second)
    names = sorted({p.name for p in first.iterdir()} | {p.name for p in second.iterdir()})
    problems = []
    for name in names:
        a, b = first / name, second / name
        if not a.exists() or not b.exists():
            problems.append(f"{name}: only in {'the second' if not a.exists() else 'the first'} dump")
            continue
        lines_a, lines_b = _comparable_lines(a), _comparable_lines(b)
        for path, lines in ((a, lines_a), (b, lines_b)):
            if isinstance(lines, str):
                problems.append(f"{path}: {lines}")
        if isinstance(lines_a, str) or isinstance(lines_b, str) or lines_a == lines_b:
            continue
        shown_a, shown_b = [line.rstrip("\r\n") for line in lines_a], [line.rstrip("\r\n") for line in lines_b]
        diff = list(difflib.unified_diff(shown_a, shown_b, f"first/{name}", f"second/{name}", lineterm="", n=1))
        if not diff:
            diff = [f"{name}: the same lines but for their line ends"]
        problems.append("\n".join(diff[:max_lines]) + ("\n..." if len(diff) > max_lines else ""))
    return problems


def _comparable_lines(path: Path) -> list[str] | str:
    """The file's lines with their line ends; restore.py without its CREATED line (or what is wrong with it)."""
    lines = path.read_bytes().decode("utf-8", "replace").splitlines(keepends=True)
    if path.name == SCRIPT_NAME:
        created = [line for line in lines if line.startswith("CREATED = ")]
        if len(created) != 1:
            return f"must have exactly one CREATED line, has {len(created)}"
        lines = [line for line in lines if not line.startswith("CREATED = ")]
    return lines

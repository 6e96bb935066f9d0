"""How messages write counts and paths: "1 row", "2 rows"; a path normalised, relative where shorter."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["plural", "shown_path"]


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word`` in the number it takes: "1 row", "12,345 rows", "2 entries" (``many``)."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def shown_path(path: Path | str) -> str:
    """``path`` as a message shows it: without ``..``, ``.`` or doubled slashes, relative to the
    current directory where that is shorter (and does not climb out of it), else absolute."""
    absolute = os.path.normpath(os.path.abspath(path))
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive (Windows)
        return absolute
    if len(relative) < len(absolute) and relative != ".." and not relative.startswith(".." + os.sep):
        return relative
    return absolute

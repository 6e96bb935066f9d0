"""Is the dump whole? Each data file present, unchanged, with the recorded columns, and no stranger.

Used by the restore (which refuses a damaged dump before touching the
database) and by ``showdump`` (which reports it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .datafile import columns_problem, file_sha256
from .manifest import Manifest, ModelInfo, unlisted_files

__all__ = ["damaged_files"]


def damaged_files(directory: Path, manifest: Manifest, models: Iterable[ModelInfo]) -> list[str]:
    """One line per damaged or unexpected file of the ``models``' data in ``directory``."""
    damaged = []
    for info in models:
        for name in info.files:
            path = directory / name
            expected = manifest.files[name].sha256
            if not path.is_file():
                damaged.append(f"{name}: missing")
            elif expected is not None and file_sha256(path) != expected:
                damaged.append(f"{name}: its sha256 does not match the one recorded in restore.py (changed or truncated)")
            else:
                problem = columns_problem(path, info.fields, info.label)
                if problem:
                    damaged.append(problem)
    damaged += [f"{name}: not part of this dump (restore.py does not list it); remove it" for name in unlisted_files(manifest)]
    return damaged

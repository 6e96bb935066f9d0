"""Read the data files of one dumped model: raw rows, each with where it came from.

The counts are checked against the manifest as the files are read, so that a
file cut short or grown is a damaged dump, not fewer or more rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator

from ..datafile import read_rows
from ..errors import DamagedDumpError
from ..manifest import Manifest
from ..plan import SourcePlan
from ..text import plural

__all__ = ["read_source", "check_total", "PROGRESS_STEP"]

#: Rows read between two updates of the progress bar.
PROGRESS_STEP = 5000


def read_source(
    directory: Path, manifest: Manifest, source: SourcePlan, progress: Callable[[int], Any] = lambda n: None
) -> Iterator[tuple[list[Any], str, int]]:
    """Yield ``(values, file name, line number)`` for every row of ``source``, file after file.

    Files with JSON columns are read so that their numbers keep their literal text.
    """
    exact = any(codec.name in ("json", "json-or-null") for codec in source.codecs)
    width = len(source.info.fields)
    total = 0
    for name in source.info.files:
        count = 0
        for line_no, values in read_rows(directory / name, width, exact):
            yield values, name, line_no
            count += 1
            if count % PROGRESS_STEP == 0:
                progress(PROGRESS_STEP)
        progress(count % PROGRESS_STEP)
        expected = manifest.files[name].rows
        if count != expected:
            raise DamagedDumpError(f"{name}: {plural(count, 'row')} where restore.py records {expected:,}")
        total += count
    check_total(source, total)


def check_total(source: SourcePlan, total: int) -> None:
    """The rows read of ``source``, in all its files, must be those restore.py records."""
    if total != source.info.rows:
        raise DamagedDumpError(f"{source.label}: {plural(total, 'row')} where restore.py records {source.info.rows:,}")

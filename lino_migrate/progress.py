"""A progress bar on stderr, shown only to a person watching a terminal."""

from __future__ import annotations

from typing import IO, Any

from tqdm import tqdm

__all__ = ["progress_bar"]


def progress_bar(total: int, description: str, stream: IO[str], verbosity: int) -> Any:
    """A tqdm bar counting rows; silent unless ``stream`` is a terminal and verbosity >= 1."""
    isatty = getattr(stream, "isatty", lambda: False)
    return tqdm(
        total=total,
        desc=description,
        unit=" rows",
        unit_scale=True,
        file=stream,
        disable=verbosity < 1 or not isatty(),
        leave=False,
        dynamic_ncols=True,
    )

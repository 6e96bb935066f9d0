"""A progress bar on stderr, shown only to a person watching a terminal.

It names the model at work (``Progress.model(label)``), and when the work is
done it leaves one summary line in place of the bar: what was done, to how
many rows of how many models, in how long.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import IO, Any

from .text import plural

__all__ = ["Progress", "progress_bar"]


class Progress:
    """Rows done out of ``total``; silent unless ``stream`` is a terminal and verbosity >= 1."""

    def __init__(self, total: int, description: str, stream: IO[str], verbosity: int):
        isatty = getattr(stream, "isatty", lambda: False)
        self.description = description
        self.stream = stream
        self.shown = verbosity >= 1 and bool(isatty())
        self.rows = 0
        self.labels: set[str] = set()
        self.started = time.monotonic()
        self._bar: Any = None
        if self.shown:  # tqdm only for a terminal: a dump in a script does not import it
            from tqdm import tqdm

            self._bar = tqdm(
                total=total, desc=description, unit=" rows", unit_scale=True, file=stream, leave=False, dynamic_ncols=True,
            )

    def model(self, label: str) -> None:
        """Name the model whose rows come next (``dump2py auth.User``)."""
        self.labels.add(label)
        if self._bar is not None:
            self._bar.set_description_str(f"{self.description} {label}")

    def update(self, rows: int) -> None:
        """Count ``rows`` more rows done."""
        self.rows += rows
        if self._bar is not None:
            self._bar.update(rows)

    def summary(self) -> str:
        """``dump2py: 12,345 rows of 8 models in 1.2 s`` (the models when named)."""
        models = f" of {plural(len(self.labels), 'model')}" if self.labels else ""
        return f"{self.description}: {plural(self.rows, 'row')}{models} in {time.monotonic() - self.started:.1f} s"

    def close(self, done: bool = True) -> None:
        """Take the bar away; when ``done`` (not interrupted, not failed), leave the summary line."""
        if self._bar is not None:
            self._bar.close()
        if self.shown and done:
            self.stream.write(self.summary() + "\n")
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, exc_type: type | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close(done=exc_type is None)


def progress_bar(total: int, description: str, stream: IO[str], verbosity: int) -> Progress:
    """A bar counting rows toward ``total``; see ``Progress``."""
    return Progress(total, description, stream, verbosity)

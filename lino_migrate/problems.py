"""What the rows of a restore got wrong, collected so that one error lists them all.

A restore checks every row before it fails (``fit.py``, ``validation.py``):
the error names the first ``LIMIT`` values at fault (model, pk, file and line,
field, the value shortened, what the column needs), then how many more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .codec import JSONDocument
from .errors import RestoreError

__all__ = ["LIMIT", "Problem", "Problems", "exception_reason", "shorten"]

#: How many problems one error lists.
LIMIT = 20


def shorten(value: Any, width: int = 40) -> str:
    """A value for an error message: its repr, cut to about ``width`` characters."""
    if isinstance(value, JSONDocument):
        value = value.value
    text = repr(value)
    if len(text) > width:
        text = text[: width - 1] + "…"
        if isinstance(value, (str, bytes)):
            text += f" ({len(value):,} {'characters' if isinstance(value, str) else 'bytes'})"
    return text


@dataclass
class Problem:
    label: str
    pk: Any
    origin: str
    field: str
    value: str
    need: str

    def __str__(self) -> str:
        return f"{self.label} pk={self.pk!r} ({self.origin}): {self.field} = {self.value}: {self.need}"


@dataclass
class Problems:
    """What the rows of a restore got wrong: the first ``limit`` in full, and a count."""

    limit: int = LIMIT
    shown: list[Problem] = field(default_factory=list)
    count: int = 0

    def add(self, label: str, pk: Any, origin: str, field_name: str, value: Any, need: str) -> None:
        """One value at fault; ``need`` says what is wrong ("needs at most 5 characters")."""
        self.count += 1
        if len(self.shown) < self.limit:
            self.shown.append(Problem(label, pk, origin, field_name, shorten(value), need))

    def extend(self, other: Problems) -> None:
        """Add what ``other`` found after these (a worker of ``restore --jobs``): the same as if found here."""
        self.count += other.count
        self.shown += other.shown[: max(0, self.limit - len(self.shown))]

    def __bool__(self) -> bool:
        return self.count > 0

    def error(self, what: str, advice: str) -> RestoreError:
        """One error listing the problems: ``what`` says what they are, ``advice`` what to do."""
        lines = [f"{self.count} {'value' if self.count == 1 else 'values'} {what}; nothing was restored:"]
        lines += [f"- {problem}" for problem in self.shown]
        if self.count > len(self.shown):
            lines.append(f"- and {self.count - len(self.shown)} more.")
        lines.append(advice)
        return RestoreError("\n".join(lines))


def exception_reason(exc: BaseException) -> str:
    """An exception for an error message: its type and its text (a ValidationError's messages)."""
    messages = getattr(exc, "messages", None)
    text = " ".join(str(m) for m in messages) if messages else str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__

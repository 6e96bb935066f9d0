"""The names of a scratch restore's databases and lock, derived from the target's name (scratch.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

__all__ = ["ScratchNames"]


@dataclass(frozen=True)
class ScratchNames:
    """The databases of a restore into ``target``: where it is built, and where the old tables go."""

    target: str
    scratch: str
    trash: str

    @classmethod
    def of(cls, target: str) -> ScratchNames:
        digest = hashlib.sha1(target.encode()).hexdigest()
        base = target if len(target) <= 52 else f"{target[:43]}_{digest[:8]}"  # names have 64 characters at most
        return cls(target, f"{base}__lm_replay", f"{base}__lm_trash")

    @property
    def lock(self) -> str:
        return f"lino_migrate replay {hashlib.sha1(self.target.encode()).hexdigest()[:24]}"

    @property
    def grant_pattern(self) -> str:
        """The databases of GRANT ... ON `pattern`.* (``_`` is a wildcard there: escaped)."""
        base = self.scratch[: -len("__lm_replay")]
        return base.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "\\_\\_lm\\_%"

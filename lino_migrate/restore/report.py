"""What a restore works from and what it reports: the checked plan, and the rows per model."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import RestoreError
from ..manifest import Manifest
from ..plan import RestorePlan
from ..text import plural

__all__ = ["CheckedRestore", "RestoreReport", "migrate_failed"]


@dataclass(frozen=True)
class CheckedRestore:
    """What ``check()`` found sound: the dump's manifest, and the plan that matches it with the code."""

    manifest: Manifest
    plan: RestorePlan


@dataclass
class RestoreReport:
    """What a restore did (or, with ``dry_run``, would have done)."""

    database: str
    #: rows inserted (or matched, for ContentType and Permission) per current model
    rows: dict[str, int] = field(default_factory=dict)
    #: rows read per dumped model
    read: dict[str, int] = field(default_factory=dict)
    migrators: list[str] = field(default_factory=list)
    #: the Django migrations replayed after the rows were in ("app.name")
    replayed: list[str] = field(default_factory=list)
    #: versions assumed for apps the dump records none of (--assume-version)
    assumed: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    dry_run: bool = False

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def table(self) -> str:
        width = max([len("model")] + [len(label) for label in self.rows])
        lines = [f"{'model':<{width}}  {'rows':>10}", f"{'-' * width}  {'-' * 10}"]
        lines += [f"{label:<{width}}  {count:>10,}" for label, count in self.rows.items()]
        lines.append(f"{'total':<{width}}  {self.total:>10,}")
        if self.assumed:
            lines.append("Assumed for the dump (--assume-version): "
                         + ", ".join(f"{label} {version}" for label, version in sorted(self.assumed.items())) + ".")
        if self.replayed:
            lines.append(f"Replayed {plural(len(self.replayed), 'Django migration')} after loading the rows: {', '.join(self.replayed)}.")
        verb = "Would restore" if self.dry_run else "Restored"
        lines.append(f"{verb} {plural(self.total, 'row')} of {plural(len(self.rows), 'model')} into database "
                     f"{self.database!r} in {self.seconds:.1f} s" + (" (dry run: rolled back)." if self.dry_run else "."))
        return "\n".join(lines)


def migrate_failed(exc: Exception, left: str) -> RestoreError:
    """A migration of the new code failed on the rows the database holds now (``left``: what that left)."""
    return RestoreError(
        f"migrate failed on the rows this database holds now, before the dump's rows were loaded: "
        f"{type(exc).__name__}: {exc}. {left} Restore into an empty database (the dump's rows then meet the "
        f"migrations only where replay runs them), or fix the migration."
    )

"""How to fix what the plan finds: the migrator to write (one that would run for this dump), or what else.

A migrator runs for a dump when dumped < its version <= installed. When no
migrator could run (the dump was written by the installed version, or it
records no version of the app), the fix says what works instead.
"""

from __future__ import annotations

from django.db import models

from .migrators.loader import AppChain

__all__ = ["fix_prefix", "not_null_problem"]


def not_null_problem(label: str, f: models.Field, chains: list[AppChain]) -> str:
    app_label, _, model_name = label.partition(".")
    return (
        f"{label}.{f.name}: the dump has no value for this field, which is NOT NULL and has no default. "
        f"{fix_prefix(app_label, chains, label)}migrators.AddField({model_name!r}, {f.name!r}, default=...)."
    )


def fix_prefix(app_label: str, chains: list[AppChain], label: str | None = None) -> str:
    """The start of the fix: which migrator to write (one that would run for this dump), or what else."""
    for chain in chains:
        if chain.app_label == app_label and chain.installed is not None and chain.dumped is None:
            return (
                f"Fix: the dump records no version of {app_label} (it had none when it was dumped), so no migrator "
                f"of {app_label} runs for it. Restore with --assume-version {app_label}=VERSION (the release that "
                f"wrote the dump), and in a migrator of {app_label} with version = \"{chain.installed}\", add "
            )
        if chain.app_label == app_label and chain.installed is not None:
            if chain.dumped is not None and chain.dumped >= chain.installed:
                # Migrators run for dumped < version <= installed: none would run for a dump of this very version.
                exclude = f"leave it out with --exclude {label}, or " if label else ""
                return (
                    f"Fix: the dump was written by the installed version {chain.installed} of {app_label}, so no "
                    f"migrator runs for it: {exclude}give {app_label} a higher version and in a migrator of "
                    f"{app_label} with that version, add "
                )
            return f"Fix: in a migrator of {app_label} with version = \"{chain.installed}\", add "
    return "Fix: in a migrator of the app, add "

"""One line, not a traceback, for an exception that a command did not foresee."""

from __future__ import annotations

import functools
from typing import Any, Callable

from django.core.management.base import CommandError

from lino_migrate.errors import unexpected

__all__ = ["reports_unexpected"]


def reports_unexpected(command: str, state: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a command's ``handle()``: anything but a CommandError becomes one that names ``--traceback``.

    ``state`` says what the failure left (``"Nothing was written at TARGET."``).
    With ``--traceback`` the exception is raised as it is, to show where it happened.
    """

    def decorate(handle: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(handle)
        def guarded(self, *args: Any, **options: Any) -> Any:
            try:
                return handle(self, *args, **options)
            except CommandError:
                raise
            except Exception as exc:
                if options.get("traceback"):
                    raise
                raise CommandError(unexpected(exc, command, state)) from None

        return guarded

    return decorate

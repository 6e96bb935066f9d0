"""One line, not a traceback, for an exception that a command did not foresee, and for Ctrl-C."""

from __future__ import annotations

import functools
import signal
from typing import Any, Callable

from django.core.management.base import CommandError

from lino_migrate.errors import unexpected

__all__ = ["INTERRUPTED", "interrupted", "reports_unexpected"]

#: The exit status of a command stopped by Ctrl-C, as a shell gives it (128 + SIGINT).
INTERRUPTED = 128 + signal.SIGINT


def interrupted(command: str, state: str) -> CommandError:
    """The one line for Ctrl-C: what was interrupted and what it left (``state``); exit status 130."""
    return CommandError(f"{command} was interrupted (Ctrl-C); {state}", returncode=INTERRUPTED)


def reports_unexpected(
    command: str, state: str, interrupted_state: str | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a command's ``handle()``: anything but a CommandError becomes one line that names ``--traceback``.

    ``state`` says what the failure left (``"Nothing was written at TARGET."``),
    ``interrupted_state`` what Ctrl-C leaves (default: ``state``), exit status 130.
    With ``--traceback`` the exception is raised as it is, to show where it happened.
    """

    def decorate(handle: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(handle)
        def guarded(self, *args: Any, **options: Any) -> Any:
            try:
                return handle(self, *args, **options)
            except CommandError:
                raise
            except KeyboardInterrupt:
                if options.get("traceback"):
                    raise
                raise interrupted(command, _lower_first(interrupted_state or state)) from None
            except Exception as exc:
                if options.get("traceback"):
                    raise
                raise CommandError(unexpected(exc, command, state)) from None

        return guarded

    return decorate


def _lower_first(text: str) -> str:
    """"Nothing was changed." reads "...; nothing was changed." after a semicolon."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text

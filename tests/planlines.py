"""Read ``showdump``'s plan: the line of one app, ``  LABEL [DUMPED -> INSTALLED]: ROUTE``."""

from __future__ import annotations

import re

__all__ = ["route_of"]


def route_of(shown: str, app_label: str) -> str:
    """The route ``showdump`` printed for ``app_label`` (``replay 0002_x (1 migration)``, ``as is``, ...)."""
    found = re.findall(rf"^  {re.escape(app_label)}(?: \S+ -> \S+)?: (.*)$", shown, re.M)
    assert len(found) == 1, f"{len(found)} plan lines of {app_label} in\n{shown}"
    return found[0]

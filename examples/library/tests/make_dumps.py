#!/usr/bin/env python
"""Write the stored dumps of the released versions: tests/dumps/<version>/.

    python examples/library/tests/make_dumps.py [VERSION ...]   # default: 1.0 1.1

A release's dump is written once, when it is released, and then kept as it
is: it is what a site running that release would hand to the next one. For
each version this creates a new SQLite database with that release's code
(``LIBRARY_RELEASE=<version>``), fills it with ``demo_data --size 20`` and
writes ``dump2py tests/dumps/<version> library``.

Only the app ``library`` is dumped: a dump of Django's own apps records
Django's version, and could not be restored into an older Django, while the
tests run with every supported Django.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent  # examples/library, where manage.py is
SIZE = "20"


def make(version: str) -> None:
    target = HERE / "dumps" / version
    with tempfile.TemporaryDirectory(prefix=f"library-{version}-") as tmp:
        env = {k: v for k, v in os.environ.items() if k not in ("LM_DB", "LM_DB_NAME", "DJANGO_SETTINGS_MODULE")}
        env.update(LIBRARY_RELEASE=version, LIBRARY_DB=str(Path(tmp) / "library.sqlite3"))
        for args in (
            ["migrate", "--noinput", "-v0"],
            ["demo_data", "--size", SIZE],
            ["dump2py", str(target), "library", "--noinput", "--overwrite"],
        ):
            print(f"$ LIBRARY_RELEASE={version} python manage.py {' '.join(args)}", flush=True)
            subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT, env=env, check=True)


if __name__ == "__main__":
    for version in sys.argv[1:] or ["1.0", "1.1"]:
        make(version)

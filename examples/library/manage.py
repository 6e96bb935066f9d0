#!/usr/bin/env python
"""Django's command-line utility for the library example project."""

import os
import sys
from pathlib import Path


def main():
    here = Path(__file__).resolve().parent
    # Make the example runnable from a source checkout without installing lino-migrate.
    repo_root = here.parent.parent
    if (repo_root / "lino_migrate").is_dir() and str(repo_root) not in sys.path:
        sys.path.append(str(repo_root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

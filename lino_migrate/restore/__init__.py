"""Restore a dump: check it, then load it in one transaction (see ``run.py`` for the order of work).

The stages, each a module: ``read`` (the data files), ``decode`` (the codecs),
``route`` (directly or through the migrators), ``insert`` (in bulk), and
``run`` that drives them.
"""

from .run import CheckedRestore, Restore, RestoreReport
from .script import run_script

__all__ = ["CheckedRestore", "Restore", "RestoreReport", "run_script"]

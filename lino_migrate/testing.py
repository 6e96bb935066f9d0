"""Test helpers: prove in CI that old dumps still restore into today's code.

- ``restore_dump(path)`` restores a dump and returns its report;
- ``assert_double_dump(tmp_path)`` dumps, restores and dumps again, and fails
  with a readable diff when the two dumps differ;
- ``assert_same_dump(first, second)``: two dumps are the same but for their
  ``CREATED`` line;
- ``dumped_rows(path, label)`` and ``restore_plan(path)``: what a stored dump holds,
  and where a restore into today's code would take it, read without a database;
- ``RestoreTestCase`` restores one stored dump per released version.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, ClassVar, Sequence

from django.test import TransactionTestCase

from .datafile import read_rows
from .dump import Dumper
from .manifest import read_manifest
from .plan import RestorePlan, build_plan
from .restore import Restore, RestoreReport
from .verify import dump_differences

__all__ = ["RestoreTestCase", "assert_double_dump", "assert_same_dump", "dumped_rows", "restore_dump", "restore_plan"]


def restore_dump(path: Path | str, **options: Any) -> RestoreReport:
    """Restore the dump in ``path`` (no prompt) and return the report.

    ``options`` are those of ``Restore``: ``using``, ``quick``, ``validate``, ``dry_run``,
    ``exclude``, ``verbosity``. Raises the restore's error when it fails.
    """
    options.setdefault("verbosity", 0)
    options.setdefault("stdout", io.StringIO())
    options.setdefault("stderr", io.StringIO())
    restore = Restore(path, **options)
    return restore.run(restore.check())


def dumped_rows(path: Path | str, label: str) -> list[dict[str, Any]]:
    """The rows of model ``label`` as the dump in ``path`` holds them: attname -> value as written (JSON)."""
    manifest = read_manifest(path)
    info = manifest.models[label]
    names = [f.attname for f in info.fields]
    rows = []
    for name in info.files:
        rows += [dict(zip(names, values)) for _, values in read_rows(Path(path) / name, len(names))]
    return rows


def restore_plan(path: Path | str, exclude: Sequence[str] = ()) -> RestorePlan:
    """What ``showdump`` shows: the migrator chains and where each dumped model's rows would go."""
    return build_plan(read_manifest(path), exclude)


def assert_double_dump(tmp_path: Path | str, *, using: str = "default", **dump_options: Any) -> None:
    """Dump, restore that dump, dump again: both dumps must be identical.

    Only the ``CREATED`` line of ``restore.py`` may differ. A difference fails
    with a unified diff of the first files that differ.
    """
    tmp_path = Path(tmp_path)
    first, second = tmp_path / "first-dump", tmp_path / "second-dump"
    Dumper(first, using=using, verbosity=0, **dump_options).write()
    restore_dump(first, using=using)
    Dumper(second, using=using, verbosity=0, **dump_options).write()
    assert_same_dump(first, second)


def assert_same_dump(first: Path | str, second: Path | str) -> None:
    """Fail (AssertionError, with a short diff of each file that differs) unless the two dumps are
    the same bytes but for the ``CREATED`` line of restore.py."""
    problems = dump_differences(first, second)
    if problems:
        raise AssertionError("The second dump differs from the first:\n" + "\n".join(problems))


class RestoreTestCase(TransactionTestCase):
    """Restores one stored dump per released version into today's code.

    Keep a dump of each release in ``dumps_dir/<version>/`` (written by
    ``dump2py`` with that release) and list the versions in
    ``tested_versions``. Each one is restored (in a subTest) and then
    ``check_restored(version)`` runs, to assert what the data must look like.
    """

    dumps_dir: ClassVar[Path | str | None] = None
    tested_versions: ClassVar[Sequence[str]] = ()
    #: Options passed to ``restore_dump`` (e.g. ``{"quick": True}``).
    restore_options: ClassVar[dict[str, Any]] = {}

    def check_restored(self, version: str) -> None:
        """Override: assert what the database holds after restoring ``version``."""

    def test_restore_stored_dumps(self) -> None:
        if type(self) is RestoreTestCase:
            self.skipTest("RestoreTestCase itself tests nothing; subclass it")
        if self.dumps_dir is None or not self.tested_versions:
            self.fail(f"{type(self).__name__} must set dumps_dir and tested_versions")
        for version in self.tested_versions:
            with self.subTest(version=version):
                path = Path(self.dumps_dir) / version
                if not (path / "restore.py").is_file():
                    self.fail(f"No stored dump for version {version}: {path}/restore.py does not exist")
                self.last_report = restore_dump(path, **self.restore_options)
                self.check_restored(version)

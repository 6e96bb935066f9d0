#!/usr/bin/env python
"""Walk through lino-migrate's main job on the library example, end to end.

Run it from the repository root with a Python that has Django and lino-migrate
installed (or from a source checkout: manage.py then finds lino_migrate itself)::

    python examples/library/demo.py [--size N] [--keep]

It works in a fresh temporary directory (the database is a new SQLite file
there, passed to every command through the environment variable LIBRARY_DB),
so your own examples/library/library.sqlite3 is never touched:

1. ``manage.py migrate`` creates the database,
2. ``manage.py demo_data`` fills it,
3. a summary of the data is printed and every row is saved to a snapshot,
4. ``manage.py dump2py`` writes a Python dump,
5. ``manage.py showdump`` describes the dump,
6. the database is changed (loans deleted, a book edited, a member added),
7. ``manage.py run <dump>/restore.py`` restores the dump,
8. every row of every library model is compared, values and types, with the
   snapshot of step 3.

Each step prints the exact command it runs and that command's output. The
script exits with status 0 only if every step succeeded and the restored data
is identical to the original.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent  # examples/library, where manage.py is

# Step 6: change the database so that the restore has something to undo.
CHANGE_CODE = """\
from django.utils import timezone
from library.models import Book, Loan, Member
n = Loan.objects.count()
Loan.objects.all().delete()
book = Book.objects.order_by("pk").first()
book.title = "A title changed after the dump"
book.price = 0
book.save()
book.tags.clear()
Member.objects.create(name="Late Comer", email="late@example.org", joined=timezone.now())
print(f"deleted {n} loans, changed book #{book.pk} and removed its tags, added a member")
"""


class StepFailed(Exception):
    pass


class Demo:
    def __init__(self, workdir: Path, size: int):
        self.workdir = workdir
        self.db = workdir / "library.sqlite3"
        self.dump = workdir / "dump"
        self.size = size
        self.env = dict(os.environ)
        self.env["LIBRARY_DB"] = str(self.db)
        self.env["DJANGO_SETTINGS_MODULE"] = "library_site.settings"
        self.step_no = 0
        self.step_title = ""

    # -- helpers ----------------------------------------------------------

    def step(self, title: str) -> None:
        self.step_no += 1
        self.step_title = title
        line = f"Step {self.step_no}: {title}"
        print(f"\n{line}\n{'=' * len(line)}", flush=True)

    def manage(self, *args: str) -> None:
        """Run ``python manage.py ARGS`` in examples/library; its output goes to ours."""
        cmd = [sys.executable, "manage.py", *args]
        try:
            where = os.path.relpath(HERE)
        except ValueError:  # another drive on Windows
            where = str(HERE)
        print(f"[{where}]$ LIBRARY_DB={shlex.quote(str(self.db))} {shlex.join(cmd)}", flush=True)
        started = time.monotonic()
        result = subprocess.run(cmd, cwd=HERE, env=self.env)
        elapsed = time.monotonic() - started
        if result.returncode != 0:
            raise StepFailed(f"`manage.py {shlex.join(args)}` exited with status {result.returncode}")
        print(f"({elapsed:.1f} s, exit status 0)", flush=True)

    def snapshot(self, name: str) -> dict:
        path = self.workdir / f"{name}.json"
        self.manage("library_snapshot", str(path))
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    # -- the walk ---------------------------------------------------------

    def run(self) -> None:
        self.step("create a fresh database")
        self.manage("migrate", "--noinput")

        self.step("fill it with demo data")
        self.manage("demo_data", "--size", str(self.size))

        self.step("look at the data, and remember every row")
        self.manage("library_summary")
        before = self.snapshot("before")

        self.step("write a Python dump")
        self.manage("dump2py", str(self.dump), "--noinput")
        if not (self.dump / "restore.py").is_file():
            raise StepFailed(f"dump2py succeeded but wrote no {self.dump / 'restore.py'}")
        files = sorted(p for p in self.dump.rglob("*") if p.is_file())
        total = sum(p.stat().st_size for p in files)
        print(f"The dump is {len(files)} files, {total:,} bytes, in {self.dump}", flush=True)

        self.step("describe the dump")
        self.manage("showdump", str(self.dump))

        self.step("change the database after the dump")
        self.manage("shell", "-c", CHANGE_CODE)
        changed = self.snapshot("changed")
        diffs = compare(before, changed)
        if not diffs:
            raise StepFailed("the change did not change anything: the demonstration would prove nothing")
        print(f"The database now differs from the original in {len(diffs)} places, for example:")
        for d in diffs[:3]:
            print(f"  {d}")
        sys.stdout.flush()

        self.step("restore the dump")
        self.manage("run", str(self.dump / "restore.py"), "--noinput")

        self.step("compare every row with the original")
        self.manage("library_summary")
        after = self.snapshot("after")
        diffs = compare(before, after)
        if diffs:
            print(f"NOT identical: {len(diffs)} differences between the original and the restored data:")
            for d in diffs[:20]:
                print(f"  {d}")
            if len(diffs) > 20:
                print(f"  ... and {len(diffs) - 20} more")
            sys.stdout.flush()
            raise StepFailed(
                f"the restored data differs from the original "
                f"(compare {self.workdir / 'before.json'} with {self.workdir / 'after.json'})"
            )
        rows = sum(len(t["rows"]) for t in before.values())
        detail = ", ".join(f"{label} {len(t['rows'])}" for label, t in before.items())
        print(f"identical: {rows} rows in {len(before)} tables ({detail})", flush=True)


def compare(before: dict, after: dict) -> list[str]:
    """Differences between two snapshots (see library_snapshot), as readable lines."""
    diffs: list[str] = []
    for label in sorted(set(before) | set(after)):
        if label not in after:
            diffs.append(f"{label}: table missing")
            continue
        if label not in before:
            diffs.append(f"{label}: unexpected table")
            continue
        cols_b, cols_a = before[label]["columns"], after[label]["columns"]
        if cols_b != cols_a:
            diffs.append(f"{label}: columns {cols_b} became {cols_a}")
            continue
        # The first column is the primary key; key the rows by its repr.
        rows_b = {row[0][1]: row for row in before[label]["rows"]}
        rows_a = {row[0][1]: row for row in after[label]["rows"]}
        for pk in _sorted(rows_b.keys() - rows_a.keys()):
            diffs.append(f"{label} pk={pk}: missing")
        for pk in _sorted(rows_a.keys() - rows_b.keys()):
            diffs.append(f"{label} pk={pk}: unexpected row")
        for pk in _sorted(rows_b.keys() & rows_a.keys()):
            for col, vb, va in zip(cols_b, rows_b[pk], rows_a[pk]):
                if vb != va:
                    diffs.append(f"{label} pk={pk} {col}: {vb[1]} ({vb[0]}) became {va[1]} ({va[0]})")
    return diffs


def _sorted(keys) -> list[str]:
    """Primary keys (as reprs) in a natural order: 2 before 10."""
    return sorted(keys, key=lambda k: (len(k), k))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=50, help="number of books to create (default 50)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory even on success")
    opts = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="lino-migrate-demo-"))
    print(f"lino-migrate demo: library example, SQLite, in {workdir}")
    print(f"Python: {sys.executable}", flush=True)
    demo = Demo(workdir, opts.size)
    try:
        demo.run()
    except StepFailed as e:
        print(f"\nDEMO FAILED at step {demo.step_no} ({demo.step_title}): {e}", file=sys.stderr)
        print(f"The files are kept in {workdir}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\nInterrupted at step {demo.step_no}; the files are kept in {workdir}", file=sys.stderr)
        return 130
    except Exception as e:  # a bug in this script itself
        print(f"\nDEMO FAILED at step {demo.step_no} ({demo.step_title}): "
              f"{type(e).__name__}: {e}", file=sys.stderr)
        print(f"The files are kept in {workdir}", file=sys.stderr)
        raise
    print("\nDemo succeeded: the dump restored every row exactly.")
    if opts.keep:
        print(f"The files are kept in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

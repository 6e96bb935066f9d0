#!/usr/bin/env python
"""Walk through an upgrade of the library example, from release 1.0 to 2.0.

Run it from the repository root with a Python that has Django and lino-migrate
installed (or from a source checkout: manage.py then finds lino_migrate itself)::

    python examples/library/demo.py [--size N] [--keep]

The code of each release of the app ``library`` is in ``releases/<version>/``;
the environment variable ``LIBRARY_RELEASE`` chooses the one a command runs
with (which is what ``pip install -U`` does on a real site). Everything
happens in a new temporary directory, on SQLite (``LIBRARY_DB`` names the
file), so your own examples/library/library.sqlite3 is never touched:

1. with release 1.0: ``migrate`` creates a database, ``demo_data`` fills it;
2. the data of 1.0 is shown, and every row saved to a snapshot;
3. ``dump2py`` writes a Python dump of it;
4. switch to release 2.0: ``showdump`` shows the plan, the migrators 1.1 and
   2.0 included;
5. ``run <dump>/restore.py`` restores the dump into a new, empty database;
6. the data of 2.0 is shown, and checked against the snapshot of 1.0:
   every author's name split into first and last name, every member a
   reader, every returned loan with its Return, no tags, nothing else
   changed (down to the microsecond);
7. for comparison, the 1.0 database is brought to 2.0 by Django's own
   migrations: both ways must give the very same rows.

Each step prints the exact command it runs and that command's output. The
script exits with status 0 only if every step succeeded and every check held.
"""

from __future__ import annotations

import argparse
import ast
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
OLD, NEW = "1.0", "2.0"


class StepFailed(Exception):
    pass


class Demo:
    def __init__(self, workdir: Path, size: int):
        self.workdir = workdir
        self.old_db = workdir / f"library-{OLD}.sqlite3"
        self.new_db = workdir / f"library-{NEW}.sqlite3"
        self.dump = workdir / "dump"
        self.size = size
        self.env = {k: v for k, v in os.environ.items() if k not in ("LM_DB_NAME", "LIBRARY_DB", "LIBRARY_RELEASE")}
        self.env["LM_DB"] = "sqlite"
        self.env["DJANGO_SETTINGS_MODULE"] = "library_site.settings"
        self.step_no = 0
        self.step_title = ""

    # -- helpers ----------------------------------------------------------

    def step(self, title: str) -> None:
        self.step_no += 1
        self.step_title = title
        line = f"Step {self.step_no}: {title}"
        print(f"\n{line}\n{'=' * len(line)}", flush=True)

    def manage(self, release: str, db: Path, *args: str) -> None:
        """Run ``python manage.py ARGS`` in examples/library with a release and a database."""
        cmd = [sys.executable, "manage.py", *args]
        try:
            where = os.path.relpath(HERE)
        except ValueError:  # another drive on Windows
            where = str(HERE)
        print(f"[{where}]$ LIBRARY_RELEASE={release} LIBRARY_DB={shlex.quote(db.name)} {shlex.join(cmd)}", flush=True)
        started = time.monotonic()
        result = subprocess.run(cmd, cwd=HERE, env={**self.env, "LIBRARY_RELEASE": release, "LIBRARY_DB": str(db)})
        elapsed = time.monotonic() - started
        if result.returncode != 0:
            raise StepFailed(f"`LIBRARY_RELEASE={release} manage.py {shlex.join(args)}` exited with status {result.returncode}")
        print(f"({elapsed:.1f} s, exit status 0)", flush=True)

    def snapshot(self, release: str, db: Path, name: str) -> dict:
        path = self.workdir / f"{name}.json"
        self.manage(release, db, "library_snapshot", str(path))
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    # -- the walk ---------------------------------------------------------

    def run(self) -> None:
        print(f"The databases are SQLite files in {self.workdir}", flush=True)
        self.step(f"release {OLD}: create a database and fill it with demo data")
        self.manage(OLD, self.old_db, "migrate", "--noinput", "-v", "1")
        self.manage(OLD, self.old_db, "demo_data", "--size", str(self.size))

        self.step(f"release {OLD}: look at the data, and remember every row")
        self.manage(OLD, self.old_db, "library_summary")
        before = self.snapshot(OLD, self.old_db, "before")

        self.step(f"release {OLD}: write a Python dump")
        self.manage(OLD, self.old_db, "dump2py", str(self.dump), "--noinput")
        if not (self.dump / "restore.py").is_file():
            raise StepFailed(f"dump2py succeeded but wrote no {self.dump / 'restore.py'}")
        files = sorted(p for p in self.dump.rglob("*") if p.is_file())
        total = sum(p.stat().st_size for p in files)
        print(f"The dump is {len(files)} files, {total:,} bytes, in {self.dump}", flush=True)

        self.step(f"switch to release {NEW}: what the dump holds, and the plan to restore it")
        print(f"The code of {NEW} (releases/{NEW}/library) renamed Member to Reader and split Author.name (1.1),\n"
              f"moved Loan.returned_at and Loan.fee into a new model Return and dropped Tag (2.0).", flush=True)
        self.manage(NEW, self.new_db, "showdump", str(self.dump))

        self.step(f"release {NEW}: restore the dump into a new database")
        self.manage(NEW, self.new_db, "run", str(self.dump / "restore.py"), "--noinput")

        self.step(f"release {NEW}: look at the data, and check it against the data of {OLD}")
        self.manage(NEW, self.new_db, "library_summary")
        restored = self.snapshot(NEW, self.new_db, "restored")
        problems, facts = check_upgrade(before, restored)
        if problems:
            print(f"WRONG: {len(problems)} problems in the restored data:")
            for p in problems[:20]:
                print(f"  {p}")
            if len(problems) > 20:
                print(f"  ... and {len(problems) - 20} more")
            sys.stdout.flush()
            raise StepFailed(
                f"the restored data is not the data of {OLD} brought to {NEW} "
                f"(compare {self.workdir / 'before.json'} with {self.workdir / 'restored.json'})"
            )
        for fact in facts:
            print(f"  ok: {fact}")
        sys.stdout.flush()

        self.step(f"for comparison: bring the {OLD} database to {NEW} with Django's migrations")
        self.manage(NEW, self.old_db, "migrate", "--noinput")
        migrated = self.snapshot(NEW, self.old_db, "migrated")
        diffs = compare(migrated, restored)
        if diffs:
            print(f"DIFFERENT: {len(diffs)} differences between the migrated and the restored data:")
            for d in diffs[:20]:
                print(f"  {d}")
            sys.stdout.flush()
            raise StepFailed("the migrators and Django's migrations do not agree")
        rows = sum(len(t["rows"]) for t in restored.values())
        print(f"identical: {rows} rows in {len(restored)} tables, restored through the migrators "
              f"or migrated by Django", flush=True)


# -- checks ------------------------------------------------------------------


def rows_of(snapshot: dict, label: str) -> list[dict]:
    """The rows of a model in a snapshot (see library_snapshot), as {attname: [type, repr]}."""
    table = snapshot.get(label)
    if table is None:
        return []
    return [dict(zip(table["columns"], row)) for row in table["rows"]]


def value(cell: list) -> object:
    """The Python value of a str, int or None cell."""
    return ast.literal_eval(cell[1])


def split_name(name: str) -> tuple[str, str]:
    """Release 1.1's rule, written again: split at the first space; without a space, all last name."""
    if " " not in name:
        return "", name
    first, last = name.split(" ", 1)
    return first, last


def check_upgrade(old: dict, new: dict) -> tuple[list[str], list[str]]:
    """What must hold between the snapshot of 1.0 and that of 2.0: (problems, facts checked)."""
    problems: list[str] = []
    facts: list[str] = []
    expected_tables = ["library.Author", "library.Book", "library.Reader", "library.Loan", "library.Return"]
    if sorted(new) != sorted(expected_tables):
        problems.append(f"2.0 has the tables {sorted(new)}, not {sorted(expected_tables)}")

    def same(what: str, a: dict, b: dict, pairs: list[tuple[str, str]]) -> None:
        for old_key, new_key in pairs:
            if a.get(old_key) != b.get(new_key):
                problems.append(f"{what}: {old_key} {a.get(old_key)} became {new_key} {b.get(new_key)}")

    # 1.1 split Author.name at the first space.
    authors = {value(r["id"]): r for r in rows_of(new, "library.Author")}
    old_authors = rows_of(old, "library.Author")
    for row in old_authors:
        pk = value(row["id"])
        author = authors.get(pk)
        if author is None:
            problems.append(f"Author #{pk} is missing")
            continue
        expected = split_name(value(row["name"]))
        got = (value(author["first_name"]), value(author["last_name"]))
        if got != expected:
            problems.append(f"Author #{pk} {value(row['name'])!r}: first and last name are {got}, not {expected}")
        same(f"Author #{pk}", row, author, [("birth_date", "birth_date")])
    if len(authors) != len(old_authors):
        problems.append(f"{len(old_authors)} authors became {len(authors)}")
    facts.append(f"{len(authors)} authors: every name split at its first space "
                 f"(e.g. {value(old_authors[5]['name'])!r} -> {split_name(value(old_authors[5]['name']))})")

    # Books: unchanged but for their tags.
    books = {value(r["id"]): r for r in rows_of(new, "library.Book")}
    old_books = rows_of(old, "library.Book")
    for row in old_books:
        pk = value(row["id"])
        if pk not in books:
            problems.append(f"Book #{pk} is missing")
            continue
        same(f"Book #{pk}", row, books[pk], [(k, k) for k in ("title", "author_id", "isbn", "published", "price")])
    if len(books) != len(old_books):
        problems.append(f"{len(old_books)} books became {len(books)}")
    facts.append(f"{len(books)} books, titles, ISBNs, dates and Decimal prices unchanged")

    # 1.1 renamed Member to Reader.
    readers = {value(r["id"]): r for r in rows_of(new, "library.Reader")}
    old_members = rows_of(old, "library.Member")
    for row in old_members:
        pk = value(row["id"])
        if pk not in readers:
            problems.append(f"Member #{pk} did not become a reader")
            continue
        same(f"Reader #{pk}", row, readers[pk], [(k, k) for k in ("name", "email", "joined")])
    if len(readers) != len(old_members):
        problems.append(f"{len(old_members)} members became {len(readers)} readers")
    facts.append(f"{len(readers)} members are now readers, with the same ids, names, e-mails and join times")

    # 2.0 moved Loan.returned_at and Loan.fee into Return; 1.1 renamed Loan.member to Loan.reader.
    loans = {value(r["id"]): r for r in rows_of(new, "library.Loan")}
    returns = {value(r["loan_id"]): r for r in rows_of(new, "library.Return")}
    old_loans = rows_of(old, "library.Loan")
    returned = 0
    for row in old_loans:
        pk = value(row["id"])
        if pk not in loans:
            problems.append(f"Loan #{pk} is missing")
            continue
        same(f"Loan #{pk}", row, loans[pk], [("book_id", "book_id"), ("member_id", "reader_id"), ("lent_at", "lent_at")])
        if row["returned_at"][1] == "None":
            if pk in returns:
                problems.append(f"Loan #{pk} was not returned, yet has a Return")
            continue
        returned += 1
        ret = returns.get(pk)
        if ret is None:
            problems.append(f"Loan #{pk} was returned, but has no Return")
            continue
        same(f"Return of loan #{pk}", row, ret, [("returned_at", "returned_at"), ("fee", "fee")])
    if len(loans) != len(old_loans):
        problems.append(f"{len(old_loans)} loans became {len(loans)}")
    if len(returns) != returned:
        problems.append(f"{returned} returned loans became {len(returns)} Return rows")
    facts.append(f"{len(loans)} loans, lent to the same readers at the same instants")
    facts.append(f"{returned} returned loans: each has its Return, with the same returned_at and fee; "
                 f"the {len(old_loans) - returned} open loans have none")

    # Microseconds: every datetime of 1.0 has some, and the comparisons above are of exact reprs.
    stamps = [r[k][1] for r in old_loans for k in ("lent_at", "returned_at") if r[k][1] != "None"]
    stamps += [r["joined"][1] for r in old_members]
    with_micro = [s for s in stamps if s.count(",") >= 7]  # datetime(y, m, d, H, M, S, µs, tzinfo=...)
    if not stamps or len(with_micro) != len(stamps):
        problems.append(f"only {len(with_micro)} of {len(stamps)} datetimes of {OLD} have microseconds: the check proves less")
    facts.append(f"{len(stamps)} datetimes compared exactly, microseconds included "
                 f"(e.g. {stamps[0]})")

    # 2.0 dropped Tag.
    tags = len(rows_of(old, "library.Tag")), len(rows_of(old, "library.Book_tags"))
    if "library.Tag" in new or "library.Book_tags" in new:
        problems.append("Tag or Book.tags is still there")
    facts.append(f"{tags[0]} tags and {tags[1]} book tags of {OLD} are gone with their model")
    return problems, facts


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
    print(f"lino-migrate demo: upgrade the library example from {OLD} to {NEW}, on SQLite")
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
    print(f"\nDemo succeeded: the dump of {OLD} restored into {NEW}, every row where it belongs.")
    if opts.keep:
        print(f"The files are kept in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A real third-party stack: a Wagtail site with django-reversion, dumped and restored with default options.

The demo content is made through Wagtail's own API (tests/wagtailsite: pages
with a StreamField and tags, revisions, images, the search index, reversion
history). Every row must come back equal (JSON as documents) and every page
must be served the same (status and HTML) after the restore into a new
database; and a dump of SQLite restores into PostgreSQL.

Everything runs in subprocesses with ``tests.project.settings_sites``, on
databases of their own (``lm_sites_<pid>_...``), created and dropped here.
Wagtail and django-reversion come from the ``sites`` extra, which dev.py
installs under Django 5.2 only; elsewhere the module is skipped (under
CI=true with Django 5.2 it fails instead).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from importlib.util import find_spec
from pathlib import Path

import django
import pytest

from .conftest import DB, IN_CI, REPO

#: The Django releases the ``sites`` extra is installed for (dev.py SITES_DJANGO).
SITES_DJANGO = {(5, 2)}
MISSING = [name for name in ("wagtail", "reversion") if find_spec(name) is None]
if MISSING:
    reason = f"{', '.join(MISSING)} not installed (pip install -e .[sites]; dev.py does it under Django 5.2)"
    if IN_CI and django.VERSION[:2] in SITES_DJANGO:
        raise RuntimeError(f"CI=true and {reason}: the sites tests must run under Django 5.2")
    pytest.skip(reason, allow_module_level=True)

pytestmark = pytest.mark.sites
SETTINGS = "tests.project.settings_sites"


class Database:
    """A database of the sites tests, on one vendor, created empty and dropped at the end."""

    def __init__(self, vendor: str, name: str, tmp: Path):
        self.vendor = vendor
        self.name = str(tmp / f"{name}.sqlite3") if vendor == "sqlite" else name
        if vendor == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
        elif vendor == "mariadb":
            self._admin(f"DROP DATABASE IF EXISTS `{name}`", f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin")

    def drop(self) -> None:
        if self.vendor == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        elif self.vendor == "mariadb":
            self._admin(f"DROP DATABASE IF EXISTS `{self.name}`")

    def _admin(self, *statements: str) -> None:
        from django.conf import settings

        db = settings.DATABASES["default"]
        if self.vendor == "postgresql":
            import psycopg

            with psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"],
                                 dbname="postgres", autocommit=True) as conn:
                for statement in statements:
                    conn.execute(statement)
        else:
            import MySQLdb

            conn = MySQLdb.connect(host=db["HOST"], port=int(db["PORT"]), user=db["USER"], password=db["PASSWORD"])
            try:
                for statement in statements:
                    conn.cursor().execute(statement)
            finally:
                conn.close()

    def manage(self, *args: str, media: Path, check: bool = True) -> subprocess.CompletedProcess:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "LM_DB": self.vendor,
            "LM_DB_NAME": self.name,
            "LM_MEDIA_ROOT": str(media),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")])),
            "PYTHONUNBUFFERED": "1",
        }
        result = subprocess.run([sys.executable, "-m", "django", *args], cwd=REPO, env=env, capture_output=True,
                                text=True, timeout=900)
        if check:
            assert result.returncode == 0, (
                f"{args} on {self.vendor} exited {result.returncode}\nstdout:\n{result.stdout[-4000:]}\n"
                f"stderr:\n{result.stderr[-4000:]}"
            )
        return result

    def state(self, media: Path) -> tuple[dict, dict]:
        """The pages as served (first: serving may make image renditions), then every row."""
        pages = json.loads(self.manage("sites_state", "pages", media=media).stdout)
        rows = json.loads(self.manage("sites_state", "rows", media=media).stdout)
        return pages, rows


def timed(what: str, timings: list, func, *args, **kwargs):
    started = time.monotonic()
    try:
        return func(*args, **kwargs)
    finally:
        timings.append(f"{what}: {time.monotonic() - started:.1f} s")


def demo_site(database: Database, media: Path, timings: list) -> tuple[dict, dict]:
    """Migrate, make the demo content; the pages as served and the rows."""
    timed(f"migrate {database.vendor}", timings, database.manage, "migrate", "--noinput", "-v0", media=media)
    timed(f"demo {database.vendor}", timings, database.manage, "sites_demo", media=media)
    return database.state(media)


@pytest.fixture
def timings():
    spent: list[str] = []
    yield spent
    print(f"\nsites tests on {DB}: " + ", ".join(spent))


def assert_same_rows(before: dict, after: dict, leave_out: tuple[str, ...] = ()) -> None:
    """Every table has the same rows; ``leave_out``: app labels (with a dot) compared nowhere."""

    def kept(rows: dict) -> dict:
        tables = {label: table for label, table in rows.items() if not label.startswith(leave_out)}
        for label in ("contenttypes.ContentType", "auth.Permission"):  # by natural key: (app_label, ...)
            table = tables[label]
            app = (lambda row: row[1]) if label == "auth.Permission" else (lambda row: f"{row[0]}.")
            table["rows"] = [row for row in table["rows"] if not str(app(row)).startswith(leave_out)]
        return tables

    before, after = kept(before), kept(after)
    assert sorted(before) == sorted(after)
    differ = [label for label in before if before[label] != after[label]]
    assert not differ, "rows differ in " + ", ".join(
        f"{label} ({len(before[label]['rows'])} rows before, {len(after[label]['rows'])} after)" for label in differ
    ) + "\nfirst: " + json.dumps([before[differ[0]], after[differ[0]]], ensure_ascii=False)[:3000]


def assert_demo_content(pages: dict, rows: dict) -> None:
    """The demo site has what the test is about (else an equal comparison proves little)."""
    assert {url: status for url, (status, _) in pages.items()} == {
        "/": 200, "/news/": 200, "/news/story-0/": 200, "/news/story-1/": 200, "/news/story-2/": 200,
        "/news/unpublished/": 404, "/no-such-page/": 404,
    }
    assert '<section class="related"><a href="/">Home</a></section>' in pages["/news/"][1]
    for label in ("wagtailcore.Revision", "wagtailsite.ArticleTag", "wagtailimages.Image", "wagtailimages.Rendition",
                  "wagtailsearch.IndexEntry", "reversion.Version", "wagtailusers.UserProfile", "taggit.Tag"):
        assert rows[label]["rows"], label


def test_dump_and_restore_with_default_options_into_a_new_database(tmp_path, timings):
    media, dump = tmp_path / "media", tmp_path / "dump"
    database = Database(DB, f"lm_sites_{os.getpid()}_src", tmp_path)
    target = Database(DB, f"lm_sites_{os.getpid()}_dst", tmp_path)
    try:
        pages, rows = demo_site(database, media, timings)
        assert_demo_content(pages, rows)
        timed("dump2py", timings, database.manage, "dump2py", str(dump), "--noinput", media=media)
        manifest = (dump / "restore.py").read_text()
        if DB == "sqlite":  # the FTS5 index: the database fills it from wagtailsearch_indexentry
            assert "'wagtailsearch.SQLiteFTSIndexEntry': 'an SQLite virtual table (fts5" in manifest
            assert not (dump / "wagtailsearch_sqliteftsindexentry.py").exists()
            shown = database.manage("showdump", str(dump), media=media).stdout
            assert "wagtailsearch.SQLiteFTSIndexEntry" in shown and "not dumped: its table is an SQLite virtual table" in shown
        timed("restore", timings, target.manage, "restore", str(dump), "--noinput", media=media)
        after_pages, after_rows = target.state(media)
        assert_same_rows(rows, after_rows)
        assert after_pages == pages
        # The restored site works on: new pages, revisions, images, tags, users (the sequences follow the ids).
        target.manage("sites_demo", "--more", media=media)
        assert target.state(media)[0]["/news/after/"][0] == 200
    finally:
        database.drop()
        target.drop()


@pytest.mark.skipif(DB != "postgresql", reason="the SQLite-to-PostgreSQL restore runs in the PostgreSQL run")
def test_a_dump_of_sqlite_restores_into_postgresql(tmp_path, timings):
    source = Database("sqlite", "sqlite_source", tmp_path)
    source_media, dump = tmp_path / "media", tmp_path / "sqlite-dump"
    source_pages, source_rows = demo_site(source, source_media, timings)
    source.manage("dump2py", str(dump), "--noinput", media=source_media)
    target = Database("postgresql", f"lm_sites_{os.getpid()}_fromsqlite", tmp_path)
    try:
        timed("migrate postgresql", timings, target.manage, "migrate", "--noinput", "-v0", media=source_media)
        migrated = target.state(source_media)
        refused = target.manage("restore", str(dump), "--noinput", media=source_media, check=False)
        assert refused.returncode == 1, refused.stdout + refused.stderr
        assert (
            "wagtailsearch.IndexEntry: the dump was written on sqlite and this database is postgresql, and "
            "wagtailsearch 7.0"
        ) in refused.stderr, refused.stderr
        assert "Leave it out with --exclude wagtailsearch.IndexEntry" in refused.stderr
        assert target.state(source_media) == migrated  # refused before anything changed
        target.manage("restore", str(dump), "--noinput", "--exclude", "wagtailsearch.IndexEntry", media=source_media)
        after_pages, after_rows = target.state(source_media)
        # PostgreSQL also has tests.pgzoo (its tables are empty, as the SQLite dump has none of them);
        # zoo5.Virtual (a db_persist=False GeneratedField) has a table on SQLite only, and no rows here.
        assert_same_rows(source_rows, after_rows, leave_out=("wagtailsearch.", "pgzoo.", "zoo5.Virtual"))
        assert after_pages == source_pages
        target.manage("sites_demo", "--more", media=source_media)
    finally:
        target.drop()

"""Sites dumped under Wagtail 6.3 (Django 5.1) and 5.2 (Django 5.0) restore under the current Wagtail.

The stored fixtures, tests/dumps/wagtail-<release>/, were written by tests/oldwagtail/make_dump.py
(``python3 tests/oldwagtail/make_dump.py --wagtail <release>`` rewrites one): ``dump/`` is
``dump2py`` of a real little Wagtail site (tests/oldwagtail/fill.py), ``media/`` its image,
rendition and document files, and ``site.json`` what the site held as seen through the ORM under
the old release, with its pages as served (tests/oldwagtail/record.py). Here the real ``restore``
command loads the dump into a new SQLite database with the same settings
(tests/oldwagtail/settings.py), and the same record, taken under the current code, must be the
one stored: every page, revision, image, rendition, document, user, group, collection, workflow
state, redirect and reversion version, and every page served with the same status and HTML.

Wagtail 6.3 and 7.0 have the same migrations, so the 6.3 dump fits the current schema as it is.
The 5.2 dump does not: 15 Wagtail migrations and one of django-taggit lie between its recorded
state and the current one (fields and models removed, others added or altered), which the
restore must run after loading the rows at the dump's state ("replay", issue 10).

The sqlite run restores both. The postgresql and mariadb runs restore the 5.2 dump, written on SQLite,
into a fresh database of their own (on MariaDB the replay is built in a scratch database and swapped
in: lino_migrate/restore/scratch.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import django
import pytest
from django.utils.html import escape

from lino_migrate.manifest import read_manifest

from .conftest import DB, IN_CI, REPO

MISSING = [name for name in ("wagtail", "reversion") if find_spec(name) is None]
if MISSING:
    reason = f"{', '.join(MISSING)} not installed (pip install -e .[sites]; dev.py does it under Django 5.2)"
    if IN_CI and django.VERSION[:2] == (5, 2):
        raise RuntimeError(f"CI=true and {reason}: the sites tests must run under Django 5.2")
    pytest.skip(reason, allow_module_level=True)

pytestmark = [
    pytest.mark.sites,
    pytest.mark.skipif(DB not in ("sqlite", "postgresql", "mariadb"), reason=f"no target database for {DB}"),
]
#: Each fixture's release and the Django it ran on.
RELEASES = {"6.3": "5.1.", "5.2": "5.0."}
#: The releases restored in this run: on PostgreSQL and MariaDB the one that replays.
RESTORED = sorted(RELEASES, reverse=True) if DB == "sqlite" else ["5.2"]


@pytest.fixture
def target(tmp_path):
    """Where the site is restored: a new SQLite file, or a new PostgreSQL or MariaDB database of this run's own."""
    if DB == "sqlite":
        yield {"LM_DB_NAME": str(tmp_path / "restored.sqlite3")}
        return
    if DB == "postgresql":
        from .dbstate import fresh_database

        with fresh_database(tmp_path, "wagtail") as name:
            yield {"LM_DB_NAME": name, "LM_OLDWAGTAIL_DB": "postgresql"}
        return
    from tests.replaydb import database_name, server

    name = database_name("wagtail52")
    conn = server()
    cursor = conn.cursor()
    for database in (name, f"{name}__lm_replay", f"{name}__lm_trash"):
        cursor.execute(f"DROP DATABASE IF EXISTS `{database}`")
    cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin")
    try:
        yield {"LM_DB_NAME": name, "LM_OLDWAGTAIL_DB": "mariadb"}
        cursor.execute("SHOW DATABASES")
        assert [row[0] for row in cursor.fetchall() if row[0].startswith(f"{name}__lm_")] == []  # nothing left behind
    finally:
        cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        conn.close()


def manage(tmp: Path, release: str, target: dict, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        **target,
        "DJANGO_SETTINGS_MODULE": "tests.oldwagtail.settings",
        "LM_OLDWAGTAIL": release,
        "LM_MEDIA_ROOT": str(tmp / "media"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")])),
        "PYTHONUNBUFFERED": "1",
    }
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=600)


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, (
        f"{result.args[2:]} exited {result.returncode}\nstdout:\n{result.stdout[-4000:]}\nstderr:\n{result.stderr[-4000:]}"
    )
    return result.stdout


@pytest.mark.parametrize("release", RESTORED)
def test_an_old_wagtail_dump_restores_under_the_current_wagtail(tmp_path, release, target):
    stored = REPO / "tests" / "dumps" / f"wagtail-{release}"
    manifest = read_manifest(stored / "dump")
    assert manifest.apps["wagtailcore"].version.startswith(f"{release}."), manifest.apps["wagtailcore"]
    assert manifest.stamps["django"].startswith(RELEASES[release]), manifest.stamps["django"]
    before = json.loads((stored / "site.json").read_text())
    shutil.copytree(stored / "media", tmp_path / "media")

    restored = ok(manage(tmp_path, release, target, "django", "restore", str(stored / "dump"), "--noinput"))
    replayed = {"6.3": 0, "5.2": 16}[release]  # the Wagtail migrations between the release and 7.0
    if replayed:
        # The rows went in at the dump's state; the report counts what the current models hold after the migrations.
        assert f"Replayed {replayed} Django migrations after loading the rows: " in restored, restored
    else:
        rows = sum(model.rows for model in manifest.models.values())
        assert f"Restored {rows} rows of {len(manifest.models)} models" in restored, restored
        assert "Replayed" not in restored
    # The database is at the current code's migrations: nothing is left for `migrate` to do.
    ok(manage(tmp_path, release, target, "django", "migrate", "--check", "--noinput"))

    after = json.loads(ok(manage(tmp_path, release, target, "tests.oldwagtail.record")))
    assert [page["url_path"] for page in after["pages"]] == [page["url_path"] for page in before["pages"]]
    for old, new in zip(before["pages"], after["pages"]):
        assert new == old, f"page {old['url_path']} differs after the restore"
    per_page = [sum(r["object"][1] == str(page["id"]) for r in before["revisions"]) for page in before["pages"][1:]]
    assert min(per_page) >= 1 and max(per_page) >= 3, per_page  # what the fixture is about: several per page
    assert len(after["revisions"]) == len(before["revisions"])
    for old, new in zip(before["revisions"], after["revisions"]):
        assert new == old, f"revision {old['id']} of {old['object']} differs after the restore"
    assert after["images"] == before["images"]
    assert any(image["renditions"] for image in before["images"])

    live = [url for url, page in before["served"].items() if page["status"] == 200]
    assert len(live) >= 4, before["served"]
    for url in live:
        page = after["served"][url]
        assert page["status"] == 200, f"{url} is served with status {page['status']} after the restore"
        title = escape(page["title"])
        assert f"<title>{title}</title>" in page["html"] and f"<h1>{title}</h1>" in page["html"], url
    assert {url: page["status"] for url, page in after["served"].items()} == {
        url: page["status"] for url, page in before["served"].items()
    }
    differ = [key for key in before if after.get(key) != before[key]]
    assert not differ, f"the restored site differs from the one dumped under Wagtail {release} in: {', '.join(differ)}"

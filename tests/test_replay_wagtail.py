"""A site dumped under Wagtail 6.3 (Django 5.1) restores under the current Wagtail (the ``sites`` extra).

The stored fixture, tests/dumps/wagtail-6.3/, was written by tests/oldwagtail/make_dump.py
(``python3 tests/oldwagtail/make_dump.py`` rewrites it): ``dump/`` is ``dump2py`` of a real
little Wagtail site (tests/oldwagtail/fill.py), ``media/`` its image, rendition and document
files, and ``site.json`` what the site held as seen through the ORM under 6.3, with its pages as
served (tests/oldwagtail/record.py). Here the real ``restore`` command loads the dump into a new
SQLite database with the same settings (tests/oldwagtail/settings.py), and the same record, taken
under the current code, must be the one stored: every page, revision, image, rendition, document,
user, group, collection, workflow state, redirect and reversion version, and every page served
with the same status and HTML.
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
    pytest.mark.skipif(DB != "sqlite", reason="the stored Wagtail 6.3 site is an SQLite one, restored in the sqlite run"),
]
STORED = REPO / "tests" / "dumps" / "wagtail-6.3"


def manage(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oldwagtail.settings",
        "LM_DB_NAME": str(tmp / "restored.sqlite3"),
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


def test_a_wagtail_63_dump_restores_under_the_current_wagtail(tmp_path):
    manifest = read_manifest(STORED / "dump")
    assert manifest.apps["wagtailcore"].version.startswith("6.3."), manifest.apps["wagtailcore"]
    assert manifest.stamps["django"].startswith("5.1."), manifest.stamps["django"]
    before = json.loads((STORED / "site.json").read_text())
    shutil.copytree(STORED / "media", tmp_path / "media")

    restored = ok(manage(tmp_path, "django", "restore", str(STORED / "dump"), "--noinput"))
    rows = sum(model.rows for model in manifest.models.values())
    assert f"Restored {rows} rows of {len(manifest.models)} models" in restored, restored
    # The database is at the current code's migrations: nothing is left for `migrate` to do.
    ok(manage(tmp_path, "django", "migrate", "--check", "--noinput"))

    after = json.loads(ok(manage(tmp_path, "tests.oldwagtail.record")))
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
        assert f"<title>{page['title']}</title>" in page["html"] and f"<h1>{page['title']}</h1>" in page["html"], url
    assert {url: page["status"] for url, page in after["served"].items()} == {
        url: page["status"] for url, page in before["served"].items()
    }
    differ = [key for key in before if after.get(key) != before[key]]
    assert not differ, f"the restored site differs from the one dumped under Wagtail 6.3 in: {', '.join(differ)}"

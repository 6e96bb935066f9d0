#!/usr/bin/env python3
"""Write the stored dump of a Wagtail 6.3 site, the fixture of the upgrade test tests/test_replay_wagtail.py.

Run it from the repository's root, with one command:

    python3 tests/oldwagtail/make_dump.py

It creates (once) the virtual environment .venv/<python>-wagtail6.3/ with Wagtail 6.3 LTS,
Django 5.1 (the newest Django that Wagtail 6.3 supports), django-reversion and Pillow, and
lino-migrate from this repository (editable). In a temporary directory it then makes an SQLite
database, migrates it, fills it (tests/oldwagtail/fill.py: pages with StreamField and rich text
bodies, revisions, images with renditions, documents, collections, users, groups, a redirect,
django-reversion history), records what the site holds as seen through the ORM and how its
pages are served (tests/oldwagtail/record.py), and writes it all to tests/dumps/wagtail-6.3/:

- dump/:     ``manage.py dump2py`` of the database;
- media/:    the image, rendition and document files the rows name;
- site.json: the record, which the test compares with the restored site's.

Each run writes a new site (new timestamps), so commit the three together.
``--keep DIR`` keeps the database (DIR/site.sqlite3) and its media (DIR/media) for a look.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "tests" / "dumps" / "wagtail-6.3"
SETTINGS = "tests.oldwagtail.settings"
#: What the old site runs on. Wagtail 6.3's last release declares Django 4.2, 5.0 and 5.1.
REQUIREMENTS = ["wagtail~=6.3.0", "Django~=5.1.0", "django-reversion>=5.1,<7", "Pillow>=9.1"]


def venv() -> Path:
    """Create (once) and return the Python of the Wagtail 6.3 environment."""
    tag = "py%d.%d" % sys.version_info[:2]
    path = ROOT / ".venv" / f"{tag}-wagtail6.3"
    python = path / "bin" / "python"
    stamp = path / ".installed"
    wanted = "\n".join(REQUIREMENTS) + "\n" + (ROOT / "pyproject.toml").read_text()
    if stamp.exists() and stamp.read_text() == wanted:
        return python
    print(f"make_dump: setting up {path.relative_to(ROOT)}", flush=True)
    if not python.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(path)])
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.check_call(pip + ["-e", str(ROOT), *REQUIREMENTS])
    stamp.write_text(wanted)
    return python


def run(python: Path, env: dict[str, str], *args: str, stdout=None) -> None:
    print("make_dump:", " ".join(args), flush=True)
    subprocess.run([str(python), *args], cwd=ROOT, env=env, check=True, stdout=stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="an empty or new directory: keep the database and media there")
    args = parser.parse_args()
    python = venv()
    with tempfile.TemporaryDirectory(prefix="lm_oldwagtail_") as tmp:
        work = Path(tmp)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            if any(args.keep.iterdir()):
                parser.error(f"--keep {args.keep}: not empty")
            work = args.keep.resolve()
        media, dump = work / "media", work / "dump"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "LM_DB_NAME": str(work / "site.sqlite3"),
            "LM_MEDIA_ROOT": str(media),
            "PYTHONPATH": str(ROOT),
            "PYTHONUNBUFFERED": "1",
        }
        run(python, env, "-m", "django", "migrate", "--noinput", "-v0")
        # The site app's migrations are complete under Wagtail 6.3 too (they were made under 7.0).
        run(python, env, "-m", "django", "makemigrations", "--check", "--dry-run", "wagtailsite")
        run(python, env, "-m", "tests.oldwagtail.fill")
        with open(work / "site.json", "w") as out:  # serving the pages first makes the renditions
            run(python, env, "-m", "tests.oldwagtail.record", stdout=out)
        run(python, env, "-m", "django", "dump2py", str(dump), "--noinput")
        if TARGET.exists():
            shutil.rmtree(TARGET)
        TARGET.mkdir(parents=True)
        shutil.copytree(dump, TARGET / "dump")
        shutil.copytree(media, TARGET / "media")
        shutil.copy(work / "site.json", TARGET / "site.json")
    size = sum(p.stat().st_size for p in TARGET.rglob("*") if p.is_file())
    print(f"make_dump: wrote {TARGET.relative_to(ROOT)} ({size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

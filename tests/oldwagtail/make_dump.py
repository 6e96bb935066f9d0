#!/usr/bin/env python3
"""Write the stored dump of an old Wagtail site, a fixture of the upgrade test tests/test_replay_wagtail.py.

Run it from the repository's root, with one command:

    python3 tests/oldwagtail/make_dump.py                  # Wagtail 6.3 LTS: tests/dumps/wagtail-6.3/
    python3 tests/oldwagtail/make_dump.py --wagtail 5.2    # Wagtail 5.2 LTS: tests/dumps/wagtail-5.2/

It creates (once) the virtual environment .venv/<python>-wagtail<release>/ with that Wagtail,
the newest Django it supports (5.1 for 6.3, 5.0 for 5.2, as their last releases declare),
django-reversion, Pillow, and lino-migrate from this repository (editable). In a temporary
directory it then makes an SQLite database, migrates it, fills it (tests/oldwagtail/fill.py:
pages with StreamField and rich text bodies, revisions, images with renditions, documents,
collections, users, groups, a workflow, redirects, django-reversion history), records what the
site holds as seen through the ORM and how its pages are served (tests/oldwagtail/record.py),
and writes it all to tests/dumps/wagtail-<release>/:

- dump/:     ``manage.py dump2py`` of the database;
- media/:    the image, rendition and document files the rows name;
- site.json: the record, which the test compares with the restored site's.

The settings are tests/oldwagtail/settings.py, with ``LM_OLDWAGTAIL=<release>``. Each run writes
a new site (new timestamps), so commit the three together. ``--keep DIR`` keeps the database
(DIR/site.sqlite3) and its media (DIR/media) for a look.
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
SETTINGS = "tests.oldwagtail.settings"
COMMON = ["django-reversion>=5.1,<7", "Pillow>=9.1"]
#: What each old site runs on: Wagtail 6.3.8 declares Django 4.2 to 5.1, Wagtail 5.2.8 3.2 to 5.0.
REQUIREMENTS = {
    "6.3": ["wagtail~=6.3.0", "Django~=5.1.0", *COMMON],
    "5.2": ["wagtail~=5.2.0", "Django~=5.0.0", *COMMON],
}


def venv(release: str) -> Path:
    """Create (once) and return the Python of the environment of this Wagtail release."""
    tag = "py%d.%d" % sys.version_info[:2]
    path = ROOT / ".venv" / f"{tag}-wagtail{release}"
    python = path / "bin" / "python"
    stamp = path / ".installed"
    wanted = "\n".join(REQUIREMENTS[release]) + "\n" + (ROOT / "pyproject.toml").read_text()
    if stamp.exists() and stamp.read_text() == wanted:
        return python
    print(f"make_dump: setting up {path.relative_to(ROOT)}", flush=True)
    if not python.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(path)])
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.check_call(pip + ["-e", str(ROOT), *REQUIREMENTS[release]])
    stamp.write_text(wanted)
    return python


def run(python: Path, env: dict[str, str], *args: str, stdout=None) -> None:
    print("make_dump:", " ".join(args), flush=True)
    subprocess.run([str(python), *args], cwd=ROOT, env=env, check=True, stdout=stdout)


def make(python: Path, release: str, work: Path, target: Path) -> None:
    """Make the site in ``work`` and store its dump, media and record in ``target``."""
    media, dump = work / "media", work / "dump"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "LM_OLDWAGTAIL": release,
        "LM_DB_NAME": str(work / "site.sqlite3"),
        "LM_MEDIA_ROOT": str(media),
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
    }
    run(python, env, "-m", "django", "migrate", "--noinput", "-v0")
    # The site app's migrations are complete under this release too (and under the current one).
    run(python, env, "-m", "django", "makemigrations", "--check", "--dry-run")
    run(python, env, "-m", "tests.oldwagtail.fill")
    with open(work / "site.json", "w") as out:  # serving the pages first makes the renditions
        run(python, env, "-m", "tests.oldwagtail.record", stdout=out)
    run(python, env, "-m", "django", "dump2py", str(dump), "--noinput")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copytree(dump, target / "dump")
    shutil.copytree(media, target / "media")
    shutil.copy(work / "site.json", target / "site.json")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wagtail", default="6.3", choices=sorted(REQUIREMENTS), help="the old release (default 6.3)")
    parser.add_argument("--keep", type=Path, help="an empty or new directory: keep the database and media there")
    args = parser.parse_args()
    target = ROOT / "tests" / "dumps" / f"wagtail-{args.wagtail}"
    python = venv(args.wagtail)
    with tempfile.TemporaryDirectory(prefix="lm_oldwagtail_") as tmp:
        work = Path(tmp)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            if any(args.keep.iterdir()):
                parser.error(f"--keep {args.keep}: not empty")
            work = args.keep.resolve()
        make(python, args.wagtail, work, target)
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"make_dump: wrote {target.relative_to(ROOT)} ({size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Developer entry point: each command sets up its own virtual environment.

    python3 dev.py example                 # the example: dump and restore a library site (SQLite)
    python3 dev.py test                    # the test suite: Django 5.2 on SQLite, PostgreSQL, MariaDB
    python3 dev.py test --django 4.2 --db sqlite
    python3 dev.py test --django 6.1 --python 3.12 --db sqlite -- -k roundtrip
    python3 dev.py bench -n 100000 --db sqlite

Virtual environments live in .venv/<python>-django<version>/ and are reused.
PostgreSQL and MariaDB tests skip with a reason when no server answers,
except with CI=true, where they must run.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DJANGO_SPECS = {"4.2": "Django~=4.2.0", "5.2": "Django~=5.2.0", "6.0": "Django~=6.0.0", "6.1": "Django~=6.1.0"}
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
#: The Django releases the `sites` extra (Wagtail, django-reversion: tests/test_sites.py) is installed for.
SITES_DJANGO = {"5.2"}


def find_python(version: str | None) -> str:
    if not version:
        return sys.executable
    candidates = sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}*/bin/python{version}")), reverse=True)
    candidates += [shutil.which(f"python{version}")]
    for candidate in candidates:
        if candidate and subprocess.call([candidate, "-c", "import venv"], stderr=subprocess.DEVNULL) == 0:
            return candidate
    sys.exit(f"dev.py: no Python {version} found (looked in ~/.pyenv/versions and on PATH)")


def venv(python: str, django: str) -> Path:
    """Create (once) and return a virtual environment with lino-migrate installed."""
    tag = subprocess.check_output([python, "-c", "import sys; print('py%d.%d' % sys.version_info[:2])"], text=True).strip()
    path = ROOT / ".venv" / f"{tag}-django{django}"
    bin_python = path / "bin" / "python"
    stamp = path / ".installed"
    extras = "test,postgresql,sites" if django in SITES_DJANGO else "test,postgresql"
    wanted = f"{DJANGO_SPECS[django]} [{extras}]\n{(ROOT / 'pyproject.toml').read_text()}"
    if stamp.exists() and stamp.read_text() == wanted:
        return bin_python
    print(f"dev.py: setting up {path.relative_to(ROOT)}", flush=True)
    if not bin_python.exists():
        subprocess.check_call([python, "-m", "venv", str(path)])
    pip = [str(bin_python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.check_call(pip + ["-e", f"{ROOT}[{extras}]", DJANGO_SPECS[django]])
    stamp.write_text(wanted)
    return bin_python


def mysql_driver(python: Path) -> str | None:
    """Install mysqlclient into the environment if it lacks it; None when it works, else why not."""
    has_driver = [str(python), "-c", "import MySQLdb"]
    if subprocess.call(has_driver, stderr=subprocess.DEVNULL) == 0:
        return None
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "mysqlclient>=2.2.1"]
    if subprocess.call(pip) == 0 and subprocess.call(has_driver, stderr=subprocess.DEVNULL) == 0:
        return None
    return "mysqlclient did not install (it compiles against libmariadb-dev, found with pkg-config)"


def cmd_test(args: argparse.Namespace) -> int:
    python = venv(find_python(args.python), args.django)
    failed = []
    summaries = []
    for db in args.db.split(","):
        print(f"\n=== tests: Django {args.django}, {db}, {python.parent.parent.name} ===", flush=True)
        problem = mysql_driver(python) if db == "mariadb" else None
        if problem and IN_CI:
            print(f"dev.py: {problem}; CI=true needs the MariaDB tests", flush=True)
            failed.append(f"{db} (no driver)")
            summaries.append(f"{db}: not run: {problem}")
            continue
        if problem:
            print(f"dev.py: MariaDB tests skipped: {problem}", flush=True)
            summaries.append(f"{db}: skipped: {problem}")
            continue
        with tempfile.TemporaryDirectory(prefix="lm-dev-") as scratch:
            summary_file = Path(scratch) / "summary.json"
            env = {**os.environ, "LM_DB": db, "PYTHONPATH": str(ROOT), "LM_TEST_SUMMARY": str(summary_file)}
            workers = ["-n", str(args.workers)] if args.workers > 1 else []
            code = subprocess.call([str(python), "-m", "pytest", *workers, *args.pytest_args], cwd=ROOT, env=env)
            summaries.append(f"{db}: {describe_counts(summary_file, code)}")
        if code != 0:
            failed.append(f"{db} (exit {code})")
    print(f"\ndev.py: Django {args.django}, {python.parent.parent.name}:", flush=True)
    for line in summaries:
        print(f"dev.py: {line}", flush=True)
    if failed:
        print(f"dev.py: tests failed on: {', '.join(failed)}", flush=True)
        return 1
    return 0


def describe_counts(summary_file: Path, code: int) -> str:
    """"530 passed, 0 failed, 12 skipped" from the counts that tests/conftest.py wrote for one run."""
    try:
        counts = json.loads(summary_file.read_text())
    except (OSError, ValueError):
        return f"no counts (pytest exit {code}: it stopped before the end)"
    text = f"{counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped"
    extra = [f"{counts[key]} {name}" for key, name in (("error", "errors"), ("xfailed", "xfailed"), ("xpassed", "xpassed")) if counts.get(key)]
    text += "".join(f", {item}" for item in extra)
    return text + (f" (pytest exit {code})" if code not in (0, 1) else "")


def cmd_example(args: argparse.Namespace) -> int:
    python = venv(find_python(args.python), args.django)
    return subprocess.call([str(python), str(ROOT / "examples" / "library" / "demo.py")], cwd=ROOT)


def cmd_bench(args: argparse.Namespace) -> int:
    python = venv(find_python(args.python), args.django)
    bench_args = [arg for arg in args.bench_args if arg != "--"]
    return subprocess.call([str(python), str(ROOT / "benchmarks" / "run.py"), *bench_args], cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, func in (("test", cmd_test), ("example", cmd_example), ("bench", cmd_bench)):
        sub = commands.add_parser(name)
        sub.set_defaults(func=func)
        sub.add_argument("--python", help="Python version, e.g. 3.12 (default: the one running dev.py)")
        sub.add_argument("--django", default="5.2", choices=sorted(DJANGO_SPECS), help="Django version (default 5.2)")
        if name == "test":
            sub.add_argument("--db", default="sqlite,postgresql,mariadb", help="comma-separated: sqlite,postgresql,mariadb")
            sub.add_argument("--workers", type=int, default=2, help="pytest-xdist workers (default 2; 1 runs in one process)")
            sub.add_argument("pytest_args", nargs="*", help="passed to pytest (put them after --)")
    args, unknown = parser.parse_known_args()
    if args.command == "bench":
        args.bench_args = unknown  # every other option is benchmarks/run.py's (see its --help)
    elif unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

"""What a new user reads: --version, --help, restore.py run the wrong way, counts and paths (issue 11).

Every command runs as a subprocess; the tests read its exit status and output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import django
import pytest
from django.core.management import load_command_class

from lino_migrate import __version__
from lino_migrate.restore.script import script_parser
from tests.conftest import DB, REPO

COMMANDS = ["dump2py", "restore", "showdump", "makemigrator", "run"]

once = pytest.mark.skipif(DB != "sqlite", reason="no database involved: once is enough")


def _python(*args, env: dict | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def base_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def _manage(env: dict, *args) -> subprocess.CompletedProcess:
    return _python("-m", "django", *args, env={**env, "DJANGO_SETTINGS_MODULE": "tests.project.settings"})


# --- --version and --help ----------------------------------------------------------------


@once
@pytest.mark.parametrize("command", COMMANDS)
def test_version_is_lino_migrates(base_env, command):
    result = _manage(base_env, command, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"lino-migrate {__version__} (Django {django.get_version()})\n"


@once
@pytest.mark.parametrize("command", COMMANDS)
def test_help_says_what_a_command_reads_writes_and_exits_with(base_env, command):
    result = _manage(base_env, command, "--help")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "Reads" in text and "Writes" in text or "Reads and writes" in text, text
    assert "Exit status: 0 " in text or "Exit status: SCRIPT's (0 when it ends normally" in text, text
    assert "130 interrupted (Ctrl-C)" in text, text


@once
def test_help_of_each_command_names_its_particulars(base_env):
    def help_of(command: str) -> str:
        return " ".join(_manage(base_env, command, "--help").stdout.split())  # the words, not the line breaks

    showdump = help_of("showdump")
    assert "1 the dump is damaged or not a dump, or it is intact but does not fit the current code" in showdump
    restore = help_of("restore")
    assert "\"Type 'yes' to continue\"" in restore and "unless --noinput or --dry-run" in restore
    assert "The database alias to restore into (default 'default')" in restore
    assert "needs a migrated schema (no pending migrations)" in restore
    run = help_of("run")
    assert run.startswith("usage:") and "Execute the Python file SCRIPT" in run and "run only files you trust" in run
    makemigrator = help_of("makemigrator")
    assert "<APP's package>/migrators/v2_0.py for version 2.0" in makemigrator and "Never overwrites a file" in makemigrator
    dump2py = help_of("dump2py")
    assert "Before the first dump, give each of your apps a version" in dump2py


@pytest.mark.parametrize("command", COMMANDS)
def test_no_option_without_help_text(command):
    parser = load_command_class("lino_migrate", command).create_parser("manage.py", command)
    missing = [action.dest for action in parser._actions if not (action.help or "").strip()]
    assert missing == []


def test_no_option_of_restore_py_without_help_text():
    parser = script_parser("/somewhere/dump/restore.py")
    assert [action.dest for action in parser._actions if not (action.help or "").strip()] == []


# --- python TARGET/restore.py ------------------------------------------------------------


@pytest.fixture
def dump(manage, tmp_path) -> Path:
    from tests.zoo.models import Tag

    Tag.objects.create(name="one tag")
    target = tmp_path / "dump"
    manage.ok("dump2py", target, "--noinput", "-v", "0")
    return target


def _how_to_run(script: Path) -> list[str]:
    return [
        "From the directory of your project's manage.py, run",
        f"    python manage.py run {script} [--noinput] [--dry-run] ...",
        f"(or: python manage.py restore {script.parent}), with \"lino_migrate\" in INSTALLED_APPS.",
    ]


@pytest.mark.django_db(transaction=True)
def test_python_restore_py_says_how_to_run_it(dump, base_env, tmp_path):
    script = dump / "restore.py"
    # from the dump's parent directory, as a user who has just listed it would
    result = _python("dump/restore.py", "--noinput", env=base_env, cwd=dump.parent)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "Unknown command" not in result.stderr
    assert result.stderr.splitlines() == [
        "dump/restore.py is not a program of its own: it restores its dump from inside your Django project.",
        *_how_to_run(script),
    ]
    # its options are listed all the same
    result = _python(script, "--help", env=base_env)
    assert result.returncode == 0 and "--dry-run" in result.stdout and "--database DATABASE" in result.stdout

    # with Django set up, but without lino_migrate in INSTALLED_APPS
    (tmp_path / "without_lm.py").write_text(
        "from tests.project.settings import *\nINSTALLED_APPS = [a for a in INSTALLED_APPS if a != 'lino_migrate']\n"
    )
    env = {**base_env, "PYTHONPATH": f"{tmp_path}{os.pathsep}{base_env['PYTHONPATH']}", "DJANGO_SETTINGS_MODULE": "without_lm"}
    code = f"import runpy, sys; sys.argv = [{str(script)!r}]; runpy.run_path({str(script)!r}, run_name='__main__')"
    result = _python("-m", "django", "shell", "-c", code, env=env)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"{script} needs the restore command of lino-migrate, and \"lino_migrate\" is not in INSTALLED_APPS.",
        *_how_to_run(script),
    ]

    # a Python without lino-migrate (nor Django): the file itself says it
    result = _python("-I", "-S", script, env=base_env)
    assert result.returncode == 1
    assert result.stderr == (
        f"{script} restores its dump from inside your Django project: from the directory of your manage.py, "
        f"run `python manage.py run {script}`, with lino-migrate installed and 'lino_migrate' in INSTALLED_APPS.\n"
    )


# --- counts and paths --------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_counts_take_their_number_and_paths_are_normalised(manage, tmp_path):
    from tests.zoo.models import Tag

    Tag.objects.create(name="one tag")
    given = tmp_path / "x" / ".." / "dump"  # as typed: a detour in it
    result = manage.ok("dump2py", str(given) + "//", "zoo.Tag", "--noinput")
    assert result.stdout.startswith("Dumped 1 model, 1 row into 2 files (")
    assert result.stdout.rstrip().endswith(f"s: {tmp_path / 'dump'}")

    result = manage("showdump", given)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Dump {tmp_path / 'dump'}"
    zoo = [line.split() for line in lines if line.startswith("  zoo ")]
    assert zoo and zoo[0][2:5] == ["1", "migration", "(last:"], lines  # not "1 migrations"
    tag = [line.split() for line in lines if line.startswith("  zoo.Tag ")]
    assert tag and tag[0][1:3] == ["1", "row"], lines
    assert "The dump is intact: 1 data file matches its checksum." in lines

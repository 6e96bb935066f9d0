"""A new user's upgrade, from ``django-admin startproject`` on: unversioned apps never end in a dead end.

The polls app of Django's tutorial, made with ``startapp`` (so it has no version), is dumped, then
upgraded: a migration renames ``Question.question_text`` to ``text`` and fills a new field with a
``RunPython``. The dump restores through Django's migrations (replay) with no version anywhere. And
when the user writes a migrator instead, a dump that records no version takes it with
``--assume-version``. Every step is a real command in a subprocess; nothing edits the dump.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(
    os.environ.get("LM_DB", "sqlite") != "sqlite", reason="startproject's site is a SQLite one: run in the sqlite run"
)

MODELS_1 = '''
from django.db import models


class Question(models.Model):
    question_text = models.CharField(max_length=200)
    pub_date = models.DateTimeField("date published")


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE)
    choice_text = models.CharField(max_length=200)
    votes = models.IntegerField(default=0)
'''

MODELS_2 = MODELS_1.replace("question_text = ", "text = ").replace(
    '    pub_date = models.DateTimeField("date published")\n',
    '    pub_date = models.DateTimeField("date published")\n    shout = models.CharField(max_length=200, default="")\n',
)

MIGRATION_2 = '''
from django.db import migrations, models


def shout(apps, schema_editor):
    Question = apps.get_model("polls", "Question")
    for question in Question.objects.using(schema_editor.connection.alias).all():
        question.shout = question.text.upper()
        question.save(update_fields=["shout"])


class Migration(migrations.Migration):
    dependencies = [("polls", "0001_initial")]
    operations = [
        migrations.RenameField("question", "question_text", "text"),
        migrations.AddField("question", "shout", models.CharField(max_length=200, default="")),
        migrations.RunPython(shout, migrations.RunPython.noop),
    ]
'''

MIGRATOR_2 = '''
from lino_migrate import migrators


class Migrator(migrators.Migrator):
    version = "2.0"
    operations = [
        migrators.RenameField("Question", "question_text", "text"),
        migrators.AddField("Question", "shout", default="(from the migrator)"),
    ]
'''

FILL = '''
import datetime
from django.utils import timezone
from polls.models import Choice, Question
q = Question.objects.create(question_text="What's new?", pub_date=timezone.now() - datetime.timedelta(days=1))
Choice.objects.create(question=q, choice_text="Not much", votes=3)
Choice.objects.create(question=q, choice_text="The sky", votes=1)
Question.objects.create(question_text="Tea or coffee?", pub_date=timezone.now())
'''

READ = '''
import json
from polls.models import Choice, Question
print(json.dumps({
    "questions": [[q.pk, q.text, q.shout] for q in Question.objects.order_by("pk")],
    "choices": [[c.pk, c.question_id, c.choice_text, c.votes] for c in Choice.objects.order_by("pk")],
}))
'''


class Site:
    """A project made by ``django-admin startproject``, with the polls app, run by its own manage.py."""

    def __init__(self, root: Path):
        self.root = root
        self.env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "LM_DB_NAME")}
        self.env["PYTHONPATH"] = os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *args], cwd=self.root, env=self.env, capture_output=True, text=True, timeout=300)

    def ok(self, *args: str) -> subprocess.CompletedProcess:
        result = self.manage(*args)
        assert result.returncode == 0, f"{args} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stderr, result.stderr
        return result

    def manage(self, *args: str) -> subprocess.CompletedProcess:
        return self.run("manage.py", *args)

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


@pytest.fixture
def site(tmp_path) -> Site:
    root = tmp_path / "site"
    root.mkdir()
    site = Site(root)
    for args in (["-m", "django", "startproject", "mysite", "."], ["manage.py", "startapp", "polls"]):
        result = site.run(*args)
        assert result.returncode == 0, result.stderr
    settings = root / "mysite" / "settings.py"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("INSTALLED_APPS = [", 'INSTALLED_APPS = [\n    "polls",\n    "lino_migrate",'), encoding="utf-8")
    site.write("polls/models.py", MODELS_1)
    site.ok("makemigrations", "polls", "-v0")
    site.ok("migrate", "-v0")
    site.ok("shell", "-v0", "-c", FILL)
    return site


def upgrade(site: Site) -> None:
    """Release 2: the field renamed, a field added and filled by a data migration."""
    site.write("polls/models.py", MODELS_2)
    site.write("polls/migrations/0002_rename_and_shout.py", MIGRATION_2)
    (site.root / "db.sqlite3").unlink()  # restore into a fresh database, as on a new server


def test_unversioned_app_upgrade_replays_without_a_version(site):
    dumped = site.ok("dump2py", "backup", "--noinput")
    assert (
        "Notice: 1 app has no version: polls. Their upgrades restore through their Django migrations (replay); "
        "a migrator for one of them would run only for dumps that record its version.\n"
    ) in dumped.stderr
    assert "settings.LINO_MIGRATE_VERSIONS = {'polls': \"1.0\"}" in dumped.stderr
    upgrade(site)

    shown = site.ok("showdump", "backup")
    assert "  polls: replay 0002_rename_and_shout (1 migration, 1 RunPython)\n" in shown.stdout
    assert "polls.Question: 2 rows into polls.Question as of 0001_initial, then migrated forward" in shown.stdout

    restored = site.ok("restore", "backup", "--noinput")
    assert "Replayed 1 Django migrations after loading the rows: polls.0002_rename_and_shout." in restored.stdout
    held = json.loads(site.ok("shell", "-v0", "-c", READ).stdout)
    assert held == {
        "questions": [[1, "What's new?", "WHAT'S NEW?"], [2, "Tea or coffee?", "TEA OR COFFEE?"]],
        "choices": [[1, 1, "Not much", 3], [2, 1, "The sky", 1]],
    }
    assert site.ok("migrate", "--check").returncode == 0


def test_a_migrator_takes_an_unversioned_dump_with_assume_version(site):
    site.ok("dump2py", "backup", "--noinput")
    upgrade(site)
    # The user gives polls a version and writes a migrator for release 2.0 instead of relying on replay.
    apps_py = site.root / "polls" / "apps.py"
    apps_py.write_text(apps_py.read_text(encoding="utf-8") + '    version = "2.0"\n', encoding="utf-8")
    site.write("polls/migrators/__init__.py", "")
    site.write("polls/migrators/v2_0.py", MIGRATOR_2)

    # The dump records no version of polls, so the migrator would not run: the restore says why.
    result = site.manage("restore", "backup", "--noinput", "--no-replay")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "polls.Question.question_text: no such field in the current code (dumped as column 'question_text', "
        "CharField); the current model has a new CharField 'text', so it looks renamed. "
        "Fix: the dump records no version of polls (it had none when it was dumped), so no migrator of polls runs "
        "for it. Restore with --assume-version polls=VERSION (the release that wrote the dump), and in a migrator "
        "of polls with version = \"2.0\", add migrators.RenameField('Question', 'question_text', 'text'); if it "
        "was dropped instead, migrators.RemoveField('Question', 'question_text')."
    ) in result.stderr, result.stderr
    assert "polls.Question.text: the dump has no value" not in result.stderr  # the rename fills it

    restored = site.ok("restore", "backup", "--noinput", "--assume-version", "polls=1.0")
    assert "Assumed for the dump (--assume-version): polls 1.0." in restored.stdout
    assert "Replayed" not in restored.stdout  # the migrator wins over replay
    held = json.loads(site.ok("shell", "-v0", "-c", READ).stdout)
    assert held["questions"] == [[1, "What's new?", "(from the migrator)"], [2, "Tea or coffee?", "(from the migrator)"]]

    result = site.manage("restore", "backup", "--noinput", "--assume-version", "polls")
    assert result.returncode == 1
    assert "--assume-version 'polls': write it as APP=VERSION, for example polls=1.0." in result.stderr

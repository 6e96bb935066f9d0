"""Helpers of the adversarial tests: subprocesses, fingerprints of the database, server sessions."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.apps import apps
from django.db import connection, connections

from tests.conftest import DB, REPO

SERVER = DB in ("postgresql", "mariadb")
MANAGE = [sys.executable, "-m", "django"]


# --- subprocesses ------------------------------------------------------------------------


STARTED: list[subprocess.Popen] = []  # every process popen() started, reaped after each test


def popen(env: dict, *args, **kwargs) -> subprocess.Popen:
    connections.close_all()  # SQLite: never hold a lock while a command runs
    process = subprocess.Popen(
        [*MANAGE, *map(str, args)], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL, text=True, **kwargs,
    )
    STARTED.append(process)
    return process


def reap_started() -> None:
    """Kill what a test left running (a test that failed half-way): no restore may commit after the flush."""
    while STARTED:
        process = STARTED.pop()
        if process.poll() is None:
            process.kill()
        try:
            process.communicate(timeout=60)
        except ValueError:  # the test read its output already: its pipes are closed
            process.wait(timeout=60)


def run(env: dict, *args, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    connections.close_all()
    return subprocess.run(
        [*MANAGE, *map(str, args)], cwd=REPO, env=env, capture_output=True, text=True,
        stdin=subprocess.DEVNULL, timeout=timeout, check=False, **kwargs,
    )


def run_parallel(env: dict, *commands: list) -> list[subprocess.CompletedProcess]:
    """Run several commands at once (two cores); results in order."""
    processes = [popen(env, *command) for command in commands]
    results = []
    for command, process in zip(commands, processes):
        out, err = process.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return results


def describe(result: subprocess.CompletedProcess) -> str:
    return f"{result.args}: exit {result.returncode}\nstdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-3000:]}"


def assert_ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, describe(result)
    return result


def assert_clean_failure(result: subprocess.CompletedProcess, *needles: str) -> str:
    """Exit status 1, no traceback, one CommandError message holding every needle; returns the message."""
    where = describe(result)
    assert result.returncode == 1, where
    assert "Traceback" not in result.stderr, where
    assert "CommandError: " in result.stderr, where
    message = result.stderr[result.stderr.index("CommandError: "):]
    for needle in needles:
        assert needle in message, f"{needle!r} not in the error message\n{where}"
    return message


def kill(process: subprocess.Popen) -> bool:
    """SIGKILL the process; True if it was still running (killed), False if it had ended."""
    killed = process.poll() is None
    if killed:
        try:
            os.kill(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            killed = False
    process.communicate(timeout=60)
    if process.returncode != -signal.SIGKILL:
        killed = False
    return killed


# --- files ---------------------------------------------------------------------------------


def tree(target: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(target.iterdir())}


def without_created(files: dict[str, bytes]) -> dict[str, bytes]:
    """A dump's files with the CREATED line of restore.py blanked (two dumps of the same data)."""
    out = dict(files)
    if "restore.py" in out:
        lines = out["restore.py"].split(b"\n")
        out["restore.py"] = b"\n".join(b"CREATED = ?" if line.startswith(b"CREATED = ") else line for line in lines)
    return out


def leftovers(parent: Path, name: str) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(f".{name}."))


def copy_dump(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def showdump_in_process(target: Path) -> tuple[bool, str]:
    """Run showdump in this process (fast); (intact, output)."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("showdump", str(target), stdout=out, stderr=err)
    except CommandError as exc:
        return False, out.getvalue() + f"\nCommandError: {exc}"
    return "The dump is intact" in out.getvalue(), out.getvalue()


# --- the database ------------------------------------------------------------------------


def compared_models():
    """Every concrete table of the zoo and auth apps (ContentType and Permission ids are remapped)."""
    result = []
    for app_label in ("zoo", "auth"):
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or not meta.managed or meta.label in ("auth.Permission",):
                continue
            result.append(model)
    return result


def fingerprint() -> dict[str, tuple[int, str]]:
    """label -> (row count, sha256 of the rows in pk order): equal only for the same rows."""
    result = {}
    for model in compared_models():
        fields = [f.attname for f in model._meta.local_concrete_fields]
        digest = hashlib.sha256()
        count = 0
        for row in model._base_manager.order_by("pk").values_list(*fields).iterator(chunk_size=5000):
            digest.update(repr(row).encode())
            count += 1
        result[model._meta.label] = (count, digest.hexdigest())
    connections.close_all()
    return result


def foreign_keys() -> list[tuple[str, str, str]]:
    """PostgreSQL: (table, name, definition) of every foreign key (a restore drops and makes them again); else []."""
    if DB != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace ORDER BY 1, 2"
        )
        found = [tuple(row) for row in cursor.fetchall()]
    connections.close_all()
    return found


def db_name() -> str:
    return str(connection.settings_dict["NAME"])


class Server:
    """A connection of our own, outside Django, to watch and kill the sessions of the test database."""

    def __init__(self):
        settings = connection.settings_dict
        self.name = str(settings["NAME"])
        if DB == "postgresql":
            import psycopg

            self.conn = psycopg.connect(
                host=settings["HOST"], port=settings["PORT"], user=settings["USER"], password=settings["PASSWORD"],
                dbname="postgres", autocommit=True,
            )
        elif DB == "mariadb":
            import MySQLdb

            self.conn = MySQLdb.connect(
                host=settings["HOST"], port=int(settings["PORT"]), user=settings["USER"], password=settings["PASSWORD"],
            )
            self.conn.autocommit(True)
        else:
            raise RuntimeError("no server with SQLite")

    def close(self):
        self.conn.close()

    def sessions(self) -> list[dict]:
        """The other sessions on the test database: id, state, query, in_transaction."""
        cursor = self.conn.cursor()
        if DB == "postgresql":
            cursor.execute(
                "SELECT pid, state, coalesce(query, ''), xact_start IS NOT NULL FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()", [self.name],
            )
            rows = cursor.fetchall()
        else:
            # (information_schema.innodb_trx shows nothing of the restore's transaction on MariaDB 10.11:
            # a session counts as in a transaction while it runs a statement)
            cursor.execute(
                "SELECT id, command, coalesce(info, ''), command = 'Query' FROM information_schema.processlist "
                "WHERE db = %s AND id <> CONNECTION_ID()", [self.name],
            )
            rows = cursor.fetchall()
        cursor.close()
        return [{"id": r[0], "state": r[1], "query": r[2], "in_transaction": bool(r[3])} for r in rows]

    def terminate(self, session_id: int) -> None:
        cursor = self.conn.cursor()
        try:
            if DB == "postgresql":
                cursor.execute("SELECT pg_terminate_backend(%s)", [session_id])
            else:
                cursor.execute(f"KILL {int(session_id)}")
        except Exception as exc:  # the session ended on its own in the meantime
            if "Unknown thread id" not in str(exc):
                raise
        finally:
            cursor.close()

    def wait_until_alone(self, timeout: float = 60) -> None:
        """Wait until no other session uses the test database (a killed client's backend has rolled back)."""
        deadline = time.monotonic() + timeout
        while self.sessions():
            assert time.monotonic() < deadline, f"sessions left on {self.name}: {self.sessions()}"
            time.sleep(0.02)


# --- data -----------------------------------------------------------------------------------


def reset_sequences(*models) -> None:
    """After rows with explicit primary keys: let the next ORM insert take a free id (PostgreSQL)."""
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def bulk_rows(n_autopk: int, n_tags: int = 0, offset: int = 0, prefix: str = "row") -> None:
    """Plain rows, quickly (explicit primary keys: the same data in every database)."""
    from tests.zoo import models as z

    z.AutoPk.objects.bulk_create(
        (z.AutoPk(id=offset + i + 1, name=f"{prefix} number {offset + i}") for i in range(n_autopk)), batch_size=2000,
    )
    if n_tags:
        z.Tag.objects.bulk_create((z.Tag(id=offset + i + 1, name=f"tag {prefix} {i}") for i in range(n_tags)), batch_size=2000)
    reset_sequences(z.AutoPk, z.Tag)


def books_with_authors(n_authors: int, tags_per_book: int = 2, offset: int = 0) -> None:
    """Authors with 3 books each (an Authorship per book), every book with some tags: related rows."""
    from tests.zoo import models as z

    base = offset * 10
    tags = z.Tag.objects.bulk_create(z.Tag(id=base + 1_000_000 + i, name=f"t{base + i}") for i in range(10))
    authors = z.Author.objects.bulk_create(z.Author(id=base + i + 1, name=f"author {base + i}") for i in range(n_authors))
    books, ships, links = [], [], []
    through = z.Book.tags.through
    for a in authors:
        for k in range(3):
            book_id = a.id * 3 + k
            books.append(z.Book(id=book_id, title=f"{a.id}:{k}|{tags_per_book}"))
            ships.append(z.Authorship(book_id=book_id, author_id=a.id, role="writer", position=k))
            for t in range(tags_per_book):
                links.append(through(book_id=book_id, tag_id=tags[(book_id + t) % len(tags)].id))
    z.Book.objects.bulk_create(books, batch_size=2000)
    z.Authorship.objects.bulk_create(ships, batch_size=2000)
    through.objects.bulk_create(links, batch_size=2000)
    reset_sequences(z.Tag, z.Author, z.Book, z.Authorship, through)

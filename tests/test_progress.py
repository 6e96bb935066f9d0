"""The progress bar shows on a terminal (stderr a tty, verbosity >= 1), and only there.

It names the model at work, and leaves one summary line behind.
"""

import fcntl
import os
import re
import struct
import subprocess
import sys
import termios

import pytest

from tests.conftest import REPO
from tests.zoo.models import Tag


def _run_with_tty_stderr(env, *args) -> tuple[int, str, str]:
    import pty

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "django", *map(str, args)], cwd=REPO, env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave,
        )
        os.close(slave)
        slave = None
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed its end
                break
            if not data:
                break
            chunks.append(data)
        out, _ = process.communicate(timeout=120)
        return process.returncode, out.decode(), b"".join(chunks).decode(errors="replace")
    finally:
        os.close(master)
        if slave is not None:
            os.close(slave)


@pytest.mark.django_db(transaction=True)
def test_progress_bar_only_on_a_terminal(db_env, manage, tmp_path):
    Tag.objects.bulk_create([Tag(name=f"tag {i}") for i in range(3000)])
    code, out, err = _run_with_tty_stderr(db_env, "dump2py", tmp_path / "a", "--noinput")
    assert code == 0, err
    assert "dump2py" in err and "rows" in err and "%" in err  # tqdm's bar on the terminal
    assert "dump2py zoo.Tag" in err  # the model at work
    # what the bar leaves behind: one summary line
    models = int(out.split()[1])
    assert re.search(rf"(?:^|\r)dump2py: [\d,]+ rows of {models} models in \d+\.\d s\r?$", err, re.M), err[-2000:]
    assert "Dumped" in out and "rows into" in out  # the one-line summary on stdout

    code, out, err = _run_with_tty_stderr(db_env, "restore", tmp_path / "a", "--noinput")
    assert code == 0, err
    assert "restore" in err and "%" in err
    assert re.search(r"(?:^|\r)restore: [\d,]+ rows( of \d+ models)? in \d+\.\d s\r?$", err, re.M), err[-2000:]
    assert "Restored" in out

    code, out, err = _run_with_tty_stderr(db_env, "dump2py", tmp_path / "b", "--noinput", "-v", "0")
    assert code == 0 and err == "" and out == ""

    result = manage.ok("dump2py", tmp_path / "c", "--noinput")  # stderr a pipe: no bar
    assert "%" not in result.stderr

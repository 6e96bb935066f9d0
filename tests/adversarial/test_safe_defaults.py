"""Safe by default: private modes whatever the umask, no secret from the settings, a recorded format."""

from __future__ import annotations

import os
import secrets
import stat
import time

import pytest

import lino_migrate
from tests.adversarial import helpers as h
from tests.adversarial.corpus import literal
from tests.conftest import DB

pytestmark = pytest.mark.django_db(transaction=True)


def _modes(target):
    return stat.S_IMODE(target.stat().st_mode), {p.name: stat.S_IMODE(p.stat().st_mode) for p in target.iterdir()}


def _assert_private(target) -> None:
    directory, files = _modes(target)
    assert directory == 0o700, oct(directory)
    assert files and set(files.values()) == {0o600}, {name: oct(mode) for name, mode in files.items()}


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_modes_whatever_the_umask(db_env, tmp_path, umask):
    h.bulk_rows(3000, 100)
    target = tmp_path / "dump"
    old = os.umask(umask)  # inherited by the subprocess
    try:
        h.assert_ok(h.run(db_env, "dump2py", target, "--noinput", "-m", "500"))
        _assert_private(target)
        h.assert_ok(h.run(db_env, "dump2py", target, "--noinput", "--overwrite", "zoo.Tag"))
        _assert_private(target)
        # the hidden directory being written is private too (seen after a kill)
        other = tmp_path / "killed"
        other.mkdir()
        process = h.popen(db_env, "dump2py", other / "dump", "--noinput", "-m", "10")
        deadline = time.monotonic() + 60
        while not any(p.name.startswith(".dump.partial-") and len(list(p.iterdir())) > 3 for p in other.iterdir()):
            assert process.poll() is None and time.monotonic() < deadline, "the dump ended too soon"
            time.sleep(0.001)
        assert h.kill(process)
        [partial] = other.iterdir()
        _assert_private(partial)
    finally:
        os.umask(old)


def test_no_secret_from_the_settings_in_the_dump(db_env, tmp_path):
    from tests.zoo import data

    data.populate()
    secret = "lm-adv-" + secrets.token_hex(16)
    env = {**db_env, "DJANGO_SETTINGS_MODULE": "tests.adversarial.secret_settings", "LM_ADV_SECRET": secret}
    needles = [secret]  # SECRET_KEY; and the others start with it
    if DB == "postgresql":  # the server trusts local connections: any password works
        env["LM_PG_PASSWORD"] = secret + "-pg"
    target = tmp_path / "dump"
    result = h.assert_ok(h.run(env, "dump2py", target, "--noinput"))
    checked = 0
    for path in target.iterdir():
        content = path.read_bytes()
        checked += 1
        for needle in needles:
            assert needle.encode() not in content, f"{path.name} holds a secret from the settings"
    assert secret not in result.stdout + result.stderr
    assert checked == len(literal(target, "DUMP")["files"]) + 1
    print(f"\nno secret in the {checked} files of the dump (SECRET_KEY, EMAIL_HOST_PASSWORD"
          + (", DATABASES PASSWORD" if DB in ("sqlite", "postgresql") else "") + ")")


def test_the_dump_records_its_format_and_a_newer_one_is_refused(db_env, tmp_path):
    h.bulk_rows(10, 10)
    target = tmp_path / "dump"
    h.assert_ok(h.run(db_env, "dump2py", target, "--noinput"))
    dump = literal(target, "DUMP")
    assert dump["format"] == lino_migrate.DUMP_FORMAT
    assert dump["lino_migrate"] == lino_migrate.__version__
    text = (target / "restore.py").read_text()
    newer = lino_migrate.DUMP_FORMAT + 1
    (target / "restore.py").write_text(text.replace(f"'format': {lino_migrate.DUMP_FORMAT},", f"'format': {newer},", 1))
    for command in (["showdump", target], ["restore", target, "--noinput"], ["run", target / "restore.py", "--noinput"]):
        h.assert_clean_failure(h.run(db_env, *command), f"format {newer}", f"up to {lino_migrate.DUMP_FORMAT}",
                               f"({lino_migrate.__version__})")

"""dump2py --jobs: several workers, one snapshot, the same bytes as one process."""

import os

import pytest

from lino_migrate.testing import assert_same_dump
from tests.zoo.data import populate


@pytest.mark.django_db(transaction=True)
def test_jobs_write_the_same_dump_as_one_process(manage, tmp_path):
    populate()
    one, two = tmp_path / "one", tmp_path / "two"
    manage.ok("dump2py", one, "--noinput", "-m", "3")
    result = manage.ok("dump2py", two, "--noinput", "-m", "3", "--jobs", "2")
    assert_same_dump(one, two)
    if os.environ.get("LM_DB", "sqlite") == "postgresql":
        assert "Notice: --jobs" not in result.stderr
    else:
        assert "--jobs 2 needs PostgreSQL" in result.stderr
    manage.ok("restore", two, "--noinput")


@pytest.mark.django_db(transaction=True)
def test_jobs_must_be_positive(manage, tmp_path):
    result = manage("dump2py", tmp_path / "d", "--noinput", "--jobs", "0")
    assert result.returncode == 2
    assert "must be at least 1" in result.stderr
    assert not (tmp_path / "d").exists()

"""A full disk while dumping: a clear error, no partial TARGET, a previous dump untouched.

TARGET's parent is a 2 MiB tmpfs, mounted for the test (we are root) and
unmounted afterwards. The disk fills at different points: in the first data
files, when only restore.py is left to write, and while a previous dump
occupies the space.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.adversarial import helpers as h

pytestmark = pytest.mark.django_db(transaction=True)

PAGE = 4096
LONG = "a long name, to fill the disk"


@pytest.fixture
def small_disk(tmp_path):
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs (needed for the disk-full tests): {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=True)


def _free(path: Path) -> int:
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize


def _pages(size: int) -> int:
    return max(1, -(-size // PAGE))


def _fill(disk: Path, leave: int) -> None:
    """Fill the disk with a file so that ``leave`` bytes stay free."""
    filler = disk / "filler"
    size = _free(disk) - leave
    assert size > 0
    with open(filler, "wb") as file:
        file.write(b"\0" * size)
    assert abs(_free(disk) - leave) <= PAGE, (_free(disk), leave)


def _assert_no_space(result, disk: Path, free_before: int) -> None:
    message = h.assert_clean_failure(result, "No space left on device")
    assert "Nothing was written" in message or "Cannot" in message, message
    partials = h.leftovers(disk, "dump")
    assert partials == [], f"hidden directories left behind on the full disk: {partials}"
    assert _free(disk) == free_before, "the space taken by the failed dump was not given back"


def test_disk_full_in_the_data_files(db_env, small_disk):
    h.bulk_rows(60_000, prefix=LONG)  # about 3.5 MB of data files
    target = small_disk / "dump"
    free_before = _free(small_disk)
    result = h.run(db_env, "dump2py", target, "-m", "5000", "--noinput")
    _assert_no_space(result, small_disk, free_before)
    assert not target.exists()


def test_disk_full_with_a_previous_dump_in_place(db_env, small_disk):
    h.bulk_rows(100, 50)
    target = small_disk / "dump"
    h.assert_ok(h.run(db_env, "dump2py", target, "zoo.Tag", "--noinput"))
    before = h.tree(target)
    h.bulk_rows(60_000, offset=1000, prefix=LONG)
    free_before = _free(small_disk)
    result = h.run(db_env, "dump2py", target, "--overwrite", "--noinput")
    _assert_no_space(result, small_disk, free_before)
    assert h.tree(target) == before
    assert h.showdump_in_process(target)[0]


@pytest.mark.parametrize("where", ["restore.py", "last data file", "first data file"])
def test_disk_full_at_a_chosen_file(db_env, small_disk, tmp_path, where):
    """The data fits, and the disk fills exactly at a chosen file (calibrated on a dump elsewhere)."""
    h.bulk_rows(6_000, 1_000)
    reference = tmp_path / "reference"
    h.assert_ok(h.run(db_env, "dump2py", reference, "zoo", "-m", "2000", "--noinput"))
    sizes = {p.name: p.stat().st_size for p in reference.iterdir()}
    script_pages = _pages(sizes.pop("restore.py"))
    data_pages = sum(_pages(size) for size in sizes.values())
    biggest = max(sizes.values())
    assert script_pages >= 2 and _pages(biggest) >= 4
    if where == "restore.py":
        leave = (data_pages + script_pages // 2) * PAGE
    elif where == "last data file":
        leave = (data_pages - 2) * PAGE
    else:
        leave = 2 * PAGE
    _fill(small_disk, leave)
    target = small_disk / "dump"
    free_before = _free(small_disk)
    result = h.run(db_env, "dump2py", target, "zoo", "-m", "2000", "--noinput")
    _assert_no_space(result, small_disk, free_before)
    assert not target.exists()
    if where == "restore.py":
        # the failure came after every data file was written
        assert _free(small_disk) >= data_pages * PAGE

"""Build a directory beside its final place and move it there when complete.

An interrupted dump (an exception, Ctrl-C, SIGKILL, a full disk) must never
leave a TARGET that looks complete, and ``--overwrite`` must never leave a mix
of old and new files. The new dump is written into a hidden sibling directory
and, once every file is synced to disk, swapped with TARGET in one atomic
``renameat2(RENAME_EXCHANGE)`` (Linux); elsewhere two renames leave TARGET
absent for an instant, never half written.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import tempfile
from pathlib import Path
from types import TracebackType

from .errors import DumpError
from .manifest import SCRIPT_NAME

__all__ = ["AtomicDirectory", "DIR_MODE", "looks_like_dump"]

DIR_MODE = 0o700
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def looks_like_dump(path: Path) -> bool:
    """True for an empty directory or one holding a lino-migrate restore.py."""
    if not path.is_dir():
        return False
    if not any(path.iterdir()):
        return True
    script = path / SCRIPT_NAME
    if not script.is_file():
        return False
    with open(script, encoding="utf-8", errors="replace") as file:
        head = file.read(4096)
    return "lino-migrate" in head


class AtomicDirectory:
    """Context manager yielding a temporary directory that becomes ``target`` on success."""

    def __init__(self, target: Path, overwrite: bool = False) -> None:
        self.target = Path(target).absolute()
        self.overwrite = overwrite
        self.partial: Path | None = None
        #: True once the new dump is at ``target`` (a Ctrl-C after that leaves the new dump, not the old one)
        self.moved = False

    def __enter__(self) -> Path:
        target = self.target
        if target.exists() or target.is_symlink():
            if not looks_like_dump(target):
                raise DumpError(
                    f"{target} exists and is not a lino-migrate dump (no restore.py written by lino-migrate), "
                    f"so --overwrite will not replace it. Choose another TARGET, or remove {target} first."
                )
            if not self.overwrite:
                raise DumpError(f"{target} exists. Use --overwrite to replace it, or choose another TARGET.")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.partial = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=target.parent))
            os.chmod(self.partial, DIR_MODE)
        except OSError as exc:
            raise DumpError(f"Cannot create a directory beside {target}: {exc.strerror or exc}") from None
        return self.partial

    def __exit__(self, exc_type: type | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        assert self.partial is not None
        if exc_type is not None:
            shutil.rmtree(self.partial, ignore_errors=True)
            return
        try:
            _fsync_dir(self.partial)
            self._move_into_place()
            _fsync_dir(self.target.parent)
        except OSError as exc:
            shutil.rmtree(self.partial, ignore_errors=True)
            raise DumpError(f"Cannot move the dump into {self.target}: {exc.strerror or exc}") from None

    def _move_into_place(self) -> None:
        assert self.partial is not None
        if not self.target.exists():
            os.rename(self.partial, self.target)
            self.moved = True
            return
        if _exchange(self.partial, self.target):
            self.moved = True
            shutil.rmtree(self.partial)  # now holds the previous dump
            return
        previous = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.previous-", dir=self.target.parent))
        os.rename(self.target, previous / "dump")
        os.rename(self.partial, self.target)
        self.moved = True
        shutil.rmtree(previous)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(b))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

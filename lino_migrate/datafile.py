"""The data files of a dump: one module per model (or part of a model).

A data file is a Python module that a person can read and edit, and at the same
time a stream of JSON lines that is read without executing anything::

    # lino-migrate data file: library.Book, part 1 of 1, rows 1 to 3
    # table: library_book
    # columns: id (int), title (text), author_id (int), published (datetime)
    null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
    ROWS = [
    [1, "Dune", 3, "1965-08-01T00:00:00.000000+00:00"],
    ]

Each row line is a JSON array followed by a comma. ``json.loads`` reads a line
in microseconds and in constant memory, where compiling the module would take
seconds and hundreds of MB for 50,000 rows.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import repeat
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from . import exactjson
from .errors import DamagedDumpError
from .text import plural

__all__ = [
    "DataFileWriter", "FILE_MODE", "MAX_LINE_BYTES", "NAMES_LINE", "ROWS_END", "ROWS_START", "columns_problem",
    "encode_row", "encode_rows", "file_sha256", "read_rows",
]

NAMES_LINE = 'null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")'
ROWS_START = "ROWS = ["
ROWS_END = "]"
MAX_LINE_BYTES = 256 * 1024 * 1024
FILE_MODE = 0o600

_encoder = json.JSONEncoder(ensure_ascii=False, check_circular=False, allow_nan=True)
_encode = _encoder.encode
# Characters that some readers and editors take for line breaks.
_LINE_BREAKERS = re.compile("[\x85\u2028\u2029]")


def _c_row_encoder() -> Callable[[Any, int], Sequence[str]] | None:
    """The C encoder that ``_encode`` makes for every call, made once; None where there is none.

    Called with ``(row, 0)``, it returns the pieces of the text ``_encode(row)``
    returns: a page of rows is then encoded without a Python call per row.
    """
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return None
    try:
        return make(None, _encoder.default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)
    except TypeError:  # another signature: keep the encoder's own path
        return None


_c_encode = _c_row_encoder()


def _has_line_breakers(text: str) -> bool:
    """Whether ``text`` holds one of ``_LINE_BREAKERS`` (three scans in C: far faster than the regex's)."""
    return not text.isascii() and ("\u2028" in text or "\u2029" in text or "\x85" in text)


def _escape_line_breakers(line: str) -> str:
    return _LINE_BREAKERS.sub(lambda match: "\\u%04x" % ord(match.group()), line)


def encode_row(values: Sequence) -> str:
    """One row as a line of a data file (without the newline).

    An :class:`~lino_migrate.exactjson.ExactRow` (a JSON document with numbers
    a float would change) is written by the exact serializer, others by the
    C encoder: both write the same text for the same plain values.
    """
    line = exactjson.dumps(values, ensure_ascii=False) if type(values) is exactjson.ExactRow else _encode(values)
    if _has_line_breakers(line):
        line = _escape_line_breakers(line)
    return line + ","


def encode_rows(rows: Iterable[Sequence], exact: bool = False) -> str:
    """Rows as lines of a data file, each with its newline: the lines ``encode_row`` makes.

    Without ``exact`` no row may be an :class:`~lino_migrate.exactjson.ExactRow`;
    the rows are then encoded in one pass of C code.
    """
    if exact:
        return "".join(encode_row(row) + "\n" for row in rows)
    if _c_encode is None:
        text = ",\n".join(map(_encode, rows))
    else:
        text = ",\n".join(map("".join, map(_c_encode, rows, repeat(0))))
    if not text:
        return ""
    if _has_line_breakers(text):
        text = _escape_line_breakers(text)  # the same as line by line: a line's end is none of them
    return text + ",\n"


class DataFileWriter:
    """Writes one data file and computes its row count and sha256 on the way.

    Each chunk of encoded rows is hashed and written by a thread of its own
    while the next one is encoded: both run without the GIL (hashlib for more
    than 2 KiB, the file's raw write), so on a machine with two cores they cost
    the dump next to nothing. At most one chunk is in flight, in order.
    """

    def __init__(self, path: Path, header: Sequence[str]) -> None:
        self.path = path
        self.rows = 0
        self._hash = hashlib.sha256()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        self._file = os.fdopen(fd, "wb", buffering=1024 * 1024)
        self._pending: list[str] = [f"# {line}\n" for line in header]
        self._pending += [NAMES_LINE + "\n", ROWS_START + "\n"]
        self._thread: ThreadPoolExecutor | None = None
        self._in_flight: Future | None = None

    def write(self, values: Sequence) -> None:
        self._pending.append(encode_row(values) + "\n")
        self.rows += 1
        if len(self._pending) >= 1000:
            self._flush()

    def write_rows(self, rows: Sequence[Sequence], exact: bool = False) -> None:
        """Write a page of rows (see ``encode_rows`` for ``exact``)."""
        self._pending.append(encode_rows(rows, exact))
        self.rows += len(rows)
        self._flush()

    def close(self) -> str:
        """Finish the file, sync it to disk and return its sha256."""
        self._pending.append(ROWS_END + "\n")
        self._flush()
        self._finish()
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        return self._hash.hexdigest()

    def abort(self) -> None:
        """Stop writing (the file is left for the caller to remove); the error that made the dump abort is the one reported."""
        try:
            self._finish()
        except Exception:
            pass
        try:
            self._file.close()
        except OSError:  # what the buffer held cannot be written either
            pass

    def _flush(self) -> None:
        data = "".join(self._pending).encode("utf-8")
        self._pending.clear()
        self._wait()
        if self._thread is None:
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="lino-migrate-write")
        self._in_flight = self._thread.submit(self._put, data)

    def _put(self, data: bytes) -> None:
        self._hash.update(data)
        self._file.write(data)

    def _wait(self) -> None:
        """Wait for the chunk in flight; an error of its write is raised here."""
        in_flight, self._in_flight = self._in_flight, None
        if in_flight is not None:
            in_flight.result()

    def _finish(self) -> None:
        try:
            self._wait()
        finally:
            if self._thread is not None:
                self._thread.shutdown()
                self._thread = None


def columns_problem(path: Path, fields: Sequence, label: str = "") -> str | None:
    """Compare the ``# columns:`` line of a data file with the fields restore.py lists.

    ``restore.py`` has no checksum of its own: this catches a manifest whose
    columns no longer match its data files before anything is restored.
    """
    expected = ", ".join(f"{f.attname} ({f.codec})" for f in fields)
    with open(path, "rb") as file:
        for line_no in range(1, 21):
            line = file.readline(64 * 1024).decode("utf-8", "replace").rstrip("\n")
            if line.endswith("\r"):
                return (
                    f"{path.name}, line {line_no}: ends with CR LF (Windows line endings); a dump's files use "
                    f"LF only (convert them back, e.g. with dos2unix)"
                )
            if line.startswith("# columns: "):
                found = line[len("# columns: "):]
                if found != expected:
                    model = f" ({label})" if label else ""
                    return f"{path.name}{model}: its columns ({found}) differ from those restore.py lists ({expected})"
                return None
            if line == ROWS_START:
                break
    return None  # no header line (an edited file): the rows are checked as they are read


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def read_rows(path: Path, width: int, exact: bool = False) -> Iterator[tuple[int, list]]:
    """Yield ``(line_number, values)`` for each row of a data file.

    With ``exact`` (for models with JSON columns), numbers that a float would
    change are read as :class:`~lino_migrate.exactjson.LiteralFloat`.

    Nothing in the file is executed. Anything that is not exactly what
    ``DataFileWriter`` writes (apart from comments and blank lines) is a
    ``DamagedDumpError`` naming the file and line.
    """
    name = path.name
    loads = exactjson.loads if exact else json.loads
    with open(path, "rb") as file:
        line_no = 0
        state = "header"
        while True:
            raw = file.readline(MAX_LINE_BYTES + 1)
            if not raw:
                break
            line_no += 1
            if len(raw) > MAX_LINE_BYTES:
                raise DamagedDumpError(f"{name}, line {line_no}: line longer than {MAX_LINE_BYTES} bytes")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise DamagedDumpError(f"{name}, line {line_no}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
            text = line.rstrip("\n")
            if text.endswith("\r"):
                raise DamagedDumpError(
                    f"{name}, line {line_no}: ends with CR LF (Windows line endings); a dump's files use LF only "
                    f"(convert them back, e.g. with dos2unix)"
                )
            if state == "rows":
                if text.startswith("["):
                    yield line_no, _parse_row(text, width, name, line_no, loads)
                    continue
                if text == ROWS_END:
                    state = "end"
                    continue
            stripped = text.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if state == "header" and text == NAMES_LINE:
                continue
            if state == "header" and text == ROWS_START:
                state = "rows"
                continue
            expected = {"header": f"a comment or {ROWS_START!r}", "rows": "a row '[...],' or ']'", "end": "nothing after ']'"}[state]
            raise DamagedDumpError(f"{name}, line {line_no}: expected {expected}, found {text[:80]!r}")
    if state != "end":
        raise DamagedDumpError(f"{name}: truncated, the file ends at line {line_no} without the closing ']'")


def _parse_row(text: str, width: int, name: str, line_no: int, loads: Callable[[str], Any] = json.loads) -> list:
    if not text.endswith(","):
        raise DamagedDumpError(f"{name}, line {line_no}: a row must end with ','")
    try:
        values = loads(text[:-1])
    except (ValueError, RecursionError) as exc:
        raise DamagedDumpError(f"{name}, line {line_no}: not a row of plain values ({exc})") from None
    if not isinstance(values, list):
        raise DamagedDumpError(f"{name}, line {line_no}: a row must be a list of values")
    if len(values) != width:
        raise DamagedDumpError(
            f"{name}, line {line_no}: {plural(len(values), 'value')} where the model has {plural(width, 'column')}"
        )
    return values

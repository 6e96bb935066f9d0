"""A corpus of hostile and broken dumps: each entry damages a copy of a real, complete dump.

``CASES[name] = (damage, expected)``: ``damage(target, marker)`` changes the
dump in the directory ``target`` (``marker`` is a path that injected code
would create), and ``expected`` is one of

- a tuple of needles that the error message of both ``showdump`` and
  ``restore`` must hold (the file name, and ``LINE`` for "line N");
- ``ACCEPTED``: the damage is harmless by the documented rules (extra
  statements in restore.py are never run by restore or showdump) and the
  restore must give the dump's rows.
"""

from __future__ import annotations

import ast
import json
import os
import pprint
from pathlib import Path

LINE = object()  # stands for "line N" in the message
ACCEPTED = "accepted"

INJECTED = '__import__("os").system("touch {marker}")'


# --- editing a dump ------------------------------------------------------------------------


def literal(target: Path, name: str):
    source = (target / "restore.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(name)


def replace_literal(target: Path, name: str, text: str) -> None:
    path = target / "restore.py"
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            lines[node.lineno - 1:node.end_lineno] = [f"{name} = {text}\n"]
            path.write_text("".join(lines), encoding="utf-8")
            return
    raise AssertionError(name)


def edit_dump(target: Path, change) -> None:
    dump = literal(target, "DUMP")
    change(dump)
    replace_literal(target, "DUMP", pprint.pformat(dump, width=100, sort_dicts=True))


def unseal(target: Path, name: str) -> None:
    def change(dump):
        dump["files"][name]["sha256"] = None
    edit_dump(target, change)


def row_line_numbers(path: Path) -> list[int]:
    return [i for i, line in enumerate(path.read_bytes().split(b"\n")) if line.startswith(b"[")]


def replace_line(target: Path, name: str, index: int, new: bytes, seal: bool = False) -> None:
    """Replace the index-th row line of a data file by ``new`` (bytes, no newline)."""
    path = target / name
    lines = path.read_bytes().split(b"\n")
    lines[row_line_numbers(path)[index]] = new
    path.write_bytes(b"\n".join(lines))
    if not seal:
        unseal(target, name)


def set_value(target: Path, name: str, column: int, raw: str, index: int = 0) -> None:
    """Put the raw text ``raw`` in place of one value of a row (and accept the file's new checksum)."""
    path = target / name
    line = path.read_bytes().split(b"\n")[row_line_numbers(path)[index]].decode()
    values = json.loads(line[:-1])
    parts = [json.dumps(v, ensure_ascii=False) for v in values]
    parts[column] = raw
    replace_line(target, name, index, ("[" + ", ".join(parts) + "],").encode())


def insert_after_line(target: Path, name: str, marker: bytes, new: bytes, seal: bool) -> None:
    path = target / name
    data = path.read_bytes()
    assert marker in data
    path.write_bytes(data.replace(marker, marker + b"\n" + new, 1))
    if not seal:
        unseal(target, name)


# --- the damages -----------------------------------------------------------------------------

TEXTS, NUMBERS, MOMENTS, DECIMALS, BLOBS = "zoo_texts.py", "zoo_numbers.py", "zoo_moments.py", "zoo_decimals.py", "zoo_blobs.py"


def _truncate_sealed(t, m):
    path = t / TEXTS
    path.write_bytes(path.read_bytes()[: path.stat().st_size * 6 // 10])


def _truncate_mid_line(t, m):
    path = t / TEXTS
    data = path.read_bytes()
    start = data.index(b"\n[", len(data) // 2) + 1
    path.write_bytes(data[: start + 15])
    unseal(t, TEXTS)


def _truncate_at_line_end(t, m):
    path = t / NUMBERS
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b"\n]")] + b"\n")
    unseal(t, NUMBERS)


def _empty(t, m):
    (t / NUMBERS).write_bytes(b"")
    unseal(t, NUMBERS)


def _flip_header_sealed(t, m):
    path = t / MOMENTS
    data = bytearray(path.read_bytes())
    data[3] ^= 0x01
    path.write_bytes(bytes(data))


def _flip_bracket_unsealed(t, m):
    path = t / MOMENTS
    data = path.read_bytes()
    i = data.index(b"\n[") + 1
    path.write_bytes(data[:i] + b"{" + data[i + 1:])
    unseal(t, MOMENTS)


def _flip_digit_sealed(t, m):
    path = t / NUMBERS
    data = bytearray(path.read_bytes())
    i = data.index(b"\n[") + 2
    data[i] ^= 0x01
    path.write_bytes(bytes(data))


def _missing_script(t, m):
    (t / "restore.py").unlink()


def _renamed(t, m):
    (t / TEXTS).rename(t / "zoo_texts_old.py")


def _directory_instead(t, m):
    (t / TEXTS).unlink()
    (t / TEXTS).mkdir()


def _fifo_instead(t, m):
    (t / TEXTS).unlink()
    os.mkfifo(t / TEXTS)
    unseal(t, TEXTS)


def _symlink_outside(t, m):
    (t / TEXTS).unlink()
    (t / TEXTS).symlink_to("/etc/passwd")
    unseal(t, TEXTS)


def _extra_file(t, m):
    (t / "evil.py").write_text(INJECTED.format(marker=m) + "\n")
    (t / "zoo_texts_2.py").write_text("ROWS = [\n" + INJECTED.format(marker=m) + ",\n]\n")


def _checksum_edited(t, m):
    def change(dump):
        sha = dump["files"][TEXTS]["sha256"]
        dump["files"][TEXTS]["sha256"] = sha[:-1] + ("0" if sha[-1] != "0" else "1")
    edit_dump(t, change)


def _checksum_not_hex(t, m):
    def change(dump):
        dump["files"][TEXTS]["sha256"] = "not a checksum"
    edit_dump(t, change)


def _inject_call_line(seal):
    return lambda t, m: insert_after_line(t, TEXTS, b"ROWS = [", (INJECTED.format(marker=m) + ",").encode(), seal)


def _inject_attribute(seal):
    return lambda t, m: replace_line(t, NUMBERS, 0, f"[1, __import__('os').path.sep, {INJECTED.format(marker=m)}],".encode(), seal)


def _inject_lambda(seal):
    return lambda t, m: replace_line(t, NUMBERS, 1, f"[(lambda: {INJECTED.format(marker=m)})(), 2, 3, 4, 5, 6, 7, 8],".encode(), seal)


def _inject_import(seal):
    return lambda t, m: insert_after_line(
        t, DECIMALS, b"ROWS = [", f"import os; os.system('touch {m}')".encode(), seal)


def _inject_header(seal):
    return lambda t, m: insert_after_line(t, DECIMALS, b"# table: zoo_decimals", f"from os import system; system('touch {m}')".encode(), seal)


def _invalid_utf8_comment(t, m):
    insert_after_line(t, TEXTS, b"ROWS = [", b"# a comment \xff\xfe here", seal=False)


def _invalid_utf8_surrogate(t, m):
    """A UTF-16 surrogate encoded as if it were a character (CESU-8): not UTF-8."""
    set_value(t, TEXTS, 1, '"SURROGATE"', index=2)
    path = t / TEXTS
    path.write_bytes(path.read_bytes().replace(b'"SURROGATE"', b'"\xed\xa0\x80"', 1))


def _overlong_utf8(t, m):
    set_value(t, TEXTS, 1, '"AB"', index=1)
    path = t / TEXTS
    path.write_bytes(path.read_bytes().replace(b'"AB"', b'"\xc0\x80"', 1))


def _enormous_line(t, m):
    """A row line longer than the 256 MiB limit."""
    path = t / TEXTS
    lines = path.read_bytes().split(b"\n")
    index = row_line_numbers(path)[0]
    with open(path, "wb") as file:
        file.write(b"\n".join(lines[:index]) + b"\n")
        file.write(b'[1, "')
        chunk = b"x" * (16 * 1024 * 1024)
        file.writelines(chunk for _ in range(17))
        file.write(b'", null, "", "", "", "", "", null],\n')
        file.write(b"\n".join(lines[index + 1:]))
    unseal(t, TEXTS)


def _long_value(t, m):
    """A 20 MB value in a CharField(max_length=200): parsed, then refused by validation."""
    set_value(t, TEXTS, 1, json.dumps("y" * 20_000_000))


def _too_few(t, m):
    replace_line(t, NUMBERS, 0, b"[1, 2, 3],")


def _too_many(t, m):
    replace_line(t, MOMENTS, 0, b'[1, "2020-01-01", "2020-01-01T00:00:00.000000+00:00", "00:00:00.000000", 0, null, "extra"],')


def _empty_row(t, m):
    replace_line(t, NUMBERS, 0, b"[],")


def _object_row(t, m):
    replace_line(t, NUMBERS, 0, b'{"id": 1},')


def _no_comma(t, m):
    path = t / NUMBERS
    line = path.read_bytes().split(b"\n")[row_line_numbers(path)[0]]
    replace_line(t, NUMBERS, 0, line[:-1])


def _nested_deep(t, m):
    replace_line(t, NUMBERS, 0, b"[" * 100_000 + b"]" * 100_000 + b",")


def _crlf(t, m):
    path = t / NUMBERS
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    unseal(t, NUMBERS)


def _value(name, column, raw, index=0):
    return lambda t, m: set_value(t, name, column, raw, index)


def _format(value):
    def damage(t, m):
        def change(dump):
            dump["format"] = value
        edit_dump(t, change)
    return damage


def _dump_literal(code):
    def damage(t, m):
        text = (t / "restore.py").read_text(encoding="utf-8")
        start = text.index("\nDUMP = {") + len("\nDUMP = {")
        (t / "restore.py").write_text(text[:start] + code.format(marker=m) + text[start:], encoding="utf-8")
    return damage


def _models_literal(t, m):
    replace_literal(t, "MODELS", f"[{INJECTED.format(marker=m)}] and ['zoo.Tag']")


def _extra_statements(t, m):
    path = t / "restore.py"
    text = path.read_text(encoding="utf-8")
    code = (
        f"import os\nos.system('touch {m}')\n"
        f"def f():\n    {INJECTED.format(marker=m)}\n"
        f"class C:\n    x = {INJECTED.format(marker=m)}\n"
        f"f()\n"
    )
    path.write_text(text.replace("\nCREATED = ", "\n" + code + "CREATED = ", 1) + code, encoding="utf-8")


def _script_invalid_utf8(t, m):
    path = t / "restore.py"
    path.write_bytes(path.read_bytes().replace(b"# A lino-migrate dump", b"# A lino-migrate \xff dump", 1))


CASES = {
    # truncated, flipped, missing, extra, renamed
    "truncated-sealed": (_truncate_sealed, (TEXTS, "sha256")),
    "truncated-unsealed-mid-line": (_truncate_mid_line, (TEXTS, LINE)),
    "truncated-unsealed-at-line-end": (_truncate_at_line_end, (NUMBERS, "truncated")),
    "empty-file-unsealed": (_empty, (NUMBERS, "truncated")),
    "flipped-byte-header-sealed": (_flip_header_sealed, (MOMENTS, "sha256")),
    "flipped-byte-digit-sealed": (_flip_digit_sealed, (NUMBERS, "sha256")),
    "flipped-bracket-unsealed": (_flip_bracket_unsealed, (MOMENTS, LINE)),
    "crlf-line-endings-unsealed": (_crlf, (NUMBERS, LINE)),
    "missing-restore-py": (_missing_script, ("restore.py",)),
    "renamed-data-file": (_renamed, (TEXTS, "missing")),
    "directory-instead-of-file": (_directory_instead, (TEXTS,)),
    "fifo-instead-of-file": (_fifo_instead, (TEXTS,)),
    "symlink-to-etc-passwd-unsealed": (_symlink_outside, (TEXTS, LINE)),
    "extra-files-with-code": (_extra_file, ("evil.py", "zoo_texts_2.py", "not part of this dump")),
    # restore.py's checksums
    "checksum-edited": (_checksum_edited, (TEXTS, "sha256")),
    "checksum-not-hex": (_checksum_not_hex, (TEXTS, "sha256")),
    # injected code, with the original checksum (mismatch) and with sha256 None (the parser refuses)
    "inject-call-sealed": (_inject_call_line(True), (TEXTS, "sha256")),
    "inject-call-unsealed": (_inject_call_line(False), (TEXTS, LINE)),
    "inject-attribute-sealed": (_inject_attribute(True), (NUMBERS, "sha256")),
    "inject-attribute-unsealed": (_inject_attribute(False), (NUMBERS, LINE)),
    "inject-lambda-sealed": (_inject_lambda(True), (NUMBERS, "sha256")),
    "inject-lambda-unsealed": (_inject_lambda(False), (NUMBERS, LINE)),
    "inject-import-sealed": (_inject_import(True), (DECIMALS, "sha256")),
    "inject-import-unsealed": (_inject_import(False), (DECIMALS, LINE)),
    "inject-header-import-unsealed": (_inject_header(False), (DECIMALS, LINE)),
    # encodings and sizes
    "invalid-utf8-in-comment": (_invalid_utf8_comment, (TEXTS, LINE, "UTF-8")),
    "invalid-utf8-surrogate": (_invalid_utf8_surrogate, (TEXTS, LINE, "UTF-8")),
    "invalid-utf8-overlong-nul": (_overlong_utf8, (TEXTS, LINE, "UTF-8")),
    "enormous-line": (_enormous_line, (TEXTS, LINE, "longer than")),
    "enormous-value": (_long_value, (TEXTS, LINE)),
    "deeply-nested-row": (_nested_deep, (NUMBERS, LINE)),
    # rows of the wrong shape
    "row-too-few-values": (_too_few, (NUMBERS, LINE, "3 values")),
    "row-too-many-values": (_too_many, (MOMENTS, LINE, "7 values")),
    "row-empty": (_empty_row, (NUMBERS, LINE, "0 values")),
    "row-is-an-object": (_object_row, (NUMBERS, LINE)),
    "row-without-comma": (_no_comma, (NUMBERS, LINE)),
    # values of the wrong type (well-formed rows: only decoding them finds the damage, see VALUE_CASES)
    "string-for-int": (_value(NUMBERS, 6, '"12"'), (NUMBERS, LINE, "integer")),
    "float-for-int": (_value(NUMBERS, 6, "1.5"), (NUMBERS, LINE, "integer")),
    "bool-for-int": (_value(NUMBERS, 6, "true"), (NUMBERS, LINE, "integer")),
    "int-overflow": (_value(NUMBERS, 6, str(10**40)), (NUMBERS, LINE, "integer")),
    "negative-for-positive-int": (_value(NUMBERS, 2, "-1"), (NUMBERS, LINE, "positive_integer")),
    "int-for-date": (_value(MOMENTS, 1, "20200101"), (MOMENTS, LINE, "date")),
    "impossible-date": (_value(MOMENTS, 1, '"2023-02-30"'), (MOMENTS, LINE, "date")),
    "garbage-datetime": (_value(MOMENTS, 2, '"yesterday"'), (MOMENTS, LINE, "date_time")),
    "list-for-text": (_value(TEXTS, 1, '["a"]'), (TEXTS, LINE, "char")),
    "object-for-decimal": (_value(DECIMALS, 1, '{"a": 1}'), (DECIMALS, LINE, "wide_decimal")),
    "word-for-decimal": (_value(DECIMALS, 1, '"abc"'), (DECIMALS, LINE, "wide_decimal")),
    "nan-for-decimal": (_value(DECIMALS, 1, '"NaN"'), (DECIMALS, LINE, "wide_decimal")),
    "infinity-for-int": (_value(NUMBERS, 6, "Infinity"), (NUMBERS, LINE, "integer")),
    "bad-base64": (_value(BLOBS, 1, '"***"'), (BLOBS, LINE, "binary")),
    # the manifest
    "format-next": (_format(2), ("restore.py", "format 2", "up to 1", "0.1.0")),
    "format-99": (_format(99), ("restore.py", "format 99", "up to 1", "0.1.0")),
    "format-string": (_format("1"), ("restore.py", "format")),
    "dump-literal-call": (_dump_literal("'x': " + INJECTED + ", "), ("restore.py", LINE, "plain literal")),
    "dump-literal-name": (_dump_literal("'x': os, "), ("restore.py", LINE, "plain literal")),
    "dump-literal-lambda": (_dump_literal("'x': (lambda: " + INJECTED + ")(), "), ("restore.py", LINE, "plain literal")),
    "dump-literal-fstring": (_dump_literal("'x': f'{{" + INJECTED + "}}', "), ("restore.py", LINE, "plain literal")),
    "models-literal-call": (_models_literal, ("restore.py", LINE, "plain literal")),
    "restore-py-invalid-utf8": (_script_invalid_utf8, ("restore.py", "UTF-8")),
    "restore-py-extra-statements": (_extra_statements, ACCEPTED),
}

#: Well-formed rows holding values their codec (or the field) refuses.
VALUE_CASES = [
    "enormous-value", "string-for-int", "float-for-int", "bool-for-int", "int-overflow", "negative-for-positive-int",
    "int-for-date", "impossible-date", "garbage-datetime", "list-for-text", "object-for-decimal", "word-for-decimal",
    "nan-for-decimal", "infinity-for-int", "bad-base64",
]

if os.environ.get("LM_DB", "sqlite") == "postgresql":
    # PostgreSQL's numeric holds NaN: there the value restores (tests/test_exact_values.py checks it comes back).
    del CASES["nan-for-decimal"]
    VALUE_CASES.remove("nan-for-decimal")

"""verify.py: each kind of damage to a dump's files, found and worded as the restore words it."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from lino_migrate.errors import DamagedDumpError
from lino_migrate.manifest import SCRIPT_NAME, read_manifest, render_script
from lino_migrate.verify import check_files, damaged_files, dump_differences, file_problem
from tests.unit.dumps import TAG_FIELDS, small_manifest, write_data_file


@pytest.fixture
def dump(tmp_path):
    small_manifest(tmp_path / "dump")
    return tmp_path / "dump"


def _problems(directory):
    manifest = read_manifest(directory)
    return damaged_files(manifest, manifest.models.values())


def _without_checksum(directory):
    """Set the sha256 of zoo_tag.py to None (an edit on purpose), as a person would."""
    script = directory / SCRIPT_NAME
    manifest = read_manifest(directory)
    files = {"zoo_tag.py": dataclasses.replace(manifest.files["zoo_tag.py"], sha256=None)}
    script.write_text(render_script(dataclasses.replace(manifest, files=files)), encoding="utf-8")


def test_an_intact_dump_has_no_problem(dump):
    assert _problems(dump) == []
    manifest = read_manifest(dump)
    check_files(manifest, manifest.models.values())  # raises nothing


def test_a_missing_file(dump):
    (dump / "zoo_tag.py").unlink()
    assert _problems(dump) == ["zoo_tag.py: missing"]


def test_a_changed_file(dump):
    path = dump / "zoo_tag.py"
    path.write_bytes(path.read_bytes().replace(b"alpha", b"alphb"))
    assert _problems(dump) == [
        "zoo_tag.py: its sha256 does not match the one recorded in restore.py (changed or truncated)"
    ]


def test_a_truncated_file(dump):
    path = dump / "zoo_tag.py"
    path.write_bytes(path.read_bytes()[:-10])
    assert _problems(dump) == [
        "zoo_tag.py: its sha256 does not match the one recorded in restore.py (changed or truncated)"
    ]


def test_columns_that_differ_from_the_recorded_fields(dump):
    _without_checksum(dump)
    (dump / "zoo_tag.py").unlink()
    write_data_file(dump / "zoo_tag.py", "zoo.Tag", [TAG_FIELDS[1], TAG_FIELDS[0]], [["alpha", 1]])
    assert _problems(dump) == [
        "zoo_tag.py (zoo.Tag): its columns (name (text), id (int)) differ from those restore.py lists (id (int), name (text))"
    ]


def test_an_edited_file_without_checksum_is_no_damage(dump):
    _without_checksum(dump)
    path = dump / "zoo_tag.py"
    path.write_bytes(path.read_bytes().replace(b"alpha", b"omega"))
    manifest = read_manifest(dump)
    assert file_problem(manifest, "zoo_tag.py", manifest.models["zoo.Tag"]) is None


def test_files_that_restore_py_does_not_list(dump):
    (dump / "evil.py").write_text("import os\n")
    (dump / "notes.txt").write_text("not Python: not read, not reported\n")
    assert _problems(dump) == ["evil.py: not part of this dump (restore.py does not list it); remove it"]


def test_check_files_raises_the_restores_message(dump):
    (dump / "zoo_tag.py").unlink()
    (dump / "evil.py").write_text("")
    manifest = read_manifest(dump)
    with pytest.raises(DamagedDumpError) as caught:
        check_files(manifest, manifest.models.values())
    assert str(caught.value) == (
        f"The dump in {dump} is damaged:\n- zoo_tag.py: missing\n"
        f"- evil.py: not part of this dump (restore.py does not list it); remove it"
    )


def test_only_the_models_asked_for_are_checked(dump):
    (dump / "zoo_tag.py").unlink()
    manifest = read_manifest(dump)
    assert damaged_files(manifest, []) == []


def test_two_dumps_that_differ_only_in_created_are_the_same(dump, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(dump, other)
    script = other / SCRIPT_NAME
    script.write_text(script.read_text().replace("CREATED = '2026-01-02", "CREATED = '2027-01-02"))
    assert script.read_bytes() != (dump / SCRIPT_NAME).read_bytes()
    assert dump_differences(dump, other) == []


def test_dump_differences_name_each_difference(dump, tmp_path):
    other = tmp_path / "other"
    small_manifest(other, tags=[[1, "alpha"], [2, "beta"]])
    (other / "zoo_extra.py").write_text("")
    problems = dump_differences(dump, other)
    assert "zoo_extra.py: only in the second dump" in problems
    assert any(p.startswith("--- first/restore.py") for p in problems)  # the sha256 recorded differs
    data = next(p for p in problems if p.startswith("--- first/zoo_tag.py"))
    assert '-[2, "ünïcødé"],' in data and '+[2, "beta"],' in data


def test_line_ends_count(dump, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(dump, other)
    path = other / "zoo_tag.py"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert dump_differences(dump, other) == ["zoo_tag.py: the same lines but for their line ends"]


def test_a_restore_py_without_one_created_line_is_a_difference(dump, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(dump, other)
    script = other / SCRIPT_NAME
    script.write_text(script.read_text().replace("CREATED = ", "WHEN = "))
    assert dump_differences(dump, other)[0] == f"{script}: must have exactly one CREATED line, has 0"

"""manifest.py writes and reads its own dataclasses: write -> read gives the same manifest back."""

from __future__ import annotations

import dataclasses
import stat

import pytest

from lino_migrate.dump import Dumper
from lino_migrate.errors import DamagedDumpError
from lino_migrate.manifest import SCRIPT_NAME, dump_literal, read_manifest, render_script
from tests.unit.dumps import small_manifest


def test_a_written_manifest_reads_back_equal(tmp_path):
    written = small_manifest(tmp_path / "dump")
    read = read_manifest(tmp_path / "dump")
    # stamps, as read, also hold what the fields say (DUMP as a whole); every written stamp is there
    assert {key: read.stamps[key] for key in written.stamps} == written.stamps
    assert read == dataclasses.replace(written, stamps=read.stamps)
    assert read.models["zoo.Tag"].generic == [("content_type", "object_id")]
    assert read.permission_names == {("add_tag", "zoo", "tag"): "Can add tag"}


def test_rendering_a_read_manifest_gives_the_same_text(tmp_path):
    small_manifest(tmp_path / "dump")
    script = tmp_path / "dump" / SCRIPT_NAME
    assert render_script(read_manifest(tmp_path / "dump")) == script.read_text(encoding="utf-8")
    assert stat.S_IMODE(script.stat().st_mode) == 0o600


def test_optional_entries_are_written_only_where_there_are_some(tmp_path):
    manifest = small_manifest(tmp_path / "dump")
    plain = dataclasses.replace(manifest.models["zoo.Tag"], generic=[], generated={}, owner=None, db_types=None)
    entry = dump_literal(dataclasses.replace(manifest, models={"zoo.Tag": plain}))["models"]["zoo.Tag"]
    assert sorted(entry) == ["fields", "files", "natural_key", "rows", "table"]
    assert entry["fields"][0] == ("id", "id", "id", "AutoField", "int")  # tuples, as dumps always had


def test_a_manifest_naming_a_file_it_does_not_list_is_refused(tmp_path):
    manifest = small_manifest(tmp_path / "dump")
    script = tmp_path / "dump" / SCRIPT_NAME
    script.unlink()
    broken = dataclasses.replace(manifest.models["zoo.Tag"], files=["zoo_tag.py", "zoo_tag_2.py"])
    script.write_text(render_script(dataclasses.replace(manifest, models={"zoo.Tag": broken})), encoding="utf-8")
    with pytest.raises(DamagedDumpError, match=r"zoo_tag_2.py' is not"):
        read_manifest(tmp_path / "dump")


@pytest.mark.django_db(transaction=True)
def test_a_real_dump_reads_back_to_its_own_text(tmp_path):
    from tests.zoo.models import Author, Tag

    Tag.objects.create(name="alpha")
    Author.objects.create(name="Ann")
    Dumper(tmp_path / "dump", verbosity=0).write()
    manifest = read_manifest(tmp_path / "dump")
    assert render_script(manifest) == (tmp_path / "dump" / SCRIPT_NAME).read_text(encoding="utf-8")
    assert manifest.models["zoo.Tag"].rows == 1 and manifest.models["zoo.Tag"].db_types["name"]
    assert manifest.models["contenttypes.ContentType"].natural_key

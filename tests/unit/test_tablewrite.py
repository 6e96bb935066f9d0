"""tablewrite.Table: a table written whole, or part by part (as the workers of --jobs do), is the same files."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.db import connection

from lino_migrate.errors import DumpError
from lino_migrate.manifest import FieldInfo
from lino_migrate.naturalkeys import NaturalKeys
from lino_migrate.tableread import part_starts
from lino_migrate.tablewrite import Table, file_names, rows_in_part
from tests.zoo.models import Tag

pytestmark = pytest.mark.django_db


def _files(directory):
    return {p.name: p.read_bytes() for p in directory.iterdir()}


def test_parts_written_alone_are_the_table_written_whole(tmp_path):
    Tag.objects.bulk_create([Tag(name=f"tag {i}") for i in range(5)])
    table = Table(Tag, connection, 5, 2)
    keys = NaturalKeys(connection)
    whole, parts = tmp_path / "whole", tmp_path / "parts"
    whole.mkdir(), parts.mkdir()
    done = []
    infos = table.write(whole, keys, done.append)
    assert [info.name for info in infos] == ["zoo_tag_1.py", "zoo_tag_2.py", "zoo_tag_3.py"] == table.names
    assert [info.rows for info in infos] == done == [2, 2, 1]
    starts = part_starts(connection, Tag, 2)
    alone = [table.write_part(parts, keys, part, pk) for part, pk in enumerate(starts, start=1)]
    assert alone == infos
    assert _files(parts) == _files(whole)
    assert b"# lino-migrate data file: zoo.Tag, part 3 of 3, rows 5 to 5\n" in (whole / "zoo_tag_3.py").read_bytes()


def test_a_table_that_changed_since_it_was_counted_fails(tmp_path):
    Tag.objects.bulk_create([Tag(name=f"tag {i}") for i in range(3)])
    with pytest.raises(DumpError, match="zoo.Tag: the table changed while it was read"):
        Table(Tag, connection, 2, 10).write(tmp_path, NaturalKeys(connection))


def test_the_description_of_a_natural_key_model(tmp_path):
    info = Table(Permission, connection, 0, 10).describe()
    assert info.natural_key and info.files == ["auth_permission.py"]
    assert FieldInfo("content_type", "content_type_id", "content_type_id", "ForeignKey", "contenttype") in info.fields
    assert "id" not in [f.name for f in info.fields]  # matched by natural key, never by id


def test_file_names_and_rows_per_part():
    assert file_names(Tag, 0, 10) == ["zoo_tag.py"]
    assert file_names(Tag, 21, 10) == ["zoo_tag_1.py", "zoo_tag_2.py", "zoo_tag_3.py"]
    assert [rows_in_part(21, part, 10) for part in (1, 2, 3)] == [10, 10, 1]

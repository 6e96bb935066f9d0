"""Small dumps written by hand into real files, for the unit tests of the manifest and verify."""

from __future__ import annotations

from pathlib import Path

from lino_migrate import DUMP_FORMAT
from lino_migrate.datafile import DataFileWriter
from lino_migrate.manifest import AppInfo, FieldInfo, FileInfo, Manifest, ModelInfo, write_script

TAG_FIELDS = [FieldInfo("id", "id", "id", "AutoField", "int"), FieldInfo("name", "name", "name", "CharField", "text")]


def write_data_file(path: Path, label: str, fields: list[FieldInfo], rows: list[list]) -> str:
    """A data file as the dump writes it; its sha256."""
    writer = DataFileWriter(path, [
        f"lino-migrate data file: {label}, part 1 of 1, rows 1 to {len(rows)}",
        "columns: " + ", ".join(f"{f.attname} ({f.codec})" for f in fields),
    ])
    for row in rows:
        writer.write(row)
    return writer.close()


def small_manifest(directory: Path, tags: list[list] | None = None) -> Manifest:
    """Write a dump of one model (zoo.Tag) into ``directory``: its data file and restore.py."""
    directory.mkdir(parents=True, exist_ok=True)
    tags = [[1, "alpha"], [2, "ünïcødé"]] if tags is None else tags
    digest = write_data_file(directory / "zoo_tag.py", "zoo.Tag", TAG_FIELDS, tags)
    manifest = Manifest(
        directory=directory,
        created="2026-01-02T03:04:05+00:00",
        stamps={"format": DUMP_FORMAT, "vendor": "sqlite", "complete": False, "excluded": ["sessions.Session"],
                "time_zone": "UTC", "use_tz": True, "permission_names": [["add_tag", "zoo", "tag", "Can add tag"]]},
        apps={"zoo": AppInfo("1.2", ["0001_initial", "0002_more"]), "auth": AppInfo(None, [])},
        models={"zoo.Tag": ModelInfo(
            label="zoo.Tag", table="zoo_tag", fields=list(TAG_FIELDS), rows=len(tags), files=["zoo_tag.py"],
            generic=[("content_type", "object_id")], generated={"name": "Lower('name')"},
            db_types={"id": "integer", "name": "varchar(50)"}, owner="zoo.Other",
        )},
        files={"zoo_tag.py": FileInfo("zoo_tag.py", "zoo.Tag", len(tags), digest)},
        selected=["zoo.Tag", "zoo.Gone"],
        missing={"zoo.Gone": "no such table: zoo_gone"},
        next_ids={"zoo.Tag": 3},
    )
    write_script(directory, manifest)
    return manifest

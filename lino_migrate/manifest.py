"""The manifest of a dump: the literals at the top of its ``restore.py``.

``restore.py`` is a script a person may run (``manage.py run restore.py``), but
its stamps are plain Python literals (``CREATED``, ``DUMP`` and ``MODELS``)
that are read here with ``ast`` and never executed.
"""

from __future__ import annotations

import os
import pprint
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import DUMP_FORMAT
from .datafile import FILE_MODE
from .errors import DamagedDumpError
from .literals import ShapeChecker, top_level_literals
from .text import shown_path

__all__ = [
    "AppInfo",
    "FieldInfo",
    "FileInfo",
    "MAX_SCRIPT_BYTES",
    "Manifest",
    "ModelInfo",
    "SCRIPT_NAME",
    "dump_literal",
    "read_manifest",
    "render_script",
    "unlisted_files",
    "write_script",
]

SCRIPT_NAME = "restore.py"
MAX_SCRIPT_BYTES = 64 * 1024 * 1024

SCRIPT_TEMPLATE = '''\
#!/usr/bin/env python3
# A lino-migrate dump of a Django database, and the script that restores it.
#
# Restore it, with the code you have now (old or upgraded), from your project
# (DUMP being this directory):
#
#     python manage.py run {dirname}/restore.py [--noinput] [--quick] [--dry-run]
#     python manage.py restore {dirname} [--noinput] [--quick] [--dry-run] [--database ALIAS]
#
# `manage.py showdump {dirname}` shows what it holds. The literals below are
# read without running this file. Each data file's sha256 is recorded in DUMP:
# if you edit a data file, set its "sha256" to None to accept your change.

CREATED = {created!r}

DUMP = {dump}

# The models to restore, in this order. Comment out a line to leave a model
# out: a complete dump then leaves its table empty, a partial one untouched.
MODELS = [
{models}]

if __name__ == "__main__":
    try:
        from lino_migrate.restore import run_script
    except ImportError:
        raise SystemExit(
            f"{{__file__}} restores its dump from inside your Django project: from the directory "
            f"of your manage.py, run `python manage.py run {{__file__}}`, with lino-migrate "
            f"installed and 'lino_migrate' in INSTALLED_APPS."
        )
    run_script(__file__)
'''


@dataclass(frozen=True)
class FieldInfo:
    """A dumped column: the field's name and attname, its column, type and codec."""

    name: str
    attname: str
    column: str
    type: str
    codec: str


@dataclass(frozen=True)
class FileInfo:
    name: str
    model: str
    rows: int
    sha256: str | None


@dataclass
class ModelInfo:
    label: str
    table: str
    fields: list[FieldInfo]
    rows: int
    files: list[str]
    natural_key: bool = False
    #: The label of the model that declares this auto-created many-to-many table (None: not one, or not recorded).
    owner: str | None = None
    #: (content type field, object id field) of each generic foreign key whose object ids may be natural keys.
    generic: list[tuple[str, str]] = field(default_factory=list)
    #: Generated fields (the database computes them): name -> definition when dumped.
    generated: dict[str, str] = field(default_factory=dict)
    #: Each field's column type in the dumped database, by field name (None: not recorded).
    db_types: dict[str, str | None] | None = None

    @property
    def app_label(self) -> str:
        return self.label.partition(".")[0]


@dataclass
class AppInfo:
    version: str | None
    migrations: list[str]


@dataclass
class Manifest:
    """What ``restore.py`` says about its dump.

    ``stamps`` holds ``DUMP`` as read (the keys that have no field of their
    own: format, versions, vendor, ``complete``, ``excluded``, ...); where it
    repeats ``apps``, ``models``, ``files``, ``missing`` or ``next_ids``, the
    fields are what is written.
    """

    directory: Path
    created: str
    stamps: dict[str, Any]
    apps: dict[str, AppInfo]
    models: dict[str, ModelInfo]
    files: dict[str, FileInfo]
    selected: list[str]
    missing: dict[str, str] = field(default_factory=dict)
    #: Label -> the id its sequence would have given next at dump time (``DUMP['next_ids']``, optional).
    next_ids: dict[str, int] = field(default_factory=dict)

    @property
    def format(self) -> int:
        return self.stamps["format"]

    @property
    def complete(self) -> bool:
        return bool(self.stamps.get("complete"))

    @property
    def time_zone(self) -> str:
        return self.stamps.get("time_zone") or "UTC"

    @property
    def use_tz(self) -> bool:
        return bool(self.stamps.get("use_tz"))

    @property
    def permission_names(self) -> dict[tuple[str, str, str], str]:
        """The names of Permissions whose rows are not in the dump, by natural key (optional)."""
        entries = self.stamps.get("permission_names") or []
        return {
            (entry[0], entry[1], entry[2]): entry[3] for entry in entries
            if isinstance(entry, (list, tuple)) and len(entry) == 4 and all(isinstance(p, str) for p in entry)
        }


def unlisted_files(manifest: Manifest) -> list[str]:
    """Python files in the dump's directory that restore.py does not list (someone added them)."""
    return sorted(
        path.name for path in manifest.directory.iterdir()
        if path.suffix == ".py" and path.name != SCRIPT_NAME and path.name not in manifest.files
    )


#: The keys of DUMP that the dataclasses write (everything else is in ``Manifest.stamps``).
_STRUCTURED = ("apps", "models", "files", "missing", "next_ids")


def dump_literal(manifest: Manifest) -> dict[str, Any]:
    """``DUMP`` as written into ``restore.py``: the stamps, then the dataclasses as plain literals."""
    dump = {key: value for key, value in manifest.stamps.items() if key not in _STRUCTURED}
    dump["apps"] = {label: {"version": app.version, "migrations": list(app.migrations)} for label, app in manifest.apps.items()}
    dump["models"] = {label: _model_literal(info) for label, info in manifest.models.items()}
    dump["files"] = {name: {"model": info.model, "rows": info.rows, "sha256": info.sha256} for name, info in manifest.files.items()}
    dump["missing"] = dict(manifest.missing)
    dump["next_ids"] = dict(manifest.next_ids)
    return dump


def _model_literal(info: ModelInfo) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "table": info.table,
        "fields": [(f.name, f.attname, f.column, f.type, f.codec) for f in info.fields],
        "rows": info.rows,
        "files": list(info.files),
        "natural_key": info.natural_key,
    }
    if info.db_types is not None:
        entry["db_types"] = dict(info.db_types)
    if info.generic:  # only where there are some: the manifests of other models stay as they were
        entry["generic"] = [[ct, fk] for ct, fk in info.generic]
    if info.owner is not None:
        entry["auto_created"] = info.owner
    if info.generated:
        entry["generated"] = dict(info.generated)
    return entry


def render_script(manifest: Manifest) -> str:
    """The text of ``restore.py`` for ``manifest``.

    Nothing in it depends on the directory's name: two dumps of the same data
    differ only in their ``CREATED`` line.
    """
    return SCRIPT_TEMPLATE.format(
        dirname="DUMP",
        created=manifest.created,
        dump=pprint.pformat(dump_literal(manifest), indent=1, width=100, sort_dicts=True),
        models="".join(f"    {label!r},\n" for label in manifest.selected),
    )


def write_script(directory: Path, manifest: Manifest) -> None:
    """Write ``restore.py`` (mode 0600, synced) for ``manifest`` into ``directory``."""
    text = render_script(manifest)
    fd = os.open(directory / SCRIPT_NAME, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())


def read_manifest(directory: Path | str) -> Manifest:
    """Read the manifest of the dump in ``directory`` without executing anything."""
    directory = Path(directory)
    script = directory / SCRIPT_NAME
    shown = Path(shown_path(script))  # in messages: normalised
    if not directory.is_dir():
        raise DamagedDumpError(f"{shown_path(directory)}: no such directory")
    if not script.is_file():
        raise DamagedDumpError(f"{shown_path(directory)}: no {SCRIPT_NAME}; this is not a lino-migrate dump, or an incomplete one")
    if script.stat().st_size > MAX_SCRIPT_BYTES:
        raise DamagedDumpError(f"{shown}: larger than {MAX_SCRIPT_BYTES} bytes")
    try:
        source = script.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DamagedDumpError(f"{shown}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    literals = top_level_literals(shown, source, ("CREATED", "DUMP", "MODELS"))
    return _build(directory, shown, literals)


def _generic_pairs(check: ShapeChecker, info: dict, where: str) -> list[tuple[str, str]]:
    pairs = check.get(info, "generic", list, f"{where}['generic']", "a list of [content type field, object id field]", optional=True)
    result = []
    for index, pair in enumerate(pairs or []):
        if not (isinstance(pair, (list, tuple)) and len(pair) == 2 and all(isinstance(part, str) for part in pair)):
            check.fail(f"{where}['generic'][{index}]", "[content type field, object id field]")
        result.append((pair[0], pair[1]))
    return result


def _db_types(info: dict) -> dict[str, str | None] | None:
    """The recorded column types; only read to compare vendors, so a malformed entry is as none."""
    recorded = info.get("db_types")
    return dict(recorded) if isinstance(recorded, dict) else None


def _build(directory: Path, script: Path, literals: dict[str, Any]) -> Manifest:
    check = ShapeChecker(script)
    dump = literals["DUMP"]
    if not isinstance(dump, dict):
        check.fail("DUMP", "a dict")
    dump_format = check.get(dump, "format", int, "DUMP['format']", "an integer")
    if dump_format > DUMP_FORMAT:
        from . import __version__

        raise DamagedDumpError(
            f"{script}: this dump has format {dump_format}, written by lino-migrate {dump.get('lino_migrate', '?')}; "
            f"this lino-migrate ({__version__}) reads formats up to {DUMP_FORMAT}. Upgrade lino-migrate to restore it."
        )
    created = literals["CREATED"]
    if not isinstance(created, str):
        check.fail("CREATED", "a string")
    selected = literals["MODELS"]
    if not isinstance(selected, list) or not all(isinstance(label, str) for label in selected):
        check.fail("MODELS", "a list of model labels")

    apps = {}
    for label, info in check.get(dump, "apps", dict, "DUMP['apps']", "a dict").items():
        where = f"DUMP['apps'][{label!r}]"
        version = check.get(info, "version", str, f"{where}['version']", "a version string or None", optional=True)
        migrations = check.get(info, "migrations", list, f"{where}['migrations']", "a list")
        apps[label] = AppInfo(version, [str(name) for name in migrations])

    files = {}
    for name, info in check.get(dump, "files", dict, "DUMP['files']", "a dict").items():
        where = f"DUMP['files'][{name!r}]"
        if not isinstance(name, str) or "/" in name or os.sep in name or name.startswith(".") or not name.endswith(".py"):
            check.fail(where, "named by a plain file name ending in .py")
        files[name] = FileInfo(
            name=name,
            model=check.get(info, "model", str, f"{where}['model']", "a model label"),
            rows=check.get(info, "rows", int, f"{where}['rows']", "an integer"),
            sha256=check.get(info, "sha256", str, f"{where}['sha256']", "a hex string or None", optional=True),
        )

    models = {}
    for label, info in check.get(dump, "models", dict, "DUMP['models']", "a dict").items():
        where = f"DUMP['models'][{label!r}]"
        fields = []
        for index, entry in enumerate(check.get(info, "fields", list, f"{where}['fields']", "a list")):
            if not (isinstance(entry, (list, tuple)) and len(entry) == 5 and all(isinstance(part, str) for part in entry)):
                check.fail(f"{where}['fields'][{index}]", "(name, attname, column, type, codec)")
            fields.append(FieldInfo(*entry))
        model_files = check.get(info, "files", list, f"{where}['files']", "a list of file names")
        for name in model_files:
            if name not in files:
                check.fail(f"{where}['files']", f"a list of files listed in DUMP['files'] ({name!r} is not)")
        generated = check.get(info, "generated", dict, f"{where}['generated']", "a dict", optional=True) or {}
        if not all(isinstance(name, str) and isinstance(text, str) for name, text in generated.items()):
            check.fail(f"{where}['generated']", "a dict of field name -> definition (strings)")
        models[label] = ModelInfo(
            label=label,
            table=check.get(info, "table", str, f"{where}['table']", "a table name"),
            fields=fields,
            rows=check.get(info, "rows", int, f"{where}['rows']", "an integer"),
            files=list(model_files),
            natural_key=bool(info.get("natural_key", False)),
            owner=check.get(info, "auto_created", str, f"{where}['auto_created']", "a model label or None", optional=True),
            generic=_generic_pairs(check, info, where),
            generated=dict(generated),
            db_types=_db_types(info),
        )
    missing = dump.get("missing", {})
    if not isinstance(missing, dict):
        check.fail("DUMP['missing']", "a dict")
    next_ids = dump.get("next_ids", {})
    if not isinstance(next_ids, dict):
        check.fail("DUMP['next_ids']", "a dict")
    for label, value in next_ids.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            check.fail(f"DUMP['next_ids'][{label!r}]", "a positive integer")
    for label in selected:
        if label not in models and label not in missing:
            raise DamagedDumpError(f"{script}: MODELS names {label!r}, which DUMP['models'] does not describe")
    return Manifest(directory, created, dump, apps, models, files, list(selected), dict(missing), dict(next_ids))

"""Write one model's table into the data files of a dump.

The one-process dump writes a table whole (``Table.write``: read once, split
into parts of ``max_row_count`` rows); a worker of ``dump2py --jobs`` writes
one part (``Table.write_part``, reading from the part's first primary key).
Both write each file the same way, so the bytes do not depend on who wrote it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

from .codec import RawCodec, codec_for_field
from .datafile import DataFileWriter
from .errors import DumpError
from .generated import generated_definitions
from .manifest import FileInfo, ModelInfo
from .naturalkeys import NATURAL_KEY_MODELS, NaturalKeys, sort_key
from .references import generic_pairs
from .rowencode import Column, PageEncoder, page_encoder
from .tableread import PAGE_SIZE, column_converter, read_pages, values_converter
from .text import plural
from .vendors import db_types

__all__ = ["Column", "Table", "changed_while_read", "file_names", "rows_in_part", "table_columns"]


def table_columns(model: type[models.Model], connection: BaseDatabaseWrapper) -> list[Column]:
    """The columns a dump writes for ``model``: its local concrete fields (no id for natural-key models)."""
    fields = list(model._meta.local_concrete_fields)
    if model._meta.label in NATURAL_KEY_MODELS:
        fields = [f for f in fields if not f.primary_key]
    columns = []
    for f in fields:
        codec = codec_for_field(f, connection)
        raw = isinstance(codec, RawCodec)
        columns.append(Column(f, codec, column_converter(f, connection, raw), values_converter(f, connection, raw)))
    return columns


def file_names(model: type[models.Model], count: int, max_row_count: int) -> list[str]:
    """The data files of a table of ``count`` rows: one, or one per ``max_row_count`` rows."""
    parts = max(1, math.ceil(count / max_row_count))
    base = f"{model._meta.app_label}_{model._meta.model_name}".lower()
    return [f"{base}.py"] if parts == 1 else [f"{base}_{i}.py" for i in range(1, parts + 1)]


def rows_in_part(count: int, part: int, max_row_count: int) -> int:
    """How many of a table's ``count`` rows its file number ``part`` holds."""
    return min(max_row_count, count - (part - 1) * max_row_count)


def changed_while_read(label: str, count: int) -> DumpError:
    return DumpError(f"{label}: the table changed while it was read ({plural(count, 'row')} counted); dump again.")


@dataclass(frozen=True)
class Table:
    """One model's table of ``count`` rows (counted in the snapshot) as the dump writes it."""

    model: type[models.Model]
    connection: BaseDatabaseWrapper
    count: int
    max_row_count: int

    @property
    def label(self) -> str:
        return self.model._meta.label

    @cached_property
    def columns(self) -> list[Column]:
        return table_columns(self.model, self.connection)

    @cached_property
    def names(self) -> list[str]:
        return file_names(self.model, self.count, self.max_row_count)

    def describe(self) -> ModelInfo:
        """The model's entry in the manifest (``DUMP["models"]``)."""
        model, fields = self.model, [c.field for c in self.columns]
        owner = model._meta.auto_created  # --exclude of the declaring model leaves it out too
        return ModelInfo(
            label=self.label,
            table=model._meta.db_table,
            fields=[c.describe() for c in self.columns],
            rows=self.count,
            files=list(self.names),
            natural_key=self.label in NATURAL_KEY_MODELS,
            owner=owner._meta.label if owner else None,
            generic=[(ct.name, fk.name) for ct, fk in generic_pairs(model)],  # their object ids may be natural keys
            generated=generated_definitions(fields),
            db_types=db_types(fields, self.connection),
        )

    @property
    def exact(self) -> bool:
        """Whether a row may hold a number that only the exact JSON writer keeps (a JSON column)."""
        return any(c.codec.name in ("json", "json-or-null") for c in self.columns)

    def write(self, directory: Path, natural_keys: NaturalKeys, done: Callable[[int], None] = lambda rows: None) -> list[FileInfo]:
        """Write every part, reading the table once; ``done(rows)`` after each file."""
        pages = read_pages(self.connection, self.model, [c.field for c in self.columns])
        if self.label in NATURAL_KEY_MODELS:
            key = sort_key(self.label, [c.field.name for c in self.columns], natural_keys)
            rows = sorted((row for page in pages for row in page), key=key)
            pages = iter([rows[start:start + PAGE_SIZE] for start in range(0, len(rows), PAGE_SIZE)])
        batches = _Batches(pages)
        encode = page_encoder(self.columns, natural_keys, self.model)
        infos = []
        for part in range(1, len(self.names) + 1):
            infos.append(self._write_file(directory, part, encode, batches.take(self.max_row_count)))
            done(infos[-1].rows)
        if not batches.exhausted() or sum(info.rows for info in infos) != self.count:
            raise changed_while_read(self.label, self.count)
        return infos

    def write_part(self, directory: Path, natural_keys: NaturalKeys, part: int, first_pk: Any) -> FileInfo:
        """Write part ``part`` alone, reading from its first primary key (a worker's task)."""
        expected = rows_in_part(self.count, part, self.max_row_count)
        is_last = part == len(self.names)
        pages = read_pages(
            self.connection, self.model, [c.field for c in self.columns], start=first_pk, limit=None if is_last else expected,
        )
        batches = _Batches(pages)
        encode = page_encoder(self.columns, natural_keys, self.model)
        info = self._write_file(directory, part, encode, batches.take(self.max_row_count))
        if info.rows != expected or (is_last and not batches.exhausted()):
            raise changed_while_read(self.label, self.count)
        return info

    def _write_file(self, directory: Path, part: int, encode: PageEncoder, pages: Iterator[Sequence[tuple]]) -> FileInfo:
        """Write the part's file from its pages of raw rows."""
        name = self.names[part - 1]
        first = (part - 1) * self.max_row_count + 1
        last = min(self.count, part * self.max_row_count)
        rows_text = f"rows {first} to {last}" if last >= first else "no rows"
        if (directory / name).exists():
            raise DumpError(f"Two models would be written to the same file {name}; dump them separately (--exclude).")
        writer = DataFileWriter(directory / name, [
            f"lino-migrate data file: {self.label}, part {part} of {len(self.names)}, {rows_text}",
            f"table: {self.model._meta.db_table}",
            "columns: " + ", ".join(f"{c.field.attname} ({c.codec.name})" for c in self.columns),
            "One row per line: a JSON array that is also a Python literal.",
        ])
        try:
            exact = self.exact
            for page in pages:
                writer.write_rows(encode(page), exact)
            return FileInfo(name=name, model=self.label, rows=writer.rows, sha256=writer.close())
        except BaseException:
            writer.abort()
            raise


class _Batches:
    """The pages of a table taken file by file: a page that crosses a file's end is split there."""

    def __init__(self, pages: Iterator[Sequence[tuple]]):
        self._pages = pages
        self._held: Sequence[tuple] = ()

    def take(self, count: int) -> Iterator[Sequence[tuple]]:
        """Yield the next pages, ``count`` rows in all, or fewer at the table's end."""
        while count > 0:
            page = self._held or next(self._pages, None)
            self._held = ()
            if page is None:
                return
            if len(page) > count:
                page, self._held = page[:count], page[count:]
            count -= len(page)
            yield page

    def exhausted(self) -> bool:
        """True when no row is left (reads on to find out)."""
        return not self._held and next(self._pages, None) is None

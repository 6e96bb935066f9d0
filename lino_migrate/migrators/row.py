"""A row on its way from a dump to the database."""

from __future__ import annotations

from typing import Any, Mapping

__all__ = ["Row"]


class Row(dict):
    """A mutable mapping of field attname to value, with the label of its model.

    A foreign key is keyed by its attname (``author_id``). Values are Python
    values: ``Decimal``, aware ``datetime``, ``bytes``, ...; a reference to a
    ContentType is its natural key ``(app_label, model)`` and one to a
    Permission ``(codename, app_label, model)``.
    """

    __slots__ = ("model", "origin", "via")

    def __init__(self, model: str, values: Mapping[str, Any] | None = None, /, **fields: Any) -> None:
        super().__init__(values or (), **fields)
        self.model = model
        #: Where the row came from, for error messages: "file.py, line 12".
        self.origin = ""
        #: The last operation that changed or made this row (a BoundOperation: its str() names it).
        self.via: object = None

    def __repr__(self) -> str:
        return f"Row({self.model!r}, {dict.__repr__(self)})"

    def copy(self) -> Row:
        row = Row(self.model, self)
        row.origin = self.origin
        row.via = self.via
        return row

    def describe_source(self) -> str:
        """Who made the row what it is, and where it came from: for error messages."""
        who = str(self.via) if self.via is not None else "the dump"
        return f"{who}; {self.model} pk={self.pk!r} from {self.origin}"

    @property
    def pk(self) -> Any:
        for key in ("id", "pk"):
            if key in self:
                return self[key]
        for key, value in self.items():
            if key.endswith("_ptr_id"):
                return value
        return None

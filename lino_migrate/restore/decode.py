"""The row decoder: a dumped row's JSON values in, the Python values of the target out.

Pure but for the natural keys: it reads no file and writes nothing. What it
does to each column, in order:

- the column's codec decodes it (``codec.py``);
- a datetime keeps its instant when ``USE_TZ`` or ``TIME_ZONE`` differ from the dump's;
- a ContentType or Permission natural key becomes the id it has here (the
  resolver), unless the row goes to the migrators, which see natural keys, or
  is itself a ContentType or Permission row (``ensure_natural_row`` takes the
  key); a row of an auto-created many-to-many table that links to a model the
  current code does not have is left out (``decode()`` returns None);
- where a field's type changed since the dump, the value becomes the new type.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any, Callable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from .. import references
from ..codec import RawCodec, codec_for_field
from ..valuecodecs import BoolCodec, IntCodec, TextCodec
from ..errors import DamagedDumpError
from ..problems import exception_reason, shorten
from ..naturalkeys import NaturalKeyResolver, drops_links_to_removed_models
from ..plan import SourcePlan

__all__ = ["RowDecoder", "datetime_shifter"]

Decode = Callable[[Any], Any]


class RowDecoder:
    """Decodes the rows of one dumped model.

    ``resolver`` maps natural keys to ids; None keeps them as tuples (rows on
    their way to the migrators). ``connection`` is the target's, needed only
    where a field's type changed since the dump.
    """

    def __init__(
        self,
        source: SourcePlan,
        dumped_time_zone: str,
        resolver: NaturalKeyResolver | None,
        connection: Any = None,
    ):
        self.source = source
        # A ContentType or Permission row keeps its content type's natural key: ensure_natural_row()
        # creates nothing for a model the current code does not have.
        keys_to_ids = None if source.info.natural_key else resolver
        self.decoders: list[Decode] = [_decoder(codec, dumped_time_zone, keys_to_ids) for codec in source.codecs]
        self.drops = False  # whether a row may link to a removed model, and be left out
        if resolver is not None and source.target is not None and drops_links_to_removed_models(source.target.model):
            for index, codec in enumerate(source.codecs):
                if codec.name in ("contenttype", "permission"):
                    self.decoders[index] = _linked(codec, resolver, source.target.label)
                    self.drops = True
        names = [f.name for f in source.info.fields]
        for _, fk_name in source.info.generic:  # object ids that may be natural keys
            if fk_name in names:
                index = names.index(fk_name)
                self.decoders[index] = references.generic_decoder(
                    self.decoders[index], source.codecs[index].name, resolver
                )
        if source.target is not None and not source.routed:
            self._convert_changed_types(connection)
        #: per column, the type of the data that decodes to itself (its codec's decode only checks the type)
        self.passing = [_passing_type(decode, codec) for decode, codec in zip(self.decoders, source.codecs)]

    def decode(self, values: Sequence[Any], name: str, line_no: int) -> list[Any] | None:
        """The values of one row (None: a link to a removed model, left out); a value that does not
        decode is a damaged dump, named by file and line."""
        try:
            decoded = [
                data if type(data) is passing or data is None else decode(data)
                for decode, passing, data in zip(self.decoders, self.passing, values)
            ]
        except (TypeError, ValueError, OverflowError, ArithmeticError):
            decoded = self._decode_naming_the_column(values, name, line_no)
        if self.drops and any(value is _LEFT_OUT for value in decoded):
            return None
        return decoded

    def _decode_naming_the_column(self, values: Sequence[Any], name: str, line_no: int) -> list[Any]:
        decoded: list[Any] = []
        for index, (decode, data) in enumerate(zip(self.decoders, values)):
            try:
                decoded.append(None if data is None else decode(data))
            except (TypeError, ValueError, OverflowError, ArithmeticError) as exc:
                dumped = self.source.info.fields[index]
                raise DamagedDumpError(
                    f"{name}, line {line_no}: column {dumped.attname} ({dumped.codec}): {exc}"
                ) from None
        return decoded

    def _convert_changed_types(self, connection: Any) -> None:
        """Where a field's type changed since the dump, turn the dumped value into the new type."""
        target = self.source.target
        by_index = {index: f for f, index in zip(target.fields, self.source.mapping) if index is not None}
        for index, f in by_index.items():
            current = codec_for_field(f, connection)
            if self.source.codecs[index].name != current.name and f.get_internal_type() != "JSONField":
                self.decoders[index] = _then_to_python(self.decoders[index], f)
                if isinstance(current, RawCodec):  # stored without preparation: make the database's value
                    self.decoders[index] = _then_prepare(self.decoders[index], f, connection)


#: The codecs whose decode() returns data of this exact type as it is (bool is not an int here).
_PASSING = {IntCodec.decode: int, TextCodec.decode: str, BoolCodec.decode: bool}


class _NoType:
    """The type of no data: a column whose every value goes through its decoder."""


def _passing_type(decode: Decode, codec: Any) -> type:
    if decode != codec.decode:  # wrapped: natural keys, time zones, a changed type
        return _NoType
    return _PASSING.get(getattr(type(codec), "decode", None), _NoType)


def _decoder(codec: Any, dumped_time_zone: str, resolver: NaturalKeyResolver | None) -> Decode:
    decode = codec.decode
    if codec.name == "contenttype" and resolver is not None:
        return lambda data: resolver.content_type_id(decode(data))
    if codec.name == "permission" and resolver is not None:
        return lambda data: resolver.permission_id(decode(data))
    if codec.name == "datetime":
        shift = datetime_shifter(dumped_time_zone)
        return lambda data: shift(decode(data))
    if codec.name == "range:datetime":
        shift = datetime_shifter(dumped_time_zone)
        return lambda data: _shift_range(decode(data), shift)
    return decode


#: What a link to a removed model decodes to: the row is left out.
_LEFT_OUT = object()


def _linked(codec: Any, resolver: NaturalKeyResolver, table: str) -> Decode:
    """The decoder of a many-to-many table's link to a ContentType or Permission (see ``linked_id``)."""
    decode = codec.decode

    def linked(data: Any) -> Any:
        pk = resolver.linked_id(codec.name, decode(data), table)
        return _LEFT_OUT if pk is None else pk

    return linked


def datetime_shifter(dumped_time_zone: str) -> Callable[[datetime.datetime], datetime.datetime]:
    """Keep the instant of each datetime when USE_TZ or TIME_ZONE differ from the dump's."""
    source_tz = zoneinfo.ZoneInfo(dumped_time_zone)
    target_tz = zoneinfo.ZoneInfo(settings.TIME_ZONE or "UTC")
    use_tz = settings.USE_TZ
    same_zone = dumped_time_zone == (settings.TIME_ZONE or "UTC")

    def shift(value: datetime.datetime) -> datetime.datetime:
        dumped = value
        if value.tzinfo is None:
            if not use_tz and same_zone:
                return value
            value = value.replace(tzinfo=source_tz)
        try:
            if use_tz:
                return value.astimezone(datetime.timezone.utc)
            return timezone.make_naive(value, target_tz)
        except OverflowError:
            # Near the ends of the calendar an instant may have no local time (or no UTC
            # time) within the years 1 to 9999 that Python's datetime and Django hold.
            where = "UTC" if use_tz else f"this site's TIME_ZONE {target_tz.key!r} (USE_TZ = False)"
            naive = f" (naive, in the dump's TIME_ZONE {dumped_time_zone!r})" if dumped.tzinfo is None else ""
            raise ValueError(
                f"{dumped.isoformat()}{naive} falls outside the years 1 to 9999 in {where}, which cannot hold it; nothing was restored"
            ) from None

    return shift


def _shift_range(value: Any, shift: Callable[[datetime.datetime], datetime.datetime]) -> Any:
    if value.isempty:
        return value
    lower = None if value.lower is None else shift(value.lower)
    upper = None if value.upper is None else shift(value.upper)
    return type(value)(lower, upper, value.bounds)


def _then_to_python(decode: Decode, f: models.Field) -> Decode:
    def convert(data: Any) -> Any:
        value = decode(data)
        try:
            return f.to_python(value)
        except ValidationError as exc:
            raise ValueError(f"cannot become a {f.get_internal_type()}: {' '.join(exc.messages)}") from None
        except Exception as exc:  # a field's to_python() may raise anything on a value it does not expect
            raise ValueError(f"{shorten(value)} cannot become a {f.get_internal_type()}: {exception_reason(exc)}") from None

    return convert


def _then_prepare(decode: Decode, f: models.Field, connection: Any) -> Decode:
    def prepare(data: Any) -> Any:
        value = decode(data)
        return None if value is None else f.get_db_prep_save(value, connection)

    return prepare

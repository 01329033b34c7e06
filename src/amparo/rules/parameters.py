"""Dated parameters: numbers, dates and country sets that rules read as ``params.NAME``.

Each value applies from a date until the next value's date. Every value cites its
source, or the parameter says it is the project's reading (``reading:``), where
the sources name no number. A ``country_set`` may instead be written as
``periods`` (one per country and designation, with a first and last day), which is
how designations such as TPS are published.

Examples:
    >>> p = Parameter.from_data({"id": "x", "type": "number", "reading": "ours",
    ...     "values": [{"from": dt.date(2000, 1, 1), "value": 10}]}, {})
    >>> p.value_on(dt.date(2021, 6, 28))
    10
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from amparo.errors import FrameworkLoadError, Problem
from amparo.lib.yamlio import read_yaml
from amparo.rules.citations import Citation, Source, parse_citation

ParamType = Literal["number", "date", "bool", "country_set"]
ParamValue = int | float | bool | dt.date | frozenset[str]


@dataclass(frozen=True, slots=True)
class DatedValue:
    start: dt.date
    value: ParamValue
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Period:
    """One country's designation, in force from ``start`` to ``end`` (inclusive)."""

    country: str
    kind: str
    start: dt.date
    end: dt.date | None
    cites: tuple[Citation, ...]
    unconfirmed: bool = False
    note: str | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Parameter:
    id: str
    type: ParamType
    label: Mapping[str, str]
    values: tuple[DatedValue, ...]
    reading: str | None = None
    unit: str | None = None
    periods: tuple[Period, ...] = ()
    _starts: tuple[dt.date, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def from_data(
        cls, data: Mapping[str, Any], sources: Mapping[str, Source]
    ) -> Parameter:
        """Build a parameter from its file's data.

        Raises:
            ValueError: a value has neither a citation nor a reading, or the file is malformed.
        """
        kind = data.get("type")
        if kind not in ("number", "date", "bool", "country_set"):
            msg = f"type is {kind!r}; use number, date, bool or country_set"
            raise ValueError(msg)
        reading = data.get("reading")
        periods = tuple(_period(p, sources) for p in data.get("periods") or ())
        values: list[DatedValue] = []
        if periods:
            values = _snapshots(periods)
        for raw in data.get("values") or ():
            cites = _cites(raw.get("cite"), sources)
            if not cites and not reading:
                msg = (
                    f"the value from {raw.get('from')} has no 'cite'; cite its source, "
                    "or add 'reading:' saying it is the project's reading"
                )
                raise ValueError(msg)
            start = raw.get("from")
            if not isinstance(start, dt.date):
                msg = f"'from' is {start!r}; write a date YYYY-MM-DD"
                raise ValueError(msg)
            values.append(DatedValue(start, _coerce(kind, raw.get("value")), cites))
        if not values:
            msg = "no values: give 'values' (or 'periods' for a country_set)"
            raise ValueError(msg)
        values.sort(key=lambda v: v.start)
        label = data.get("label") or {"en": str(data["id"])}
        return cls(
            id=str(data["id"]),
            type=kind,
            label=label,
            values=tuple(values),
            reading=reading,
            unit=data.get("unit"),
            periods=periods,
            _starts=tuple(v.start for v in values),
        )

    @property
    def first_day(self) -> dt.date:
        return self.values[0].start

    def entry_on(self, day: dt.date) -> DatedValue | None:
        """The dated value in force on ``day``, or ``None`` before the first."""
        index = bisect.bisect_right(self._starts, day) - 1
        return self.values[index] if index >= 0 else None

    def value_on(self, day: dt.date) -> ParamValue:
        """The value in force on ``day``.

        Raises:
            LookupError: the parameter has no value yet on that day.
        """
        entry = self.entry_on(day)
        if entry is None:
            msg = f"parameter {self.id!r} has no value on {day.isoformat()}"
            raise LookupError(msg)
        return entry.value

    def periods_on(self, day: dt.date) -> tuple[Period, ...]:
        """The designation periods in force on ``day`` (country sets written as periods)."""
        return tuple(p for p in self.periods if p.covers(day))


def load_parameter(
    path: Path, sources: Mapping[str, Source] | None = None
) -> Parameter:
    """Load one parameter file.

    Raises:
        FrameworkLoadError: the file is malformed, or a value cites nothing.
    """
    try:
        return Parameter.from_data(read_yaml(path), sources or {})
    except (ValueError, KeyError, TypeError) as e:
        raise FrameworkLoadError([Problem(str(e), file=str(path))]) from None


def _cites(raw: object, sources: Mapping[str, Source]) -> tuple[Citation, ...]:
    if raw is None:
        return ()
    items = raw if isinstance(raw, list) else [raw]
    return tuple(parse_citation(item, sources) for item in items)


def _coerce(kind: str, value: object) -> ParamValue:
    if (
        kind == "number"
        and isinstance(value, (int, float))
        and not isinstance(value, bool)
    ):
        return value
    if kind == "date" and isinstance(value, dt.date):
        return value
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "country_set" and isinstance(value, list):
        return frozenset(str(v) for v in value)
    msg = f"the value {value!r} is not a {kind}"
    raise ValueError(msg)


def _period(raw: Mapping[str, Any], sources: Mapping[str, Source]) -> Period:
    start, end = raw.get("start"), raw.get("end")
    if not isinstance(start, dt.date) or not (end is None or isinstance(end, dt.date)):
        msg = (
            f"period of {raw.get('country')!r}: start and end must be dates YYYY-MM-DD"
        )
        raise ValueError(msg)
    if end is not None and end < start:
        msg = (
            f"period of {raw.get('country')!r} ends ({end}) before it starts ({start})"
        )
        raise ValueError(msg)
    cites = _cites(raw.get("cite"), sources)
    if not cites:
        msg = f"period of {raw.get('country')!r} from {start} cites nothing"
        raise ValueError(msg)
    return Period(
        country=str(raw["country"]),
        kind=str(raw.get("kind", "")),
        start=start,
        end=end,
        cites=cites,
        unconfirmed=raw.get("confidence") == "unconfirmed",
        note=raw.get("note"),
    )


def _snapshots(periods: tuple[Period, ...]) -> list[DatedValue]:
    """Turn designation periods into the set in force from each change date on."""
    days = {dt.date(1900, 1, 1)}
    for p in periods:
        days.add(p.start)
        if p.end is not None:
            days.add(p.end + dt.timedelta(days=1))
    out = []
    for day in sorted(days):
        live = [p for p in periods if p.covers(day)]
        cites = tuple(c for p in live for c in p.cites)
        out.append(DatedValue(day, frozenset(p.country for p in live), cites))
    return out

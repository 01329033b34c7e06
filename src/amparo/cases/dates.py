"""Partial dates: a year, a month or a day, and the span of days each stands for.

The case format accepts ``2014``, ``2014-05`` and ``2014-05-01``. A computation on a
partial date gives a known answer only where every day the date could stand for
gives the same answer, so a partial date is kept as the first and last day it may
mean.

Examples:
    >>> d = PartialDate.parse("2014-02")
    >>> d.earliest, d.latest
    (datetime.date(2014, 2, 1), datetime.date(2014, 2, 28))
    >>> str(PartialDate.parse(2014))
    '2014'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            msg = "a day needs a month"
            raise ValueError(msg)
        # Raises ValueError for an impossible month or day.
        dt.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read ``2014``, ``"2014-05"``, ``"2014-05-01"`` or a ``date``.

        Raises:
            ValueError: the value is not a date in one of those forms.
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:04d}"
        if isinstance(value, str):
            match = _PATTERN.match(value.strip())
            if match:
                year, month, day = match.groups()
                return cls(
                    int(year), int(month) if month else None, int(day) if day else None
                )
        msg = f"{value!r} is not a date"
        raise ValueError(msg)

    @property
    def earliest(self) -> dt.date:
        """The first day this date could stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this date could stand for."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    @property
    def is_exact(self) -> bool:
        return self.day is not None

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def whole_years(start: dt.date, end: dt.date) -> int:
    """Whole years from ``start`` to ``end``: an age, counted by anniversaries.

    A person born on 29 February turns a year older on 1 March in common years.

    Examples:
        >>> whole_years(dt.date(2011, 6, 28), dt.date(2021, 6, 28))
        10
        >>> whole_years(dt.date(2011, 6, 29), dt.date(2021, 6, 28))
        9
    """
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years

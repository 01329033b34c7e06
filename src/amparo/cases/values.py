"""The checks behind the case document's value types, without pydantic.

Each check returns the value as the model keeps it, or raises
:class:`InvalidValue` with its kind (``partial_date``, ``full_date``,
``country_code``, ``a_number``, ``format_version``), which
:mod:`amparo.cases.model` turns into pydantic's error of that kind and
:mod:`amparo.cases.quick` uses as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from amparo.cases.dates import PartialDate


class InvalidValue(ValueError):
    """A value the case document does not allow; ``kind`` names the value type."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
A_NUMBER_PATTERN = r"^[Aa]-?([0-9]-?){7,8}[0-9]$"

_PARTIAL_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_COUNTRY = re.compile(r"[A-Z]{2}")
_A_NUMBER = re.compile(A_NUMBER_PATTERN[1:-1])


def partial_date(value: object) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    # A date with a time of day is not a date; a bool is YAML's reading of yes/no.
    if isinstance(value, dt.datetime | bool):
        raise InvalidValue("partial_date", "not a date")
    # A year given as a number must have four digits, as the string form does.
    if isinstance(value, int) and not 1000 <= value <= 9999:
        raise InvalidValue("partial_date", "not a date")
    # Text exactly as the schema's pattern says: ASCII digits, no spaces around.
    if isinstance(value, str) and not _PARTIAL_DATE.fullmatch(value):
        raise InvalidValue("partial_date", "not a date")
    if isinstance(value, int | str | dt.date):
        try:
            return PartialDate.parse(value)
        except ValueError:
            pass
    raise InvalidValue("partial_date", "not a date")


def full_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise InvalidValue("full_date", "not a full date")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _FULL_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidValue("full_date", "not a full date")


def country_code(value: object) -> str:
    if isinstance(value, str) and _COUNTRY.fullmatch(value):
        return value
    raise InvalidValue("country_code", "not a country code")


def a_number(value: object) -> str:
    if isinstance(value, str) and _A_NUMBER.fullmatch(value):
        return "A" + value[1:].replace("-", "")
    raise InvalidValue("a_number", "not an A-number")


def format_version(value: object) -> Literal[1]:
    # Strict: True and 1.0 are not the format number.
    if type(value) is int and value == 1:
        return 1
    raise InvalidValue("format_version", "not format 1")


def removal_country_or_default(person: Any) -> str | None:
    """The country of removal: the one named, else the first citizenship; None if unknown."""
    if person is None:
        return None
    if person.removal_country is not None:
        return str(person.removal_country)
    if person.citizenship:
        return str(person.citizenship[0])
    return None

"""Read a valid case document without pydantic: the start-up of ``amparo assess``.

Importing pydantic and building the case model take two thirds of a whole
``amparo assess`` run. This reader takes the document through the same YAML
reading as :mod:`amparo.cases.load` (:mod:`amparo.cases.reading`), then follows
the model's shape (``shape.json``, made from the pydantic models by
:mod:`amparo.cases.shape`) with the model's own value checks
(:mod:`amparo.cases.values`) and closed sets (:mod:`amparo.cases.vocab`).

It accepts only what it is sure the model accepts the same way, and gives the
same values; at anything else — an unknown field, a wrong type, a bad date, a
file it cannot read — :func:`read_case` returns ``None`` and the caller hands
the file to :func:`amparo.cases.load_case`, which words every problem. So a
document is never accepted here that the model would refuse
(``tests/core/test_quick_reader.py`` checks both readers against each other).

The result is a read-only :class:`Record` per section with the model's field
names: what the facts layer and the engine read of a case.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

import yaml

from amparo.cases import values, vocab
from amparo.cases.reading import TAG, Builder, compose

_CHECKS: dict[str, Callable[[object], object]] = {
    "partial_date": values.partial_date,
    "full_date": values.full_date,
    "country_code": values.country_code,
    "a_number": values.a_number,
    "format": values.format_version,
}
_BIGGEST_WHOLE = (1 << 63) - 1  # beyond it, let the model say what it does


class NotSure(Exception):
    """The quick reader cannot vouch for this value; the full loader reads the file."""


class Record:
    """One section of a case document, read-only, with the model's field names."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _hidden: frozenset[str] = frozenset()

    def __init__(self, **fields: object) -> None:
        for name in self._fields:
            object.__setattr__(self, name, fields.get(name))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self._fields)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        # The legal name and the A-number never appear in a repr, as in the model.
        shown = (
            f"{f}={getattr(self, f)!r}"
            for f in self._fields
            if f not in self._hidden and getattr(self, f) is not None
        )
        return f"{type(self).__name__}({', '.join(shown)})"


class CaseRecord(Record):
    """The whole case document, as :class:`amparo.cases.model.Case` reads it."""

    __slots__ = ()

    @property
    def removal_country_or_default(self) -> str | None:
        return values.removal_country_or_default(getattr(self, "person", None))


def read_case(path: str | os.PathLike[str]) -> Record | None:
    """The case in the file, or None when the full loader should read it."""
    source = os.fspath(path)
    try:
        with open(source, "rb") as file:
            raw = file.read()
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return None
        text = raw.decode("utf-8-sig")
        root = compose(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(root, yaml.MappingNode) or root.tag != TAG + "map":
        return None
    builder = Builder(source)
    try:
        data = builder.build(root, ())
        if builder.problems:
            return None
        return case_from_plain(data)
    except (NotSure, RecursionError):
        return None


def case_from_plain(data: object) -> Record:
    """The case from plain values (as YAML or JSON give them).

    Raises:
        NotSure: anything the model might read differently or refuse.
    """
    shape = _shape()
    return _section(shape["root"], data)


def _section(name: str, data: object) -> Record:
    if type(data) is not dict:
        raise NotSure
    fields = _shape()["models"][name]["fields"]
    if not data.keys() <= fields.keys():
        raise NotSure  # an unknown field
    kept: dict[str, object] = {}
    for key, field in fields.items():
        value = data.get(key)
        if value is None:
            if field.get("required") or (key in data and not field.get("null")):
                raise NotSure
            continue
        value = _value(field["type"], value)
        if "min_length" in field and len(value) < field["min_length"]:  # type: ignore[arg-type]
            raise NotSure
        kept[field.get("attr", key)] = value
    return _record_class(name)(**kept)


def _value(kind: Any, value: object) -> object:
    if kind == "str":
        if type(value) is str and _utf8(value):
            return value
    elif kind == "flag":
        if type(value) is bool:
            return value
    elif kind == "whole":
        if type(value) is int and 0 <= value <= _BIGGEST_WHOLE:
            return value
    elif isinstance(kind, str):
        try:
            return _CHECKS[kind](value)
        except values.InvalidValue:
            pass
    elif "list" in kind:
        if type(value) is list:
            return [_value(kind["list"], item) for item in value]
    elif "enum" in kind:
        members = getattr(vocab, kind["enum"])._value2member_map_
        if type(value) is str and value in members:
            return members[value]
    elif "model" in kind:
        return _section(kind["model"], value)
    raise NotSure


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: leave it to the model
        return False
    return True


@cache
def _shape() -> Mapping[str, Any]:
    with open(os.path.join(os.path.dirname(__file__), "shape.json"), "rb") as file:
        shape: dict[str, Any] = json.load(file)
    return shape


@cache
def _record_class(name: str) -> type[Record]:
    model = _shape()["models"][name]
    attrs = tuple(f.get("attr", key) for key, f in model["fields"].items())
    base = CaseRecord if name == _shape()["root"] else Record
    namespace = {
        "__slots__": attrs,
        "_fields": attrs,
        "_hidden": frozenset(model["hidden"]),
        "__module__": __name__,
        "__qualname__": name,
    }
    return type(name, (base,), namespace)

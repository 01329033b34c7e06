"""The fact catalogue: the flat facts every framework reads, with labels and questions.

Loaded once from ``catalogue.yaml``. A value of a fact is one of:

- ``None``: unknown;
- ``True`` / ``False`` for a ``bool`` fact;
- ``(low, high)`` for a ``number`` (ints) or ``date`` (``datetime.date``) fact: the
  smallest and largest value it may take (equal when exact);
- a string for an ``enum`` or ``country`` fact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, TypeAlias

from amparo.lib.yamlio import read_yaml

FactType = Literal["bool", "number", "date", "enum", "country"]
Span: TypeAlias = tuple[int, int] | tuple[dt.date, dt.date]
FactValue: TypeAlias = bool | Span | str | None
Facts: TypeAlias = Mapping[str, FactValue]
Text: TypeAlias = Mapping[str, str]  # language -> text

CATALOGUE_FILE = Path(__file__).with_name("catalogue.yaml")


@dataclass(frozen=True, slots=True)
class Fact:
    """One flat fact: its id, type, where it comes from and how to ask for it."""

    id: str
    type: FactType
    field: str
    label: Text
    ask: Text
    values: tuple[str, ...] = ()
    unit: str | None = None
    adverse: str = "up"  # the direction in which the record grows worse for the person
    determination: bool = False  # an officer's judgment: no record can settle it

    @property
    def ordered(self) -> bool:
        """Numbers and dates are kept as spans and compared in order."""
        return self.type in ("number", "date")


@dataclass(frozen=True, slots=True)
class Catalogue:
    facts: Mapping[str, Fact]
    enums: Mapping[str, Mapping[str, Text]]
    order: Mapping[str, int]  # each fact's place, for a stable order of questions

    def __getitem__(self, fact_id: str) -> Fact:
        return self.facts[fact_id]

    def __contains__(self, fact_id: object) -> bool:
        return fact_id in self.facts


@cache
def catalogue() -> Catalogue:
    """The fact catalogue, loaded once."""
    raw = read_yaml(CATALOGUE_FILE)
    enums: dict[str, dict[str, dict[str, str]]] = raw["enums"]
    facts: dict[str, Fact] = {}
    for entry in raw["facts"]:
        for fact in _expand(entry, enums):
            if fact.id in facts:
                msg = f"{CATALOGUE_FILE.name}: the fact {fact.id!r} is defined twice."
                raise ValueError(msg)
            facts[fact.id] = fact
    return Catalogue(
        facts=facts, enums=enums, order={f: i for i, f in enumerate(facts)}
    )


def _expand(
    entry: dict[str, object], enums: dict[str, dict[str, dict[str, str]]]
) -> list[Fact]:
    each = entry.get("each")
    if each is None:
        return [_fact(entry, {})]
    out = []
    for value, labels in enums[str(each)].items():
        fill = {lang: {"value": value, "label": text} for lang, text in labels.items()}
        out.append(_fact(entry, fill))
    return out


def _fact(entry: Mapping[str, object], fill: Mapping[str, Mapping[str, str]]) -> Fact:
    def text(key: str) -> dict[str, str]:
        raw = entry[key]
        assert isinstance(raw, dict)
        return {lang: str(t).format(**fill.get(lang, {})) for lang, t in raw.items()}

    values = entry.get("values") or ()
    assert isinstance(values, (list, tuple))
    return Fact(
        id=str(entry["id"]).format(**fill.get("en", {})),
        type=entry["type"],  # type: ignore[arg-type]
        field=str(entry["field"]),
        label=text("label"),
        ask=text("ask"),
        values=tuple(str(v) for v in values),
        unit=str(entry["unit"]) if entry.get("unit") else None,
        adverse=str(entry.get("adverse", "up")),
        determination=bool(entry.get("determination", False)),
    )

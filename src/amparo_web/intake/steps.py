"""The intake's steps and questions, generated from the fact catalogue and the case model.

Nothing here is a hand-written list of questions: a field is asked because a fact
the frameworks read comes from it (``field`` in ``catalogue.yaml``), with that
fact's own question; the kind of answer comes from the case model's type.
"""

from __future__ import annotations

import enum
import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel

from amparo.cases.dates import PartialDate
from amparo.cases.model import Case
from amparo.facts.catalogue import CATALOGUE_FILE
from amparo.lib.yamlio import read_yaml

Kind = Literal[
    "bool", "choice", "choices", "date", "number", "text", "lines", "records"
]

# The sections of the case document, in the spec's order.
SECTIONS = (
    "person",
    "presence",
    "custody",
    "proceedings",
    "relief",
    "criminal_legal_history",
    "rehabilitation",
    "family",
    "community",
    "humanitarian",
    "security",
)


@dataclass(frozen=True, slots=True)
class Question:
    path: str  # dotted path in the case document
    ask: dict[str, str]  # language -> question
    label: dict[str, str]
    kind: Kind
    values: tuple[str, ...] = ()  # for a choice

    @property
    def name(self) -> str:
        return self.path.replace(".", "__")


@dataclass(frozen=True, slots=True)
class Step:
    section: str
    questions: tuple[Question, ...]


@cache
def steps() -> tuple[Step, ...]:
    raw = read_yaml(CATALOGUE_FILE)["facts"]
    asks: dict[str, dict[str, Any]] = {}
    # A fact asked once per value of an enumeration (`each`) has a question with the
    # value filled in; the field's own question is that of a fact without `each`.
    for entry in sorted(raw, key=lambda e: "each" in e):
        asks.setdefault(entry["field"], entry)
    fields = [e["field"] for e in raw if e["field"].split(".")[0] in SECTIONS]
    ordered = list(dict.fromkeys(fields))
    # A field whose parts are asked one by one is not asked as a whole.
    wanted = [f for f in ordered if not any(o.startswith(f + ".") for o in ordered)]
    out = []
    for section in SECTIONS:
        questions = tuple(
            _question(f, asks[f]) for f in wanted if f.split(".")[0] == section
        )
        if questions:
            out.append(Step(section, questions))
    return tuple(out)


def step_named(section: str) -> Step | None:
    return next((s for s in steps() if s.section == section), None)


def _question(path: str, entry: dict[str, Any]) -> Question:
    annotation = _annotation(path)
    kind, values = _kind(annotation)
    return Question(
        path=path,
        ask={k: str(v) for k, v in entry["ask"].items()},
        label={k: str(v).replace("{label}", "…") for k, v in entry["label"].items()},
        kind=kind,
        values=values,
    )


def _annotation(path: str) -> Any:
    model: Any = Case
    annotation: Any = None
    for part in path.split("."):
        field = next(
            f for name, f in model.model_fields.items() if (f.alias or name) == part
        )
        annotation = _strip(field.annotation)
        model = annotation
    return annotation


def _strip(annotation: Any) -> Any:
    """``X | None`` and ``Annotated[X, ...]`` -> ``X``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def _kind(annotation: Any) -> tuple[Kind, tuple[str, ...]]:
    if typing.get_origin(annotation) is list:
        item = _strip(typing.get_args(annotation)[0])
        if isinstance(item, type) and issubclass(item, enum.Enum):
            return "choices", tuple(str(m.value) for m in item)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "records", ()
        return "lines", ()
    if annotation is bool:
        return "bool", ()
    if annotation is int:
        return "number", ()
    if annotation is PartialDate:
        return "date", ()
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "choice", tuple(str(m.value) for m in annotation)
    return "text", ()

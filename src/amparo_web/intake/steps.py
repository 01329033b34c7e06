"""The intake's steps and questions, generated from the fact catalogue and the case model.

Nothing here is a hand-written list of questions: a field is asked because a fact
the frameworks read comes from it (``field`` in ``catalogue.yaml``), with that
fact's own question; the kind of answer comes from the case model's type. A list of
records (convictions, family members...) is asked one row per entry, and the fields
of a row are those of the list item's model, found the same way.
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
class RowField:
    """One field of a row of a list of records, from the list item's model."""

    model: str  # the item model's name ("Conviction"), for a label particular to it
    path: str  # dotted path inside one entry ("date"; a nested object's "health.pregnant")
    kind: Kind  # bool, choice, date, number or text
    values: tuple[str, ...] = ()  # for a choice
    minimum: int | None = None  # for a number

    @property
    def name(self) -> str:
        return self.path.replace(".", "__")


@dataclass(frozen=True, slots=True)
class Question:
    path: str  # dotted path in the case document
    ask: dict[str, str]  # language -> question
    label: dict[str, str]
    kind: Kind
    values: tuple[str, ...] = ()  # for a choice
    fields: tuple[RowField, ...] = ()  # for records: the fields of one row

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
        fields=row_fields(_strip(typing.get_args(annotation)[0]))
        if kind == "records"
        else (),
    )


ROW_KINDS = ("bool", "choice", "date", "number", "text")


def row_fields(model: type[BaseModel], prefix: str = "") -> tuple[RowField, ...]:
    """The fields a row form asks for one entry of ``model``, in the model's order.

    A nested object is flattened into its own fields (``health.pregnant``); a list
    inside an entry is not asked in a row (it is kept as it is in the document).
    """
    out: list[RowField] = []
    for name, info in model.model_fields.items():
        path = prefix + (info.alias or name)
        annotation = _strip(info.annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            out.extend(row_fields(annotation, path + "."))
            continue
        kind, values = _kind(annotation)
        if kind not in ROW_KINDS:
            continue
        minimum = None
        if kind == "number":
            minimum = next(
                (int(m.ge) for m in _metadata(info.annotation) if hasattr(m, "ge")),
                None,
            )
        out.append(RowField(model.__name__, path, kind, values, minimum))
    return tuple(out)


def _metadata(annotation: Any) -> list[Any]:
    """The ``Annotated`` metadata of ``annotation``, through ``X | None``."""
    found: list[Any] = []
    stack = [annotation]
    while stack:
        a = stack.pop()
        origin = typing.get_origin(a)
        if origin is typing.Annotated:
            found.extend(getattr(a, "__metadata__", ()))
            stack.append(typing.get_args(a)[0])
        elif origin in (typing.Union, types.UnionType):
            stack.extend(typing.get_args(a))
    return found


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

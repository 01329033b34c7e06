"""The case model's shape as data, for the reader that runs without pydantic.

:mod:`amparo.cases.quick` reads case documents for ``amparo assess`` without
importing pydantic (two thirds of that command's start-up). It follows
``shape.json``: for each model, each field as the document names it, its value
type and whether null is allowed. This module makes that file from the pydantic
models themselves, so the model stays the one definition of the document::

    .venv/bin/python -m amparo.cases.shape      # rewrite shape.json

``tests/core/test_quick_reader.py`` fails when the file and the models differ.
A field type, a validator or a model setting this module does not know stops it
with an error rather than describing the model wrongly.
"""

from __future__ import annotations

import json
import sys
import types
import typing
from enum import StrEnum
from pathlib import Path
from typing import Any, Union

import annotated_types
from pydantic import BaseModel

from amparo.cases import model as m

PATH = Path(__file__).with_name("shape.json")

# The value types of the model, by the name the quick reader knows them by; each
# but "str" is checked there by the same function of amparo.cases.values.
_NAMED: list[tuple[object, str]] = [
    (m.PartialDateField, "partial_date"),
    (m.FullDate, "full_date"),
    (m.CountryCode, "country_code"),
    (m.ANumber, "a_number"),
    (m.WholeNumber, "whole"),
    (m.Flag, "flag"),
    (m.FormatVersion, "format"),
    (str, "str"),
]

# Validators the quick reader can leave out, and why. Any other stops the build.
_KNOWN_VALIDATORS = {
    # Rejects the key "self_" in a document; the quick reader only knows "self".
    ("MilitaryService", "_documents_say_self"),
}
_KNOWN_CONFIG = {"extra", "frozen", "populate_by_name"}


def describe() -> dict[str, Any]:
    """The shape of :class:`amparo.cases.model.Case` and every model under it."""
    models: dict[str, Any] = {}
    _describe_model(m.Case, models)
    return {"root": m.Case.__name__, "models": models}


def _describe_model(model: type[BaseModel], models: dict[str, Any]) -> None:
    name = model.__name__
    if name in models:
        return
    config = set(model.model_config) - {"title"}
    if not config <= _KNOWN_CONFIG or model.model_config.get("extra") != "forbid":
        raise TypeError(f"{name}: model settings the quick reader does not know")
    decorators = model.__pydantic_decorators__
    for group in ("validators", "field_validators", "root_validators"):
        if getattr(decorators, group):
            raise TypeError(f"{name}: {group} the quick reader does not know")
    for validator in decorators.model_validators:
        if (name, validator) not in _KNOWN_VALIDATORS:
            raise TypeError(
                f"{name}.{validator}: a validator the quick reader does not know"
            )
    hints = typing.get_type_hints(model, include_extras=True)
    fields: dict[str, Any] = {}
    hidden: list[str] = []
    models[name] = {"fields": fields, "hidden": hidden}
    for attr, info in model.model_fields.items():
        annotation, nullable = _optional(hints[attr])
        entry: dict[str, Any] = {"type": _type(annotation, models)}
        if nullable:
            entry["null"] = True
        if info.is_required():
            entry["required"] = True
        elif info.default is not None or info.default_factory is not None:
            raise TypeError(f"{name}.{attr}: a default other than None")
        own = (
            typing.get_args(annotation)[1:]
            if hasattr(annotation, "__metadata__")
            else ()
        )
        for constraint in info.metadata:
            if constraint in own:
                continue  # the value type's own checks, named by "type"
            if (
                isinstance(constraint, annotated_types.MinLen)
                and entry["type"] == "str"
            ):
                entry["min_length"] = constraint.min_length
            else:
                raise TypeError(
                    f"{name}.{attr}: a constraint the quick reader does not know"
                )
        if info.alias and info.alias != attr:
            entry["attr"] = attr
        if info.repr is False:
            hidden.append(attr)
        fields[info.alias or attr] = entry


def _optional(annotation: object) -> tuple[object, bool]:
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(annotation)) == 2:
            return args[0], True
    return annotation, False


def _type(annotation: object, models: dict[str, Any]) -> Any:
    for named, kind in _NAMED:
        if annotation == named:
            return kind
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        return {"list": _type(item, models)}
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return {"enum": annotation.__name__}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        _describe_model(annotation, models)
        return {"model": annotation.__name__}
    raise TypeError(f"a field type the quick reader does not know: {annotation!r}")


def render() -> str:
    return json.dumps(describe(), indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    PATH.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {PATH}\n")

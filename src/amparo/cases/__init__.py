"""The case document: its model, loading with line numbers, and its JSON Schema.

The format is ``shared/spec/case-format.md`` (format 1). Absent or ``null`` is
unknown, ``false`` is a known "no", ``[]`` is a known "none".

Examples:
    >>> from amparo.cases import parse_case
    >>> case = parse_case("format: 1\\nid: EX-0001\\nfamily: {members: []}\\n")
    >>> case.family.members, case.person
    ([], None)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from amparo.errors import CaseValidationError, Problem

if TYPE_CHECKING:
    from amparo.cases.dates import PartialDate
    from amparo.cases.load import (
        case_from_data,
        case_to_data,
        dump_case_yaml,
        load_case,
        parse_case,
        validate_files,
    )
    from amparo.cases.model import Case

# Loaded when first asked for: the modules of this package that need no pydantic
# (the quick reader of ``amparo assess``, dates, values) are imported without it.
_LAZY = {
    "PartialDate": "amparo.cases.dates",
    "Case": "amparo.cases.model",
    **dict.fromkeys(
        [
            "case_from_data",
            "case_to_data",
            "dump_case_yaml",
            "load_case",
            "parse_case",
            "validate_files",
        ],
        "amparo.cases.load",
    ),
}

__all__ = [
    "Case",
    "CaseValidationError",
    "PartialDate",
    "Problem",
    "case_from_data",
    "case_json_schema",
    "case_to_data",
    "dump_case_yaml",
    "load_case",
    "parse_case",
    "validate_files",
]


def case_json_schema() -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of the case document, format 1."""
    from amparo.cases.schema import case_json_schema as build

    return build()


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

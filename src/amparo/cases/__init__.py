"""The case document: its model, loading with line numbers, and its JSON Schema.

The format is ``shared/spec/case-format.md`` (format 1). Absent or ``null`` is
unknown, ``false`` is a known "no", ``[]`` is a known "none".

Examples:
    >>> case = parse_case("format: 1\\nid: EX-0001\\nfamily: {members: []}\\n")
    >>> case.family.members, case.person
    ([], None)
"""

from __future__ import annotations

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
from amparo.errors import CaseValidationError, Problem

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

"""Case documents in and out: validation with every problem, YAML and JSON export."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import amparo
from amparo.cases.load import case_to_data, dump_case_yaml

if TYPE_CHECKING:
    from amparo.cases.model import Case as CaseDocument


def validate(
    text: str, source: str
) -> tuple[CaseDocument | None, list[amparo.Problem]]:
    try:
        return amparo.parse_case(text, source), []
    except amparo.CaseValidationError as e:
        return None, list(e.problems)


def as_yaml(text: str, case: CaseDocument) -> str:
    # A YAML document keeps its comments (the stories quote the letter in them).
    return text if not text.lstrip().startswith("{") else dump_case_yaml(case)


def as_json(case: CaseDocument) -> str:
    return json.dumps(case_to_data(case), indent=2, ensure_ascii=False) + "\n"


def starter(reference: str, pseudonym: str) -> str:
    """A new case: everything unknown but its reference and pseudonym."""
    return json.dumps(
        {"format": 1, "id": reference, "person": {"pseudonym": pseudonym}},
        indent=2,
        ensure_ascii=False,
    )

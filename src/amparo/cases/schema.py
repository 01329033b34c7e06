"""The JSON Schema of the case document, format 1, generated from the models.

Editors and other tools use it to check a document before amparo sees it. The
``$id`` is an identifier only: nothing is ever fetched from it.

Examples:
    >>> schema = case_json_schema()
    >>> schema["required"], schema["additionalProperties"]
    (['format', 'id'], False)
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from amparo.cases.model import Case

__all__ = ["SCHEMA_ID", "case_json_schema"]

SCHEMA_ID = "https://amparo.invalid/schema/case-format-1.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def case_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of format 1.

    A field may always be ``null`` (unknown); partial dates are a string
    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` or an integer year; every object
    forbids fields the format does not define. Returns a fresh copy each time.
    """
    return copy.deepcopy(_schema())


@cache
def _schema() -> dict[str, Any]:
    body = Case.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "Amparo case document, format 1",
        "description": (
            "One person's situation as facts, and nothing else: no conclusions, no "
            "scores. A field that is absent or null is unknown; false is a known "
            "'no'; [] is a known 'none'. Dates are ISO 8601 and may be partial "
            "(2014, 2014-05, 2014-05-01). Country codes are ISO 3166-1 alpha-2."
        ),
        **{
            key: value
            for key, value in body.items()
            if key not in {"title", "description"}
        },
    }

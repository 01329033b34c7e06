"""Amparo: protection-first prosecutorial discretion, as cited rules.

The public API::

    import amparo
    case = amparo.load_case("examples/stories/edgar.yaml")
    result = amparo.assess(case)                 # protection-first by default
    result.outcome, result.categories
    amparo.to_json(result, lang="es")

Import the pieces you need from here; modules below are private.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from amparo.errors import (
    AmparoError,
    CaseError,
    CaseValidationError,
    ExpressionError,
    FrameworkError,
    FrameworkLoadError,
    LookupFailedError,
    NoneInForceError,
    Problem,
)

if TYPE_CHECKING:
    from amparo.cases.model import Case
    from amparo.engine.assess import Assessment
    from amparo.rules.framework import Framework

__all__ = [
    "DEFAULT_FRAMEWORK",
    "AmparoError",
    "CaseError",
    "CaseValidationError",
    "ExpressionError",
    "FrameworkError",
    "FrameworkLoadError",
    "LookupFailedError",
    "NoneInForceError",
    "Problem",
    "assess",
    "derive_facts",
    "framework_ids",
    "get_framework",
    "load_case",
    "parse_case",
    "to_json",
    "to_text",
]

DEFAULT_FRAMEWORK = "protection-first"


def load_case(path: str) -> Case:
    """Load and validate a case document (YAML or JSON)."""
    from amparo.cases.load import load_case as _load

    return _load(path)


def parse_case(text: str, source: str = "<string>") -> Case:
    """Validate a case document given as text."""
    from amparo.cases.load import parse_case as _parse

    return _parse(text, source)


def get_framework(framework_id: str) -> Framework:
    """A framework by id, loaded and checked once."""
    from amparo.rules.registry import get_framework as _get

    return _get(framework_id)


def framework_ids() -> list[str]:
    from amparo.rules.registry import framework_ids as _ids

    return _ids()


def derive_facts(case: Case, on: dt.date | None = None) -> dict[str, object]:
    """The flat, three-valued facts of a case as of ``on`` (default: its ``assessed_on``)."""
    from amparo.facts.derive import derive_facts as _derive

    return dict(_derive(case, on))


def assess(
    case: Case,
    framework: str | Framework = DEFAULT_FRAMEWORK,
    on: dt.date | None = None,
) -> Assessment:
    """Assess a case under a framework (default: protection-first) as of ``on``.

    ``on`` defaults to the case's ``assessed_on``, else today. ``"official"`` is
    the enforcement framework in force that day; when none encoded was,
    :class:`NoneInForceError` says why.
    """
    from amparo.engine.assess import assess_facts
    from amparo.facts.derive import derive_facts as _derive
    from amparo.rules.registry import OFFICIAL, official_on

    day = on or case.assessed_on or dt.date.today()
    if framework == OFFICIAL:
        found = official_on(day)
        if found.framework is None:
            raise NoneInForceError(day, found.reason)
        framework = found.framework
    fw = get_framework(framework) if isinstance(framework, str) else framework
    return assess_facts(fw, _derive(case, day), day, case_id=case.id)


def to_json(assessment: Assessment, lang: str = "en") -> dict[str, object]:
    from amparo.engine.report import to_json as _to_json

    return _to_json(assessment, lang)


def to_text(assessment: Assessment, lang: str = "en") -> str:
    from amparo.engine.report import to_text as _to_text

    return _to_text(assessment, lang)

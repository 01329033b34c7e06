"""Framework test cases: YAML files beside each framework, readable by an attorney.

Each file under ``frameworks/<id>/cases/`` is a list of cases::

    - name: Ten years to the day counts as long residence
      assessed_on: 2021-06-28          # optional; default 2021-06-28
      case:                            # a case document without `format` and `id`
        presence: {continuous_presence_since: 2011-06-28}
      expect:
        long_residence: true           # a factor: true, false or unknown
        outcome: presumptive_protection
        categories: [family_and_community]   # the categories that hold, exactly
        not_weighed: [prior_removal_orders]  # the not-weighed kinds present, exactly
        categories_unknown: [public_safety]  # the categories the record cannot settle
        questions: [apprehended_at_border]   # facts that must be among the questions

A case may name another framework with ``framework:`` (default: the folder's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amparo.lib.yamlio import read_yaml

DEFAULT_DAY = dt.date(2021, 6, 28)
_TRI = {
    "true": True,
    "false": False,
    "unknown": None,
    True: True,
    False: False,
    None: None,
}


@dataclass(frozen=True, slots=True)
class FrameworkCase:
    framework: str
    file: Path
    name: str
    assessed_on: dt.date
    document: Mapping[str, Any]
    expect: Mapping[str, Any]

    @property
    def test_id(self) -> str:
        return f"{self.framework}/{self.file.stem}: {self.name}"


@dataclass(frozen=True, slots=True)
class CaseRun:
    actual: dict[str, Any]
    expected: dict[str, Any]
    explanation: str


def load_cases(root: Path | None = None) -> list[FrameworkCase]:
    """Every framework test case under ``root`` (default: the shipped frameworks)."""
    from amparo.rules.registry import FRAMEWORKS_DIR

    base = root or FRAMEWORKS_DIR
    out = []
    for path in sorted(base.glob("*/cases/*.yaml")):
        for item in read_yaml(path) or ():
            out.append(
                FrameworkCase(
                    framework=str(item.get("framework") or path.parent.parent.name),
                    file=path,
                    name=str(item["name"]),
                    assessed_on=item.get("assessed_on") or DEFAULT_DAY,
                    document=item.get("case") or {},
                    expect=item["expect"],
                )
            )
    return out


def run_case(case: FrameworkCase) -> CaseRun:
    """Assess a framework test case; compare only what it expects."""
    import amparo
    from amparo.cases import case_from_data

    data = {
        "format": 1,
        "id": case.name[:60],
        "assessed_on": case.assessed_on,
        **case.document,
    }
    document = case_from_data(data, source=f"{case.file.name}: {case.name}")
    result = amparo.assess(document, case.framework, document.assessed_on)
    actual: dict[str, Any] = {}
    expected: dict[str, Any] = {}
    for key, want in case.expect.items():
        if key == "outcome":
            actual[key] = result.outcome
            expected[key] = want
        elif key == "categories":
            actual[key] = sorted(c for c, v in result.categories.items() if v is True)
            expected[key] = sorted(want)
        elif key == "categories_unknown":
            actual[key] = sorted(c for c, v in result.categories.items() if v is None)
            expected[key] = sorted(want)
        elif key == "not_weighed":
            actual[key] = sorted(n.item.id for n in result.not_weighed)
            expected[key] = sorted(want)
        elif key == "questions":
            asked = [q.fact for q in result.questions]
            actual[key] = [f for f in want if f in asked]
            expected[key] = list(want)
        else:
            actual[key] = result.factor(key).value
            expected[key] = _TRI[want]
    return CaseRun(actual, expected, amparo.to_text(result))

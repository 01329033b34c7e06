"""An assessment shaped for the page: categories, each with its factors and their reasons."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import amparo
from amparo.engine.compare import compare_case
from amparo.engine.compare_report import comparison_to_json
from amparo.facts.catalogue import catalogue
from amparo.i18n import format_value, pick

if TYPE_CHECKING:
    from amparo.cases.model import Case as CaseDocument


def assessment_context(case: CaseDocument, lang: str) -> dict[str, Any]:
    result = amparo.assess(case)
    data = amparo.to_json(result, lang)
    factor_json: list[dict[str, Any]] = data["factors"]  # type: ignore[assignment]
    behind = {r.factor.id: r.facts for r in result.factors}
    cat = catalogue()
    categories = []
    for category in result.framework.categories:
        factors = [
            {
                **f,
                "facts_shown": [
                    (
                        pick(cat[name].label, lang) if name in cat else name,
                        format_value(value, lang),
                    )
                    for name, value in behind[f["id"]].items()
                ],
            }
            for f in factor_json
            if f["category"] == category.id
        ]
        categories.append(
            {
                "id": category.id,
                "label": pick(category.label, lang),
                "value": result.categories.get(category.id),
                "factors": factors,
            }
        )
    return {
        "result": data,
        "categories": categories,
        "comparison": comparison_to_json(compare_case(case), lang),
        "evidence": case.evidence or [],
        "checklist": _checklist(case, result, lang),
    }


def _checklist(case: CaseDocument, result: Any, lang: str) -> list[dict[str, Any]]:
    """For each factor that holds: the evidence that proves it, and the exhibits on hand for it."""
    exhibits = case.evidence or []
    out = []
    for r in result.factors:
        if r.value is not True or not r.factor.evidence:
            continue
        names = {r.factor.id, *r.facts}
        on_hand = [
            e.description or e.file or ""
            for e in exhibits
            if names & set(e.supports or [])
        ]
        out.append(
            {
                "factor": pick(r.factor.label, lang),
                "proves": [pick(text, lang) for text in r.factor.evidence],
                "on_hand": on_hand,
            }
        )
    return out

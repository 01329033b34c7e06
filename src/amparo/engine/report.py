"""An assessment as JSON, and as a readable tree with a reason and a source on each line."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from amparo.engine.assess import Assessment, FactorResult
from amparo.engine.questions import Question
from amparo.facts.catalogue import catalogue
from amparo.i18n import PLAIN_TYPES, format_value, json_value, pick, word
from amparo.rules.framework import DECISIVE_ROLES, Factor


def to_json(assessment: Assessment, lang: str = "en") -> dict[str, Any]:
    """The public JSON form of an assessment."""
    fw = assessment.framework
    return {
        "case_id": assessment.case_id,
        "framework": fw.id,
        "framework_title": pick(fw.title, lang),
        "assessed_on": assessment.assessed_on.isoformat(),
        "in_force": assessment.in_force,
        "outcome": assessment.outcome,
        "outcome_label": fw.outcome_label(assessment.outcome, lang),
        "explanation": pick(fw.outcome_explain.get(assessment.outcome), lang) or None,
        "not_in_force_reason": not_in_force_reason(assessment, lang),
        "factors": _factors_json(assessment.factors, lang),
        "categories": {c.id: assessment.holding(c.id) for c in fw.categories},
        "category_values": dict(assessment.categories),
        "category_rules": {
            c.id: {"when": c.when, "note": pick(c.note, lang) or None}
            for c in fw.categories
            if c.when is not None or c.note is not None
        },
        "determinations": [
            _determination_json(d, lang) for d in determinations(assessment)
        ],
        "not_weighed": [
            {
                "id": item.item.id,
                "label": pick(item.item.label, lang),
                "facts": {k: json_value(v) for k, v in item.facts.items()},
                "reason": pick(item.item.reason, lang),
                "citation": [c.to_json() for c in item.item.cites],
            }
            for item in assessment.not_weighed
        ],
        "holistic_review": {k: json_value(v) for k, v in assessment.holistic.items()},
        "questions": _questions_json(assessment.questions, lang),
        "further_questions": _questions_json(assessment.further_questions, lang),
        "unconfirmed": list(fw.unconfirmed_ids),
    }


@dataclass(frozen=True)
class Determination:
    """A discretionary judgment (a public-safety "threat") and what bears on it.

    The record cannot make the judgment, so it stays unknown; the mitigating and
    aggravating factors of its category are listed as found or still to find out,
    each with its citation, and never scored.
    """

    factor: FactorResult
    mitigating: tuple[FactorResult, ...]
    aggravating: tuple[FactorResult, ...]

    def found(self, role: str) -> list[FactorResult]:
        return [r for r in getattr(self, role) if r.value is True]

    def open(self, role: str) -> list[FactorResult]:
        return [r for r in getattr(self, role) if r.value is None]


def determinations(assessment: Assessment) -> list[Determination]:
    """The determinations a case's outcome waits on, with their mitigating and
    aggravating factors: those of categories the record leaves unknown."""
    if not assessment.in_force:
        return []
    out = []
    for result in assessment.factors:
        factor = result.factor
        if factor.role != "determination" or result.value is not None:
            continue
        if assessment.categories.get(factor.category) is not None:
            continue  # settled without it: no criminal conduct to assess, say
        same = [r for r in assessment.factors if r.factor.category == factor.category]
        out.append(
            Determination(
                result,
                tuple(r for r in same if r.factor.role == "mitigating"),
                tuple(r for r in same if r.factor.role == "aggravating"),
            )
        )
    return out


def _determination_json(d: Determination, lang: str) -> dict[str, Any]:
    def brief(r: FactorResult) -> dict[str, Any]:
        return {
            "id": r.factor.id,
            "label": pick(r.factor.label, lang),
            "citation": [c.to_json() for c in r.factor.cites],
        }

    return {
        "factor": d.factor.factor.id,
        "category": d.factor.factor.category,
        "label": pick(d.factor.factor.label, lang),
        "value": None,
        "mitigating_found": [brief(r) for r in d.found("mitigating")],
        "aggravating_found": [brief(r) for r in d.found("aggravating")],
        "mitigating_unknown": [r.factor.id for r in d.open("mitigating")],
        "aggravating_unknown": [r.factor.id for r in d.open("aggravating")],
    }


def not_in_force_reason(assessment: Assessment, lang: str) -> str | None:
    """Why the framework was not in force on the date assessed (None when it was)."""
    if assessment.in_force:
        return None
    gap = assessment.framework.out_of_force_on(assessment.assessed_on)
    return pick(gap.note, lang) if gap else word("not_in_force", lang)


def _factors_json(results: tuple[FactorResult, ...], lang: str) -> list[dict[str, Any]]:
    plain = PLAIN_TYPES
    converted: dict[str, Any] = {}  # a fact read by several factors converts once
    out = []
    for result in results:
        facts: dict[str, Any] = {}
        for name, value in result.facts.items():
            if value is None or type(value) in plain:
                facts[name] = value
                continue
            done: Any = converted.get(name)
            if done is None:
                done = converted[name] = json_value(value)
            facts[name] = done.copy() if type(done) is dict else done
        item = _factor_static(result.factor, lang).copy()
        item["value"] = result.value
        item["facts"] = facts
        item["params"] = (
            {k: json_value(v) for k, v in result.params.items()}
            if result.params
            else {}
        )
        out.append(item)
    return out


@lru_cache(maxsize=1024)
def _factor_static(factor: Factor, lang: str) -> dict[str, Any]:
    """What never changes between assessments: built once per factor and language."""
    out: dict[str, Any] = {
        "id": factor.id,
        "category": factor.category,
        "role": factor.role,
        "label": pick(factor.label, lang),
        "when": factor.when,
        "citation": [c.to_json() for c in factor.cites],
    }
    if factor.unconfirmed:
        out["confidence"] = "unconfirmed"
    return out


def _questions_json(questions: tuple[Question, ...], lang: str) -> list[dict[str, Any]]:
    return [
        {
            "fact": q.fact,
            "facts": list(q.facts),
            "field": q.field,
            "prompt": q.prompt.get(lang) or q.prompt["en"],
            "factors": list(q.factors),
            "decisive": q.decisive,
        }
        for q in questions
    ]


def to_text(assessment: Assessment, lang: str = "en", width: int = 100) -> str:
    """A readable tree: the outcome, each category and factor with its reasons and source."""
    fw = assessment.framework
    cat = catalogue()
    lines = [
        f"{pick(fw.title, lang)}",
        f"{word('case', lang)} {assessment.case_id}, {word('assessed_on', lang)} "
        f"{assessment.assessed_on.isoformat()}",
        f"{word('outcome', lang)}: {fw.outcome_label(assessment.outcome, lang).upper()}",
    ]
    explanation = pick(fw.outcome_explain.get(assessment.outcome), lang)
    if explanation:
        lines.append(f"  {explanation}")
    reason = not_in_force_reason(assessment, lang)
    if reason:
        lines.append(f"  {reason}")
    awaited = {d.factor.factor.category: d for d in determinations(assessment)}
    for category in fw.categories:
        value = assessment.categories.get(category.id)
        lines.append("")
        lines.append(f"{pick(category.label, lang)} .. {_mark(value, lang)}")
        if category.note is not None:
            lines.append(f"  {pick(category.note, lang)}")
        elif category.when is not None:
            lines.append(f"  {word('only_if', lang)}: {category.when}")
        for result in assessment.factors:
            if result.factor.category != category.id:
                continue
            lines.extend(_factor_lines(result, lang, cat, fw))
        if category.id in awaited:
            lines.extend(_determination_lines(awaited[category.id], lang))
    if assessment.not_weighed:
        lines.append("")
        lines.append(f"{word('not_weighed', lang)}:")
        for item in assessment.not_weighed:
            facts = "; ".join(
                f"{pick(cat[k].label, lang)}: {format_value(v, lang)}"
                for k, v in item.facts.items()
            )
            lines.append(f"  {pick(item.item.label, lang)} — {facts}")
            lines.append(f"    {pick(item.item.reason, lang)}")
            lines.append(f"    [{'; '.join(c.short() for c in item.item.cites)}]")
    if assessment.holistic:
        lines.append("")
        lines.append(f"{word('holistic', lang)}:")
        for name, held in assessment.holistic.items():
            lines.append(f"  {pick(cat[name].label, lang)}: {format_value(held, lang)}")
    lines.append("")
    lines.append(f"{word('questions', lang)}:")
    if not assessment.questions:
        lines.append(f"  {word('no_questions', lang)}")
    for number, question in enumerate(assessment.questions, 1):
        lines.append(
            f"  {number}. {question.text(lang)}  ({question.fact} → {', '.join(question.factors)})"
        )
    if assessment.further_questions:
        lines.append("")
        lines.append(f"{word('further_questions', lang)}:")
        for number, question in enumerate(assessment.further_questions, 1):
            lines.append(
                f"  {number}. {question.text(lang)}  ({question.fact} → {', '.join(question.factors)})"
            )
    return "\n".join(_wrap(line, width) for line in lines) + "\n"


def _factor_lines(result: FactorResult, lang: str, cat: Any, fw: Any) -> list[str]:
    factor = result.factor
    role = "" if factor.role in DECISIVE_ROLES else f" ({factor.role})"
    if factor.unconfirmed:
        role += f" ({word('unconfirmed', lang)})"
    head = f"  {factor.id}{role} .. {_mark(result.value, lang)}  {pick(factor.label, lang)}"
    lines = [head]
    shown = [
        f"{pick(cat[k].label, lang)}: {format_value(v, lang)}"
        for k, v in result.facts.items()
        if result.value is not False or v is not None
    ]
    if result.value is False and len(shown) > 4:
        shown = [*shown[:4], word("and_more", lang).format(n=len(shown) - 4)]
    if shown:
        lines.append(f"      {word('because', lang)}: {'; '.join(shown)}")
    for name, value in result.params.items():
        parameter = fw.parameters.get(name)
        reading = (
            f" ({word('reading', lang)})"
            if parameter is not None and parameter.reading
            else ""
        )
        lines.append(
            f"      {word('param', lang)} {name} = {format_value(value, lang)}{reading}"
        )
    cites = "; ".join(c.short() for c in factor.cites)
    lines.append(f"      [{cites}]")
    return lines


def _determination_lines(d: Determination, lang: str) -> list[str]:
    lines = [f"  {word('awaits', lang)}: {pick(d.factor.factor.label, lang)}"]
    for role in ("mitigating", "aggravating"):
        found = ", ".join(r.factor.id for r in d.found(role)) or word("none", lang)
        line = f"    {word(role + '_found', lang)}: {found}"
        still = ", ".join(r.factor.id for r in d.open(role))
        if still:
            line += f"; {word('to_find_out', lang)}: {still}"
        lines.append(line)
    return lines


def _mark(value: Any, lang: str) -> str:
    return format_value(value, lang).upper()


def _wrap(line: str, width: int) -> str:
    if len(line) <= width:
        return line
    import textwrap

    indent = len(line) - len(line.lstrip())
    return textwrap.fill(
        line, width=width, subsequent_indent=" " * (indent + 2), break_long_words=False
    )

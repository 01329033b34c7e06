"""A comparison as JSON, and as a side-by-side table with its flags in words."""

from __future__ import annotations

import textwrap
from typing import Any

from amparo.engine.assess import Assessment
from amparo.engine.compare import Comparison, Flag
from amparo.engine.report import not_in_force_reason, to_json
from amparo.facts.catalogue import catalogue
from amparo.i18n import format_value, json_value, pick, word
from amparo.rules.framework import DECISIVE_ROLES

_TEXT = {
    "title": {
        "en": "Side by side: case {case}, as of {day}",
        "es": "Lado a lado: caso {case}, al {day}",
    },
    "official": {
        "en": "Official enforcement framework in force: {id} ({title})",
        "es": "Marco oficial de aplicación vigente: {id} ({title})",
    },
    "no_official": {
        "en": "No official enforcement framework encoded was in force: {reason}",
        "es": "Ningún marco oficial de aplicación codificado estaba vigente: {reason}",
    },
    "decisive": {"en": "Decisive facts", "es": "Hechos decisivos"},
    "flags": {"en": "What the comparison shows", "es": "Lo que muestra la comparación"},
    "no_flags": {
        "en": "nothing to flag: no official priority rests only on facts protection-first never "
        "weighs, and no official framework is known to find the person no priority",
        "es": "nada que señalar: ninguna prioridad oficial descansa solo en hechos que el marco de "
        "protección primero nunca sopesa, y ningún marco oficial concluye que la persona no es prioridad",
    },
    "none_decisive": {"en": "none", "es": "ninguno"},
    "open": {
        "en": "open, and could change the outcome: {facts}",
        "es": "pendiente, y podría cambiar el resultado: {facts}",
    },
    "awaits": {
        "en": "awaits a determination the record cannot make: {what}",
        "es": "depende de una determinación que el expediente no puede hacer: {what}",
    },
    "mitigating": {
        "en": "mitigating factors found: {ids}",
        "es": "factores atenuantes presentes: {ids}",
    },
    "aggravating": {
        "en": "aggravating factors found: {ids}",
        "es": "factores agravantes presentes: {ids}",
    },
    "unconfirmed": {
        "en": "* rests in part on items the sources leave unconfirmed: {ids}",
        "es": "* se basa en parte en elementos que las fuentes no confirman: {ids}",
    },
    "priority_only_on_not_weighed": {
        "en": "{framework}: a {category} priority only because of {kinds}, which the "
        "protection-first framework never weighs. Facts: {facts}.",
        "es": "{framework}: prioridad por {category} solo por {kinds}, que el marco de "
        "protección primero nunca sopesa. Hechos: {facts}.",
    },
    "not_a_priority_outcome": {
        "en": "{framework}: not a priority even under this official framework ({outcome}). "
        "The request can say so.",
        "es": "{framework}: no es prioridad ni siquiera bajo este marco oficial ({outcome}). "
        "La solicitud puede decirlo.",
    },
    "not_a_priority_category": {
        "en": "{framework}: {kinds} do not make the person a {category} priority even under "
        "this official framework. Facts: {facts}. The request can say so.",
        "es": "{framework}: {kinds} no hacen de la persona una prioridad por {category} ni "
        "siquiera bajo este marco oficial. Hechos: {facts}. La solicitud puede decirlo.",
    },
}


def _t(key: str, lang: str, **values: Any) -> str:
    return pick(_TEXT[key], lang).format(**values)


def comparison_to_json(comparison: Comparison, lang: str = "en") -> dict[str, Any]:
    """``{case_id, assessed_on, official, results, flags}``."""
    official = comparison.official
    return {
        "case_id": comparison.case_id,
        "assessed_on": comparison.assessed_on.isoformat(),
        "official": {
            "framework": official.framework.id if official.framework else None,
            "reason": official.reason_in(lang) or None,
        },
        "results": [to_json(r, lang) for r in comparison.results],
        "flags": [flag_json(f, lang) for f in comparison.flags],
    }


def flag_json(flag: Flag, lang: str = "en") -> dict[str, Any]:
    return {
        "kind": flag.kind,
        "framework": flag.framework.id,
        "category": flag.category,
        # The main kind; `not_weighed_all` lists every kind when more than one is involved.
        "not_weighed": flag.not_weighed[0] if flag.not_weighed else None,
        "not_weighed_all": list(flag.not_weighed),
        "facts": {k: json_value(v) for k, v in flag.facts.items()},
        "text": flag_text(flag, lang),
    }


def flag_text(flag: Flag, lang: str = "en") -> str:
    from amparo.rules.registry import get_framework

    cat = catalogue()
    protection = get_framework("protection-first")
    labels = {item.id: pick(item.label, lang) for item in protection.not_weighed}
    kinds = ", ".join(labels.get(k, k).lower() for k in flag.not_weighed) or "—"
    facts = "; ".join(
        f"{pick(cat[k].label, lang)}: {format_value(v, lang)}"
        for k, v in flag.facts.items()
    )
    category = _category_label(flag, lang)
    name = pick(flag.framework.title, lang)
    if flag.kind == "priority_only_on_not_weighed":
        return _t(
            flag.kind, lang, framework=name, category=category, kinds=kinds, facts=facts
        )
    if flag.category is None:
        outcome = next(
            (
                flag.framework.outcome_label(o, lang)
                for o in flag.framework.not_priority_outcomes
            ),
            "",
        )
        return _t("not_a_priority_outcome", lang, framework=name, outcome=outcome)
    return _t(
        "not_a_priority_category",
        lang,
        framework=name,
        category=category,
        kinds=kinds,
        facts=facts,
    )


def _category_label(flag: Flag, lang: str) -> str:
    for category in flag.framework.categories:
        if category.id == flag.category:
            return pick(category.label, lang).lower()
    return flag.category or ""


def comparison_to_text(
    comparison: Comparison, lang: str = "en", width: int = 110
) -> str:
    """A table (one column per framework), the decisive facts, then the flags."""
    results = comparison.results
    lines = [
        _t(
            "title",
            lang,
            case=comparison.case_id,
            day=comparison.assessed_on.isoformat(),
        )
    ]
    official = comparison.official
    if official.framework is not None:
        lines.append(
            _t(
                "official",
                lang,
                id=official.framework.id,
                title=pick(official.framework.title, lang),
            )
        )
    else:
        lines.append(_t("no_official", lang, reason=official.reason_in(lang)))
    lines = [_wrap(line, width) for line in lines]
    lines.append("")
    lines.extend(_table(results, lang, width))  # already fitted to its columns
    rest = ["", f"{_t('decisive', lang)}:"]
    for result in results:
        rest.extend(_decisive_lines(result, lang))
    rest.append("")
    rest.append(f"{_t('flags', lang)}:")
    if not comparison.flags:
        rest.append(f"  {_t('no_flags', lang)}")
    for number, flag in enumerate(comparison.flags, 1):
        rest.append(f"  {number}. {flag_text(flag, lang)}")
    return "\n".join(lines + [_wrap(line, width) for line in rest]) + "\n"


def _table(results: tuple[Assessment, ...], lang: str, width: int) -> list[str]:
    first = 26
    column = max(16, min(30, (width - first) // max(1, len(results))))
    rows: list[tuple[str, list[str]]] = [
        (word("framework", lang), [r.framework.id for r in results]),
        (
            word("outcome", lang),
            [r.framework.outcome_label(r.outcome, lang).upper() for r in results],
        ),
    ]
    seen: dict[str, str] = {}
    for result in results:
        for category in result.framework.categories:
            seen.setdefault(category.id, pick(category.label, lang))
    for category_id, label in seen.items():
        cells = []
        for result in results:
            if category_id not in result.categories:
                cells.append("—")
                continue
            value = result.categories[category_id]
            held = result.holding(category_id)
            cell = format_value(value, lang).upper()
            if held:
                cell += ": " + ", ".join(held)
            cells.append(cell)
        rows.append((label, cells))
    out = []
    for label, cells in rows:
        wrapped = [textwrap.wrap(label, first - 2) or [""]] + [
            textwrap.wrap(c, column - 2, break_long_words=True) or [""] for c in cells
        ]
        height = max(len(w) for w in wrapped)
        for i in range(height):
            parts = [(wrapped[0][i] if i < len(wrapped[0]) else "").ljust(first)]
            parts += [(w[i] if i < len(w) else "").ljust(column) for w in wrapped[1:]]
            out.append("".join(parts).rstrip())
    return out


def _decisive_lines(result: Assessment, lang: str) -> list[str]:
    cat = catalogue()
    framework = result.framework
    head = f"  {framework.id}"
    if not result.in_force:
        return [f"{head}: {not_in_force_reason(result, lang)}"]
    facts: dict[str, Any] = {}
    awaits: list[str] = []
    for r in result.factors:
        held = result.categories.get(r.factor.category)
        if r.factor.role in DECISIVE_ROLES and r.value is True:
            facts.update(r.facts)
        if r.factor.role == "determination" and r.value is None and held is None:
            awaits.append(pick(r.factor.label, lang))
    shown = "; ".join(
        f"{pick(cat[k].label, lang)}: {format_value(v, lang)}" for k, v in facts.items()
    )
    lines = [f"{head}: {shown or _t('none_decisive', lang)}"]
    open_questions = [q for q in result.questions if not cat[q.fact].determination]
    if open_questions:
        asked = "; ".join(pick(cat[q.fact].label, lang) for q in open_questions[:5])
        lines.append(f"    {_t('open', lang, facts=asked)}")
    if awaits:
        lines.append(f"    {_t('awaits', lang, what='; '.join(awaits))}")
    for role in ("mitigating", "aggravating"):
        found = [
            r.factor.id for r in result.factors if r.factor.role == role and r.value
        ]
        if found:
            lines.append(f"    {_t(role, lang, ids=', '.join(found))}")
    unconfirmed = [r.factor.id for r in result.factors if r.factor.unconfirmed]
    if unconfirmed:
        lines.append(f"    {_t('unconfirmed', lang, ids=', '.join(unconfirmed))}")
    return lines


def _wrap(line: str, width: int) -> str:
    if len(line) <= width:
        return line
    indent = len(line) - len(line.lstrip())
    return textwrap.fill(
        line, width=width, subsequent_indent=" " * (indent + 4), break_long_words=False
    )

"""Assess one case under one framework, with every conclusion explained.

The result holds each factor's value (true, false, unknown) with the facts and
parameter values behind it and its citation; the categories that hold; the
outcome; the facts the framework refuses to weigh that are present in the record;
and the questions that would settle what is still unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from amparo.facts.catalogue import FactValue
from amparo.lib.kleene import Tri, any3
from amparo.rules.framework import Factor, Framework, NotWeighed
from amparo.rules.pycompile import LEAF, NOT, OR, Program

if TYPE_CHECKING:
    from amparo.engine.questions import Question


class FactorResult(NamedTuple):
    """One factor's value and what it rests on; a named tuple, as one is made
    per factor of every case assessed."""

    factor: Factor
    value: Tri
    facts: Mapping[str, FactValue]  # the facts behind the value
    params: Mapping[str, Any]  # the parameter values behind it


@dataclass(frozen=True, slots=True)
class NotWeighedResult:
    item: NotWeighed
    facts: Mapping[str, FactValue]  # the facts of this kind present in the record


@dataclass(frozen=True)
class Assessment:
    case_id: str
    framework: Framework
    assessed_on: dt.date
    in_force: bool
    outcome: str
    decided_by: str | None  # the outcome rule that gave the outcome, if any
    factors: tuple[FactorResult, ...]
    categories: Mapping[str, Tri]
    not_weighed: tuple[NotWeighedResult, ...]
    holistic: Mapping[str, FactValue]
    facts: Mapping[str, FactValue]
    values: tuple[Any, ...]  # every node of the framework's conditions, for questions

    @cached_property
    def _question_lists(self) -> tuple[tuple[Question, ...], tuple[Question, ...]]:
        from amparo.engine.questions import find_questions

        return find_questions(self, self.values)

    @property
    def questions(self) -> tuple[Question, ...]:
        """Unknown facts that could change the outcome, most decisive first."""
        if not (self.in_force and self.outcome == self.framework.unknown_outcome):
            return ()  # a known outcome stays known, whatever the unknowns turn out to be
        return self._question_lists[0]

    @property
    def further_questions(self) -> tuple[Question, ...]:
        """Unknown facts that cannot change the outcome but could establish another factor."""
        return self._question_lists[1]

    def holding(self, category: str) -> list[str]:
        """Ids of the decisive factors of ``category`` that hold, if the category holds."""
        if self.categories.get(category) is not True:
            return []
        values = self.factor_values
        return [
            f
            for f in self.framework.decisive_by_category.get(category, ())
            if values[f] is True
        ]

    @cached_property
    def factor_values(self) -> dict[str, Tri]:
        """Each factor's value, by id."""
        return {r.factor.id: r.value for r in self.factors}

    def factor(self, factor_id: str) -> FactorResult:
        return next(r for r in self.factors if r.factor.id == factor_id)


def category_values(
    framework: Framework, factor_values: Mapping[str, Tri]
) -> dict[str, Tri]:
    """A category holds when any of its decisive factors holds (Kleene ``or``),
    or, where the category gives its own ``when``, when that holds."""
    program = framework.category_program
    computed = program.run(factor_values, {}) if program else ()
    roots = iter(program.roots if program else ())
    decisive = framework.decisive_by_category
    out: dict[str, Tri] = {}
    for category in framework.categories:
        if category.condition is not None:
            out[category.id] = computed[next(roots)]
            continue
        out[category.id] = any3([factor_values[f] for f in decisive[category.id]])
    return out


def decide(
    framework: Framework, rule_values: Mapping[str, Tri]
) -> tuple[str, str | None]:
    """The outcome: the first rule that holds; unknown if one before it is unknown."""
    program = framework.outcome_program
    values = program.run(rule_values, {})
    for rule, root in zip(framework.outcome_rules, program.roots, strict=True):
        value = values[root]
        if value is None:
            return framework.unknown_outcome, None
        if value:
            return rule.id, rule.id
    return framework.unknown_outcome, None


def assess_facts(
    framework: Framework,
    facts: Mapping[str, FactValue],
    on: dt.date,
    case_id: str = "",
) -> Assessment:
    """Assess flat facts (from a case document or a row of data) as of ``on``."""
    program = framework.program
    params = framework.params_on(on)
    values = program.run(facts, params)
    n_factors = len(framework.factors)
    factor_values: dict[str, Tri] = {}
    results = []
    new = tuple.__new__
    for factor, root in zip(framework.factors, program.roots[:n_factors], strict=True):
        value = values[root]
        factor_values[factor.id] = value
        behind = explain(program, values, root)
        results.append(
            new(  # FactorResult(...), without the call through its __new__
                FactorResult,
                (
                    factor,
                    value,
                    {name: facts.get(name) for name in behind.facts},
                    {name: params.get(name) for name in behind.params}
                    if behind.params
                    else {},
                ),
            )
        )
    categories = category_values(framework, factor_values)
    in_force = framework.in_force_on(on) is not None
    if in_force:
        outcome, decided_by = decide(framework, {**categories, **factor_values})
    else:
        outcome, decided_by = "not_in_force", None
    not_weighed = tuple(
        NotWeighedResult(item, _present_facts(item.facts + item.shows, facts))
        for item, root in zip(
            framework.not_weighed, program.roots[n_factors:], strict=True
        )
        if values[root] is True
    )
    holistic = {
        name: facts[name]
        for name in framework.holistic_facts
        if facts.get(name) is True
    }
    return Assessment(
        case_id=case_id,
        framework=framework,
        assessed_on=on,
        in_force=in_force,
        outcome=outcome,
        decided_by=decided_by,
        factors=tuple(results),
        categories=categories,
        not_weighed=not_weighed,
        holistic=holistic,
        facts=facts,
        values=values,
    )


def why(program: Program, values: tuple[Any, ...], index: int) -> list[int]:
    """The leaf slots (facts and comparisons) that settle a node's value.

    An ``or`` that holds rests on its true branches; one that fails, on all of
    them; one that is unknown, on its unknown branches (``and`` the other way).
    """
    leaves = []
    stack = [index]
    kinds = program.kinds
    slots = program.slots
    while stack:
        current = stack.pop()
        kind = kinds[current]
        if kind == LEAF:
            leaves.append(current)
            continue
        children = slots[current].children
        if kind == NOT:
            stack.append(children[0])
            continue
        value = values[current]
        decisive = kind == OR
        if value is decisive or value is None:
            stack.extend([c for c in children if values[c] is value])
        else:
            stack.extend(children)
    return leaves


@dataclass(frozen=True, slots=True)
class Explanation:
    """What a condition's value rests on: its deciding leaves, and the facts and
    parameters they read, each once and in order."""

    leaves: tuple[int, ...]
    facts: tuple[str, ...]
    params: tuple[str, ...]


def explain(program: Program, values: tuple[Any, ...], root: int) -> Explanation:
    """The explanation of one condition, kept per shape of its values.

    Which leaves decide a condition depends only on whether each of its branches
    and comparisons holds, not on the facts compared, so cases that agree on
    those share one explanation (the per-case fact values are read afterwards).
    """

    def make() -> Explanation:
        leaves = tuple(why(program, values, root))
        names, params = program.names, program.params
        return Explanation(
            leaves,
            tuple(dict.fromkeys(n for leaf in leaves for n in names[leaf])),
            tuple(dict.fromkeys(n for leaf in leaves for n in params[leaf])),
        )

    found: Explanation = program.kept((root, program.shapes[root](values)), make)
    return found


def _present_facts(
    names: tuple[str, ...], facts: Mapping[str, FactValue]
) -> dict[str, FactValue]:
    """The facts of a kind that the record holds (a yes, a count above zero, a date)."""
    out: dict[str, FactValue] = {}
    for name in names:
        value = facts.get(name)
        if value is None or value is False or value == (0, 0):
            continue
        out[name] = value
    return out

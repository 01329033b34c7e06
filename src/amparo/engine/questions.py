"""The questions that would settle what an assessment leaves unknown.

Only an unknown factor can still change: in three-valued logic a known value
stays known whatever the unknown facts turn out to be. So the questions are the
unknown facts on the unknown branches of unknown factors. They come in two lists:

- ``questions``: facts that could change the outcome. A fact that alone can make
  a factor hold, where that factor holding changes the outcome, comes first;
  then the facts that count toward the outcome together with others.
- ``further_questions``: facts that cannot change the outcome but could
  establish another factor (more grounds for the request, more evidence to
  gather).
"""

from __future__ import annotations

import itertools
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from amparo.facts.catalogue import catalogue
from amparo.rules import expr
from amparo.rules.framework import DECISIVE_ROLES

if TYPE_CHECKING:
    from amparo.engine.assess import Assessment
    from amparo.facts.catalogue import Text
    from amparo.rules.pycompile import Program


class Question(NamedTuple):
    """One question to ask; a named tuple, as thousands are made per second."""

    fact: str
    field: str  # where the answer goes in the case document
    prompt: Text
    factors: tuple[str, ...]  # the factors it could settle
    decisive: bool  # alone, it could change the outcome
    facts: tuple[str, ...] = ()  # every fact this one question settles

    def text(self, lang: str) -> str:
        return self.prompt.get(lang) or self.prompt["en"]


@cache
def _asked_together() -> dict[str, tuple[int, tuple[str, str]]]:
    """Each fact's place in the catalogue, and the question that asks it: facts
    asked by the same question (each kind of survivor, say) share one."""
    cat = catalogue()
    return {
        name: (cat.order[name], (fact.field, fact.ask["en"]))
        for name, fact in cat.facts.items()
    }


def find_questions(
    assessment: Assessment, values: tuple[Any, ...]
) -> tuple[tuple[Question, ...], tuple[Question, ...]]:
    """Split the unknown facts into outcome-changing questions and further ones."""
    from amparo.engine.assess import decide, why

    framework = assessment.framework
    program = framework.program
    facts = assessment.facts
    # A known outcome is known whatever the unknown facts turn out to be (Kleene
    # logic), so only an unknown outcome can change.
    open_outcome = (
        assessment.in_force and assessment.outcome == framework.unknown_outcome
    )
    rules: dict[str, Any] | None = None
    found: dict[str, list[Any]] = {}  # fact -> [factors, decisive, changes]
    for index, result in enumerate(assessment.factors):
        if result.value is not None or result.factor.role not in DECISIVE_ROLES:
            continue
        factor = result.factor
        flips = False
        if open_outcome:
            if rules is None:
                rules = {
                    **assessment.categories,
                    **{r.factor.id: r.value for r in assessment.factors},
                }
            trial = {**rules, factor.id: True, factor.category: True}
            flips = decide(framework, trial)[0] != assessment.outcome
        root = program.roots[index]
        if flips:
            groups = [
                (names, _alone_settles(program, values, root, leaf))
                for leaf in why(program, values, root)
                if (
                    names := [
                        n for n in program.names[leaf] if _unsettled(facts.get(n))
                    ]
                )
            ]
        else:
            # The facts behind the factor are those of its deciding leaves, in
            # the same order; no leaf can settle the outcome alone.
            groups = [
                (
                    [
                        n
                        for n, v in result.facts.items()
                        if v is None or (type(v) is tuple and v[0] != v[1])
                    ],
                    False,
                )
            ]
        factor_id = factor.id
        for unknown, alone in groups:
            for name in unknown:
                entry = found.get(name)
                if entry is None:
                    found[name] = [[factor_id], alone, open_outcome]
                    continue
                if factor_id not in entry[0]:
                    entry[0].append(factor_id)
                if alone:
                    entry[1] = True
    cat = catalogue()
    asked = _asked_together()
    ranked = sorted(
        found.items(),
        key=lambda item: (not item[1][1], -len(item[1][0]), asked[item[0]][0]),
    )
    # Facts asked by the same question (one per value of a list, such as each kind
    # of survivor) become one question, placed where its first fact ranks.
    merged: dict[tuple[str, str], list[Any]] = {}
    for name, (factors, decisive, changes) in ranked:
        key = asked[name][1]
        into = merged.get(key)
        if into is None:
            merged[key] = [name, [name], factors, decisive, changes]
            continue
        into[1].append(name)
        into[2] += [f for f in factors if f not in into[2]]
        into[3] = into[3] or decisive
    questions: list[Question] = []
    further: list[Question] = []
    for name, names, factors, decisive, changes in merged.values():
        fact = cat[name]
        question = Question(
            name, fact.field, fact.ask, tuple(factors), decisive, tuple(names)
        )
        (questions if changes else further).append(question)
    return tuple(questions), tuple(further)


def _unsettled(value: Any) -> bool:
    return value is None or (isinstance(value, tuple) and value[0] != value[1])


def _alone_settles(
    program: Program, values: tuple[Any, ...], root: int, leaf: int
) -> bool:
    """Whether this leaf alone, set the right way, makes the root hold.

    Walking from the root down to the leaf: an ``and`` that must hold needs its
    other branches true, an ``or`` that must fail needs them false; the other two
    cases need nothing of the other branches.
    """
    path = [leaf]
    while path[-1] != root:
        parent = program.parents[path[-1]]
        if parent < 0:
            return False
        path.append(parent)
    path.reverse()
    target = True  # the value this node must take for the root to hold
    for parent, child in itertools.pairwise(path):
        node = program.slots[parent].node
        if isinstance(node, expr.Not):
            target = not target
        elif isinstance(node, expr.BoolOp) and (node.op == "and") == target:
            siblings = [c for c in program.slots[parent].children if c != child]
            if any(values[s] is not target for s in siblings):
                return False
    return True

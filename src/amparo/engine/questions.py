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
from collections import Counter
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


class _Asked(NamedTuple):
    order: int  # the fact's place in the catalogue
    key: tuple[str, str]  # the question that asks it
    shared: bool  # whether that question asks other facts too
    field: str
    prompt: Text


@cache
def _asked_together() -> dict[str, _Asked]:
    """Each fact's place in the catalogue and the question that asks it: facts
    asked by the same question (each kind of survivor, say) share one."""
    cat = catalogue()
    keys = {name: (fact.field, fact.ask["en"]) for name, fact in cat.facts.items()}
    count = Counter(keys.values())
    return {
        name: _Asked(
            cat.order[name], keys[name], count[keys[name]] > 1, fact.field, fact.ask
        )
        for name, fact in cat.facts.items()
    }


def find_questions(
    assessment: Assessment, values: tuple[Any, ...]
) -> tuple[tuple[Question, ...], tuple[Question, ...]]:
    """Split the unknown facts into outcome-changing questions and further ones."""
    from amparo.engine.assess import decide

    framework = assessment.framework
    program = framework.program
    facts = assessment.facts
    # A known outcome is known whatever the unknown facts turn out to be (Kleene
    # logic), so only an unknown outcome can change.
    open_outcome = (
        assessment.in_force and assessment.outcome == framework.unknown_outcome
    )
    rules: dict[str, Any] | None = None
    settled_by: dict[str, list[str]] = {}  # unknown fact -> the factors it could settle
    alone: set[str] = set()  # facts that alone could change the outcome
    for index, result in enumerate(assessment.factors):
        if result.value is not None or result.factor.role not in DECISIVE_ROLES:
            continue
        factor = result.factor
        factor_id = factor.id
        flips = False
        if open_outcome:
            if rules is None:
                rules = {**assessment.categories, **assessment.factor_values}
            trial = {**rules, factor_id: True, factor.category: True}
            flips = decide(framework, trial)[0] != assessment.outcome
        if flips:
            for names, settles in _settling(program, values, program.roots[index]):
                for name in names:
                    if not _unsettled(facts.get(name)):
                        continue
                    if settles:
                        alone.add(name)
                    into = settled_by.get(name)
                    if into is None:
                        settled_by[name] = [factor_id]
                    elif factor_id not in into:
                        into.append(factor_id)
            continue
        # The facts behind the factor are those of its deciding leaves, in the
        # same order, each once; no leaf can settle the outcome alone.
        for name, value in result.facts.items():
            if value is None or (type(value) is tuple and value[0] != value[1]):
                into = settled_by.get(name)
                if into is None:
                    settled_by[name] = [factor_id]
                else:
                    into.append(factor_id)
    asked = _asked_together()
    ranked = sorted(
        [
            (name not in alone, -len(factors), asked[name].order, name)
            for name, factors in settled_by.items()
        ]
    )
    # Facts asked by the same question (one per value of a list, such as each kind
    # of survivor) become one question, placed where its first fact ranks.
    groups: list[list[Any]] = []  # [fact, facts, factors, decisive]
    shared: dict[tuple[str, str], list[Any]] = {}
    for later, _, _, name in ranked:
        entry = asked[name]
        factors = settled_by[name]
        if not entry.shared:
            groups.append([name, (name,), factors, not later])
            continue
        group = shared.get(entry.key)
        if group is None:
            group = shared[entry.key] = [name, [name], factors, not later]
            groups.append(group)
            continue
        group[1].append(name)
        group[2] = group[2] + [f for f in factors if f not in group[2]]
        group[3] = group[3] or not later
    made = []
    new = tuple.__new__  # a named tuple without the call through its __new__
    for name, names, factors, decisive in groups:
        entry = asked[name]
        made.append(
            new(
                Question,
                (
                    name,
                    entry.field,
                    entry.prompt,
                    tuple(factors),
                    decisive,
                    tuple(names),
                ),
            )
        )
    return (tuple(made), ()) if open_outcome else ((), tuple(made))


def _unsettled(value: Any) -> bool:
    return value is None or (isinstance(value, tuple) and value[0] != value[1])


def _settling(
    program: Program, values: tuple[Any, ...], root: int
) -> tuple[tuple[tuple[str, ...], bool], ...]:
    """Each deciding leaf of a root: the facts it reads, and whether it alone,
    set the right way, makes the root hold. Kept per shape of the values, as
    explanations are (:func:`amparo.engine.assess.explain`)."""
    from amparo.engine.assess import explain

    def make() -> tuple[tuple[tuple[str, ...], bool], ...]:
        return tuple(
            (program.names[leaf], _alone_settles(program, values, root, leaf))
            for leaf in explain(program, values, root).leaves
        )

    key = (root, program.shapes[root](values), "settling")
    found: tuple[tuple[tuple[str, ...], bool], ...] = program.kept(key, make)
    return found


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

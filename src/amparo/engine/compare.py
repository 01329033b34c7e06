"""One person under several frameworks, side by side, and what the difference shows.

The comparison assesses a case under protection-first and under every official
framework in force on the date (or those named), and flags two things an
advocate's request can use:

``priority_only_on_not_weighed``
    An official priority category holds, and every fact behind it is one the
    protection-first framework refuses to weigh (a recent entry, a contact with the
    criminal legal system, an immigration violation, a prior removal order). The
    flag names that not-weighed kind and the facts.

``not_a_priority_even_officially``
    The person is no priority even under the official framework: either its
    outcome says so (``not_presumed_priority``, ``not_priority``), or — while other
    questions stay open — the record the person does have (convictions, say) is
    known not to make them a priority in a category: every prong of the
    category that reads that record is known not to hold. The letter's Frank
    ("no aggravated felony or other 'priority' convictions") and the people denied
    over DUI convictions are the examples.

Which facts a prong "reads about a record" is decided from the fact catalogue: a
fact belongs to the record named by the first two parts of its field
(``criminal_legal_history.convictions``), and a record is present when the
protection-first assessment lists a fact of it among the facts not weighed.
This is the project's reading of the comparison the letter draws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from amparo.engine.assess import Assessment, NotWeighedResult, assess_facts
from amparo.facts.catalogue import FactValue, catalogue
from amparo.rules.framework import DECISIVE_ROLES, Framework
from amparo.rules.registry import (
    OFFICIAL,
    OfficialOnDay,
    framework_ids,
    get_framework,
    official_on,
)

if TYPE_CHECKING:
    from amparo.cases.model import Case

FlagKind = Literal["priority_only_on_not_weighed", "not_a_priority_even_officially"]
PROTECTION_FIRST = "protection-first"


@dataclass(frozen=True, slots=True)
class Flag:
    kind: FlagKind
    framework: Framework
    category: str | None  # None: the framework's outcome as a whole
    # the not-weighed kinds involved, in the letter's order
    not_weighed: tuple[str, ...]
    facts: Mapping[str, FactValue]


@dataclass(frozen=True)
class Comparison:
    case_id: str
    assessed_on: dt.date
    official: OfficialOnDay
    results: tuple[Assessment, ...]
    flags: tuple[Flag, ...]


def default_frameworks(day: dt.date) -> list[Framework]:
    """Protection-first, then every official framework in force on ``day``."""
    official_order = {"enforcement": 0, "reading": 1, "proceedings": 2}
    chosen = [
        f
        for f in map(get_framework, framework_ids())
        if f.official is not None and f.in_force_on(day)
    ]
    chosen.sort(key=lambda f: (official_order.get(f.official or "", 3), f.id))
    return [get_framework(PROTECTION_FIRST), *chosen]


def choose_frameworks(names: Sequence[str] | None, day: dt.date) -> list[Framework]:
    """The frameworks named (``official`` resolving on ``day``), or the default set.

    Raises:
        LookupFailedError: a name is not a framework.
    """
    if not names:
        return default_frameworks(day)
    out: list[Framework] = []
    for name in names:
        if name == OFFICIAL:
            found = official_on(day).framework
            if found is None:
                continue  # the comparison states why none was in force
            framework = found
        else:
            framework = get_framework(name)
        if framework not in out:
            out.append(framework)
    return out


def compare_case(
    case: Case, frameworks: Sequence[str] | None = None, on: dt.date | None = None
) -> Comparison:
    """Assess ``case`` under each framework and flag what the comparison shows."""
    from amparo.facts.derive import derive_facts

    day = on or case.assessed_on or dt.date.today()
    facts = derive_facts(case, day)
    return compare_facts(facts, day, case.id, choose_frameworks(frameworks, day))


def compare_facts(
    facts: Mapping[str, FactValue],
    day: dt.date,
    case_id: str,
    frameworks: Iterable[Framework],
) -> Comparison:
    results = tuple(assess_facts(f, facts, day, case_id) for f in frameworks)
    protection = next(
        (r for r in results if r.framework.id == PROTECTION_FIRST),
        None,
    ) or assess_facts(get_framework(PROTECTION_FIRST), facts, day, case_id)
    flags: list[Flag] = []
    for result in results:
        if result.framework.kind == "enforcement" and result.in_force:
            flags.extend(find_flags(result, protection))
    return Comparison(case_id, day, official_on(day), results, tuple(flags))


def find_flags(official: Assessment, protection: Assessment) -> list[Flag]:
    """The flags one official assessment raises against the protection-first one."""
    kinds = _kind_of_fact(protection.framework)
    order = [item.id for item in protection.framework.not_weighed]
    flags = [
        *_priority_only_on_not_weighed(official, kinds, order),
        *_not_a_priority(official, protection.not_weighed),
    ]
    return flags


def _kind_of_fact(framework: Framework) -> dict[str, str]:
    """Each fact protection-first refuses to weigh (or shows with it) -> its kind."""
    out: dict[str, str] = {}
    for item in framework.not_weighed:
        for fact in item.facts + item.shows:
            out.setdefault(fact, item.id)
    return out


def _priority_only_on_not_weighed(
    official: Assessment, kinds: Mapping[str, str], order: list[str]
) -> list[Flag]:
    flags = []
    for category in official.framework.categories:
        if official.categories.get(category.id) is not True:
            continue
        behind: dict[str, FactValue] = {}
        for result in official.factors:
            if (
                result.factor.category == category.id
                and result.factor.role in DECISIVE_ROLES
                and result.value is True
            ):
                behind.update(result.facts)
        if behind and all(name in kinds for name in behind):
            involved = {kinds[name] for name in behind}
            flags.append(
                Flag(
                    "priority_only_on_not_weighed",
                    official.framework,
                    category.id,
                    tuple(k for k in order if k in involved),
                    behind,
                )
            )
    return flags


def _not_a_priority(
    official: Assessment, present: tuple[NotWeighedResult, ...]
) -> list[Flag]:
    framework = official.framework
    if official.outcome in framework.not_priority_outcomes:
        facts: dict[str, FactValue] = {}
        for item in present:
            facts.update(item.facts)
        return [
            Flag(
                "not_a_priority_even_officially",
                framework,
                None,
                tuple(item.item.id for item in present),
                facts,
            )
        ]
    if official.outcome in framework.priority_outcomes:
        return []
    cat = catalogue()
    flags = []
    for category in framework.categories:
        if official.categories.get(category.id) is True:
            continue
        for item in present:
            records = {_record(cat[name].field) for name in item.facts}
            bearing = [
                r
                for r in official.factors
                if r.factor.category == category.id
                and r.factor.role in DECISIVE_ROLES
                and any(_record(cat[name].field) in records for name in r.facts)
            ]
            if bearing and all(r.value is False for r in bearing):
                facts = dict(item.facts)
                for r in bearing:
                    facts.update(r.facts)
                flags.append(
                    Flag(
                        "not_a_priority_even_officially",
                        framework,
                        category.id,
                        (item.item.id,),
                        facts,
                    )
                )
    return flags


def _record(field: str) -> str:
    """The record a fact describes: the first two parts of its case-document field."""
    return ".".join(field.split(".")[:2])
